import { MY_DAY_MAX_CALLS, QUEUES, type MyDay, type MyDayCall, type QueueId } from '@cc1357/contracts';
import { useRef, useState, type KeyboardEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../api';
import { queueLabel } from '../../i18n/labels';
import { formatDuration } from '../../lib/format';
import { MY_DAY_SHORTCUT, myDayCards, rowAfterKey, seoulClock } from './my-day-model';
import { useMyDay, type MyDayState } from './useMyDay';

export const MY_DAY_PANEL_ID = 'my-day-panel';

/** The panel wired to crm-api (GET /api/me/day), shown while `open`. */
export function MyDaySection({
  api,
  open,
  onClose,
  headingRef,
}: {
  api: ApiClient;
  open: boolean;
  onClose: () => void;
  headingRef?: Ref<HTMLHeadingElement>;
}) {
  const state = useMyDay(api, open);
  if (!open) return null;
  return <MyDayPanel state={state} onRefresh={state.reload} onClose={onClose} headingRef={headingRef} />;
}

/** 내 하루: the day's figures as cards and the day's calls as a table (newest first). */
export function MyDayPanel({
  state,
  onRefresh,
  onClose,
  headingRef,
}: {
  state: MyDayState;
  onRefresh: () => void;
  onClose: () => void;
  headingRef?: Ref<HTMLHeadingElement> | undefined;
}) {
  const { t } = useTranslation();
  const day = state.value;
  return (
    <section id={MY_DAY_PANEL_ID} className="panel my-day" aria-labelledby="my-day-title" data-testid="my-day">
      <div className="panel-head">
        <h2 id="my-day-title" ref={headingRef} tabIndex={-1}>
          {day ? t('myDay.title', { date: day.date }) : t('myDay.open')}
        </h2>
        <div className="inline-field">
          <button type="button" className="btn" onClick={onRefresh} data-testid="my-day-refresh">
            {t('myDay.refresh')}
          </button>
          <button
            type="button"
            className="btn"
            onClick={onClose}
            aria-keyshortcuts={MY_DAY_SHORTCUT}
            aria-controls={MY_DAY_PANEL_ID}
          >
            {t('myDay.close')} <kbd>{MY_DAY_SHORTCUT}</kbd>
          </button>
        </div>
      </div>
      {state.error ? (
        <p className="alert alert-error" role="alert" data-testid="my-day-error">
          {t('myDay.error', { message: state.error.message })}
        </p>
      ) : null}
      {state.loading ? (
        <p role="status" data-testid="my-day-loading">
          {t('myDay.loading')}
        </p>
      ) : null}
      {day ? <MyDayContent day={day} /> : null}
    </section>
  );
}

function MyDayContent({ day }: { day: MyDay }) {
  const { t } = useTranslation();
  return (
    <>
      {day.agentId === null ? <p className="muted">{t('myDay.noAgent')}</p> : null}
      <ul className="kpis" aria-label={t('myDay.figures')} data-testid="my-day-figures">
        {myDayCards(day).map((card) => (
          <li
            key={card.id}
            className={`kpi ${card.hot ? 'hot' : ''}`}
            data-testid={`my-day-${card.id}`}
            title={card.formula}
          >
            <span className="kpi-value">{card.value}</span>
            <span className="kpi-label">{t(`myDay.${card.id}`)}</span>
            {card.id === 'outbound' ? (
              <span className="muted">{t('myDay.outboundAnswered', card.detail)}</span>
            ) : card.id === 'aht' ? (
              <span className="muted">{t('myDay.handleTotal', card.detail)}</span>
            ) : card.id === 'missed' ? (
              <span className="muted">{t('myDay.offeredOf', card.detail)}</span>
            ) : null}
          </li>
        ))}
      </ul>
      <MyCallsTable calls={day.calls} truncated={day.truncated} />
    </>
  );
}

function MyCallsTable({ calls, truncated }: { calls: MyDayCall[]; truncated: boolean }) {
  const { t, i18n } = useTranslation();
  const [active, setActive] = useState(0);
  const rows = useRef<Array<HTMLTableRowElement | null>>([]);
  if (calls.length === 0) return <p className="muted">{t('myDay.noCalls')}</p>;
  const focusable = Math.min(active, calls.length - 1);
  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    const next = rowAfterKey(event.key, focusable, calls.length);
    if (next === null) return;
    event.preventDefault();
    setActive(next);
    rows.current[next]?.focus();
  };
  const queueName = (q: string | null) =>
    q === null ? t('myDay.none') : QUEUES.some((x) => x.id === q) ? queueLabel(q as QueueId, i18n.language) : q;
  return (
    <>
      {truncated ? (
        <p className="alert alert-info" role="note">
          {t('myDay.callsTruncated', { max: MY_DAY_MAX_CALLS })}
        </p>
      ) : null}
      <p id="my-day-table-hint" className="sr-only">
        {t('myDay.tableHint')}
      </p>
      <table className="table compact" aria-describedby="my-day-table-hint" data-testid="my-day-calls">
        <caption>{t('myDay.calls', { max: MY_DAY_MAX_CALLS })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('myDay.col.time')}</th>
            <th scope="col">{t('myDay.col.caller')}</th>
            <th scope="col">{t('myDay.col.company')}</th>
            <th scope="col">{t('myDay.col.queue')}</th>
            <th scope="col" className="num">
              {t('myDay.col.duration')}
            </th>
            <th scope="col">{t('myDay.col.outcome')}</th>
            <th scope="col">{t('myDay.col.consultation')}</th>
            <th scope="col">{t('myDay.col.recording')}</th>
          </tr>
        </thead>
        <tbody onKeyDown={onKeyDown}>
          {calls.map((c, i) => (
            <tr
              key={c.callId}
              ref={(el) => {
                rows.current[i] = el;
              }}
              tabIndex={i === focusable ? 0 : -1}
              onFocus={() => setActive(i)}
              data-call-id={c.callId}
              data-outcome={c.outcome}
            >
              <th scope="row">
                <time dateTime={c.at}>{seoulClock(c.at)}</time>
              </th>
              <td>{c.callerNumber ?? t('myDay.withheld')}</td>
              <td>{c.companyName ?? t('myDay.none')}</td>
              <td>{queueName(c.queue)}</td>
              <td className="num">{formatDuration(c.talkSeconds)}</td>
              <td className={c.outcome === 'missed' ? 'hot' : undefined}>{t(`myDay.outcomeLabel.${c.outcome}`)}</td>
              <td>{c.consultationId ? t('myDay.written') : t('myDay.notWritten')}</td>
              <td>{c.recordingName ?? t('myDay.none')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
