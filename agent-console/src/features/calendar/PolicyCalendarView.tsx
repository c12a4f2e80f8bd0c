import { CATEGORY_CODES } from '@cc1357/contracts';
import { useMemo, useState, type CSSProperties } from 'react';
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
      {error ? (
        <p className="alert alert-error" role="alert">
          {error.message}
        </p>
      ) : null}
      {!timeline || !calendar ? (
        <p className="muted" role="status">
          {t('common.loading')}
        </p>
      ) : (
        <>
          <section className="panel">
            <TimelineChart timeline={timeline} />
            <ul className="legend" aria-hidden="true">
              {CATEGORY_CODES.filter((c) => timeline.bars.some((b) => b.category === c)).map((c) => (
                <li key={c}>
                  <span className="swatch" style={{ background: CATEGORY_COLORS[c] }} />{' '}
                  {categoryLabel(c, i18n.language)}
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
              <button
                type="button"
                className="btn field-button"
                disabled={number.replace(/\D/g, '').length < 10}
                onClick={() => setSmsOpen(true)}
              >
                {t('calendar.compose')}
              </button>
            </div>
            {smsOpen && number ? (
              <SmsComposer
                key={number}
                api={api}
                number={number}
                initialTemplate="calendar"
                calendarWeeks={Math.min(weeks, 12)}
                idPrefix="cal-sms"
              />
            ) : null}
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
                              <span className="tag">{categoryLabel(p.category, i18n.language)}</span> {p.name}{' '}
                              <span className="muted small">
                                {p.agency} · {t('insights.period', { opens: p.opensOn, closes: p.closesOn })}
                                {p.announcedOn ? '' : ` · ${t('calendar.planned')}`}
                              </span>
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

/**
 * A Gantt-like timeline: one row per program, the bar from opening to closing day. Positions are
 * percentages of the track, so the chart uses the whole panel at any width; names wrap in their
 * column (never cut) and carry the full name as a tooltip too.
 */
export function TimelineChart({ timeline }: { timeline: Timeline }) {
  const { t } = useTranslation();
  const pct = (days: number) => `${((days / timeline.days) * 100).toFixed(3)}%`;
  const weeks = { '--weeks': timeline.weekStarts.length || 1 } as CSSProperties;
  return (
    <figure className="chart" aria-label={t('calendar.chart')}>
      <figcaption>{t('calendar.chart')}</figcaption>
      <div className="timeline" aria-hidden="true" data-testid="calendar-timeline">
        <div className="timeline-row timeline-head">
          <span className="timeline-name" />
          <div className="timeline-track" style={weeks}>
            {timeline.weekStarts.map((w, i) => (
              <span key={w} className="timeline-week" style={{ left: pct(i * 7) }}>
                {w.slice(5).replace('-', '/')}
              </span>
            ))}
          </div>
        </div>
        {timeline.bars.length === 0 ? <p className="muted">{t('calendar.none')}</p> : null}
        {timeline.bars.map((b) => (
          <div key={b.id} className="timeline-row" data-program={b.id}>
            <span className="timeline-name" title={b.name}>
              {b.name}
            </span>
            <div className="timeline-track" style={weeks}>
              <span
                className={`timeline-bar ${b.clippedEnd ? 'open-end' : ''}`}
                style={{
                  left: pct(b.start),
                  width: pct(Math.max(0.3, b.end - b.start)),
                  background: CATEGORY_COLORS[b.category],
                  opacity: b.planned ? 0.55 : 1,
                }}
              >
                {b.opensOn.slice(5)}
              </span>
            </div>
          </div>
        ))}
      </div>
    </figure>
  );
}
