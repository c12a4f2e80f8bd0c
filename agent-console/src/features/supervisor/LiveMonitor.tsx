import type { CommandAck, CommandErrorV1 } from '@cc1357/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../app/useNow';
import { formatDuration, secondsSince } from '../../lib/format';
import {
  MONITOR_MODES,
  modeCommand,
  myCall,
  type LiveCallRow,
  type MonitorCommand,
  type MonitorSessions,
} from './monitor-model';

/**
 * Live calls on the wallboard with listen / whisper / barge: a first press rings the
 * supervisor's own phone, a press on another mode of the same call switches without ringing
 * again, Stop hangs it up. Every use is audited by telephony; every supervisor sees who is on
 * which call.
 */
export function LiveMonitor({
  rows,
  sessions,
  userId,
  send,
}: {
  rows: LiveCallRow[];
  sessions: MonitorSessions;
  userId: string;
  send: (command: MonitorCommand) => Promise<CommandAck>;
}) {
  const { t } = useTranslation();
  const now = useNow();
  const [error, setError] = useState<CommandErrorV1 | null>(null);
  const [pending, setPending] = useState(false);
  const current = myCall(sessions, userId);

  const run = async (command: MonitorCommand | null) => {
    if (!command || pending) return;
    setPending(true);
    setError(null);
    try {
      const ack = await send(command);
      if (!ack.ok) setError(ack.error);
    } finally {
      setPending(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="monitor-title" data-testid="live-monitor">
      <h2 id="monitor-title">{t('monitor.title')}</h2>
      {error ? (
        <p className="alert alert-error" role="alert" data-testid="monitor-error">
          {error.message} <code>{error.code}</code>
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p className="muted">{t('monitor.noCalls')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('supervisor.agentName')}</th>
              <th scope="col" className="num">
                {t('monitor.talkTime')}
              </th>
              <th scope="col">{t('monitor.status')}</th>
              <th scope="col">{t('monitor.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.callId} data-call={row.callId}>
                <th scope="row">
                  {row.displayName} <span className="muted">({row.agentId})</span>
                </th>
                <td className="num">{formatDuration(secondsSince(row.since, now))}</td>
                <td data-testid="monitor-status">
                  {row.mine
                    ? t(`monitor.phase.${row.mine.phase}`, { mode: t(`monitor.modes.${row.mine.mode}`) })
                    : null}
                  {row.others.length > 0 ? (
                    <span className="muted"> {t('monitor.others', { count: row.others.length })}</span>
                  ) : null}
                </td>
                <td>
                  <div
                    className="call-controls"
                    role="group"
                    aria-label={t('monitor.modesFor', { name: row.displayName })}
                  >
                    {MONITOR_MODES.map((mode) => {
                      const command = modeCommand(row, mode, current);
                      const on = row.mine?.mode === mode;
                      return (
                        <button
                          key={mode}
                          type="button"
                          className="btn"
                          data-mode={mode}
                          aria-pressed={row.mine ? on : undefined}
                          disabled={pending || (!on && command === null)}
                          title={t(`monitor.hints.${mode}`)}
                          onClick={() => void run(command)}
                        >
                          {t(`monitor.modes.${mode}`)}
                        </button>
                      );
                    })}
                    {row.mine ? (
                      <button
                        type="button"
                        className="btn btn-danger"
                        data-mode="stop"
                        disabled={pending}
                        onClick={() => void run({ event: 'monitor.stop.v1', payload: { callId: row.callId } })}
                      >
                        {t('monitor.stop')}
                      </button>
                    ) : null}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted small">{t('monitor.audited')}</p>
    </section>
  );
}
