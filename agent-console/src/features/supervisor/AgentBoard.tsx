import {
  AGENT_STATES,
  type AgentState,
  DEFAULT_SKILL_LEVEL,
  type PhoneRegistration,
  type QueueId,
  skillLevelOf,
} from '@cc1357/contracts';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../app/useNow';
import { queueLabel } from '../../i18n/labels';
import { formatDuration, secondsSince } from '../../lib/format';
import type { AgentRow } from './coverage-model';

/**
 * Agents by state: counts on top, then every agent with how long they have been in it, their
 * skills, the caller they hold (masked number, company, queue), today's handled calls and
 * average handle time, a warning when their desk phone is not registered (calls cannot reach
 * them), and — when `onAct` is given — a button opening the supervisor's actions on them.
 */
export function AgentBoard({
  counts,
  agents,
  phones = {},
  selected = null,
  onAct,
}: {
  counts: Record<AgentState, number>;
  agents: AgentRow[];
  phones?: Record<string, PhoneRegistration>;
  /** The agent whose actions panel is open. */
  selected?: string | null;
  onAct?: (agentId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  // A level shows only where it differs from the default, so a floor without levels reads as before.
  const skillsOf = (skills: string[], levels: Record<string, number> | undefined) =>
    skills.length === 0
      ? t('supervisor.noSkills')
      : skills
          .map((s) => {
            const skill = queueLabel(s as QueueId, i18n.language);
            const level = skillLevelOf(levels, s);
            return level === DEFAULT_SKILL_LEVEL ? skill : t('supervisor.skillWithLevel', { skill, level });
          })
          .join(', ');
  return (
    <section className="panel agent-board" aria-labelledby="agents-title">
      <h2 id="agents-title">{t('supervisor.agents')}</h2>
      <ul className="state-counts" data-testid="agent-counts">
        {AGENT_STATES.map((s) => (
          <li key={s} className={`state-count state-${s}`} data-state={s}>
            <span className="count">{counts[s]}</span>
            <span>{t(`agentStates.${s}`)}</span>
          </li>
        ))}
      </ul>
      {agents.length === 0 ? (
        <p className="muted">{t('supervisor.noAgents')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('supervisor.agentName')}</th>
              <th scope="col">{t('supervisor.agentState')}</th>
              <th scope="col" className="num">
                {t('supervisor.agentSince')}
              </th>
              <th scope="col">{t('supervisor.skills')}</th>
              <th scope="col">{t('supervisor.currentCall')}</th>
              <th scope="col" className="num">
                {t('supervisor.handledToday')}
              </th>
              <th scope="col" className="num">
                {t('supervisor.handleTime')}
              </th>
              {onAct ? <th scope="col">{t('agentActions.open')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {agents.map((a) => {
              const call = a.detail?.call ?? null;
              return (
                <tr key={a.agentId} data-agent={a.agentId}>
                  <th scope="row">
                    {a.displayName} <span className="muted">({a.agentId})</span>
                    {phones[a.agentId] && phones[a.agentId] !== 'registered' ? (
                      <span className="phone-badge" data-testid="phone-badge" data-registration={phones[a.agentId]}>
                        {' '}
                        {t(
                          phones[a.agentId] === 'unregistered'
                            ? 'supervisor.phoneUnregistered'
                            : 'supervisor.phoneUnreachable',
                        )}
                      </span>
                    ) : null}
                  </th>
                  <td>
                    <span className={`state-badge state-${a.state}`}>
                      {t(`agentStates.${a.state}`)}
                      {a.state === 'notReady' && a.reason ? ` · ${t(`reasons.${a.reason}`)}` : ''}
                    </span>
                  </td>
                  <td className="num">{formatDuration(secondsSince(a.since, now))}</td>
                  <td data-col="skills">{skillsOf(a.skills, a.skillLevels)}</td>
                  <td data-col="call">
                    {call ? (
                      <>
                        {call.queue ? `${queueLabel(call.queue, i18n.language)} · ` : ''}
                        {call.callerNumber ?? t('supervisor.withheld')}
                        {call.company ? ` · ${call.company}` : ''}
                      </>
                    ) : (
                      <span className="muted">–</span>
                    )}
                  </td>
                  <td className="num" data-col="handled">
                    {a.detail ? a.detail.handledToday : '–'}
                  </td>
                  <td className="num" data-col="aht">
                    {a.averageHandleSeconds === null ? '–' : formatDuration(a.averageHandleSeconds)}
                  </td>
                  {onAct ? (
                    <td>
                      <button
                        type="button"
                        className="btn"
                        data-action="open"
                        aria-label={t('agentActions.openFor', { name: a.displayName })}
                        aria-expanded={selected === a.agentId}
                        aria-controls={selected === a.agentId ? 'agent-actions' : undefined}
                        onClick={() => onAct(a.agentId)}
                      >
                        {t('agentActions.open')}
                      </button>
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
