import { CATEGORY_CODES } from '@cc1357/contracts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../api';
import { categoryLabel } from '../../i18n/labels';
import { useLoaded } from '../../lib/useLoaded';
import { SmsComposer } from '../sms/SmsComposer';
import { CATEGORY_COLORS, timelineOf, type Timeline } from './timeline-model';

const WEEK_CHOICES = [4, 8, 12] as const;

/** Programs opening in the coming weeks as a timeline (and a table by week), with "send by SMS". */
export function PolicyCalendarView({ api }: { api: ApiClient }) {
  const { t, i18n } = useTranslation();
  const [weeks, setWeeks] = useState<number>(8);
  const [number, setNumber] = useState('');
  const [smsOpen, setSmsOpen] = useState(false);

  // The chosen span's calendar; the previous one stays up until it arrives.
  const { value: calendar, error } = useLoaded(() => api.calendar({ weeks }), [api, weeks]);
  const timeline = useMemo(() => (calendar ? timelineOf(calendar) : null), [calendar]);

  return (
    <div className="wallboard" data-testid="calendar-view">
      <div className="wallboard-head">
        <h2>{t('calendar.title')}</h2>
        <label className="inline-field">
          <span>{t('calendar.weeks')}</span>
          <select value={weeks} onChange={(e) => setWeeks(Number(e.target.value))}>
            {WEEK_CHOICES.map((w) => (
              <option key={w} value={w}>
                {t('calendar.weeksValue', { count: w })}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error ? <p className="alert alert-error" role="alert">{error.message}</p> : null}
      {!timeline || !calendar ? (
        <p className="muted" role="status">{t('common.loading')}</p>
      ) : (
        <>
          <section className="panel">
            <TimelineChart timeline={timeline} />
            <ul className="legend" aria-hidden="true">
              {CATEGORY_CODES.filter((c) => timeline.bars.some((b) => b.category === c)).map((c) => (
                <li key={c}>
                  <span className="swatch" style={{ background: CATEGORY_COLORS[c] }} /> {categoryLabel(c, i18n.language)}
                </li>
              ))}
            </ul>
          </section>
          <section className="panel" aria-labelledby="cal-sms">
            <div className="panel-head">
              <h3 id="cal-sms">{t('calendar.sendSms')}</h3>
            </div>
            <div className="form-row filters">
              <div className="field">
                <label htmlFor="cal-number">{t('calendar.number')}</label>
                <input id="cal-number" inputMode="tel" value={number} onChange={(e) => setNumber(e.target.value)} />
              </div>
              <button type="button" className="btn field-button" disabled={number.replace(/\D/g, '').length < 10} onClick={() => setSmsOpen(true)}>
                {t('calendar.compose')}
              </button>
            </div>
            {smsOpen && number ? <SmsComposer key={number} api={api} number={number} initialTemplate="calendar" calendarWeeks={Math.min(weeks, 12)} idPrefix="cal-sms" /> : null}
          </section>
          <section className="panel">
            <table className="table compact" data-testid="calendar-table">
              <caption>{t('calendar.byWeek')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('calendar.week')}</th>
                  <th scope="col">{t('calendar.programs')}</th>
                </tr>
              </thead>
              <tbody>
                {calendar.byWeek.map((w) => (
                  <tr key={w.weekStart}>
                    <th scope="row">{t('calendar.weekOf', { date: w.weekStart })}</th>
                    <td>
                      {w.programs.length === 0 ? (
                        <span className="muted">–</span>
                      ) : (
                        <ul className="plain">
                          {w.programs.map((p) => (
                            <li key={p.id}>
                              <span className="tag">{categoryLabel(p.category, i18n.language)}</span> {p.name} <span className="muted small">{p.agency} · {t('insights.period', { opens: p.opensOn, closes: p.closesOn })}{p.announcedOn ? '' : ` · ${t('calendar.planned')}`}</span>
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </div>
  );
}

/** A Gantt-like SVG: weeks across, one row per program, bar from opening to closing. */
function TimelineChart({ timeline }: { timeline: Timeline }) {
  const { t } = useTranslation();
  const labelW = 220;
  const dayW = 12;
  const rowH = 22;
  const width = labelW + timeline.days * dayW + 10;
  const height = 28 + Math.max(1, timeline.bars.length) * rowH;
  return (
    <figure className="chart" aria-label={t('calendar.chart')}>
      <figcaption>{t('calendar.chart')}</figcaption>
      <div className="timeline-scroll" aria-hidden="true">
        <svg width={width} height={height} role="presentation" data-testid="calendar-timeline">
          {timeline.weekStarts.map((w, i) => (
            <g key={w}>
              <line x1={labelW + i * 7 * dayW} x2={labelW + i * 7 * dayW} y1={18} y2={height} stroke="#d9dee8" />
              <text x={labelW + i * 7 * dayW + 3} y={13} fontSize={11} fill="#5b6577">
                {w.slice(5).replace('-', '/')}
              </text>
            </g>
          ))}
          {timeline.bars.length === 0 ? (
            <text x={labelW} y={44} fontSize={13} fill="#5b6577">
              {t('calendar.none')}
            </text>
          ) : null}
          {timeline.bars.map((b, i) => {
            const y = 24 + i * rowH;
            return (
              <g key={b.id} data-program={b.id}>
                <text x={4} y={y + 14} fontSize={12} fill="#1b2333">
                  {b.name.length > 17 ? `${b.name.slice(0, 16)}…` : b.name}
                </text>
                <rect x={labelW + b.start * dayW} y={y + 3} width={Math.max(3, (b.end - b.start) * dayW)} height={rowH - 8} rx={b.clippedEnd ? 0 : 4} fill={CATEGORY_COLORS[b.category]} opacity={b.planned ? 0.55 : 1} />
                <text x={labelW + b.start * dayW + 4} y={y + 14} fontSize={10} fill="#ffffff">
                  {b.opensOn.slice(5)}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
    </figure>
  );
}
