import { AGENT_STATES, type AgentSnapshot, type AgentState, type PhoneRegistration } from '@cc1357/contracts';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../app/useNow';
import { formatDuration, secondsSince } from '../../lib/format';

/**
 * Agents by state: counts on top, then every agent with how long they have been in it, and a
 * warning next to an agent whose desk phone is not registered (calls cannot reach them).
 */
export function AgentBoard({
  counts,
  agents,
  phones = {},
}: {
  counts: Record<AgentState, number>;
  agents: AgentSnapshot[];
  phones?: Record<string, PhoneRegistration>;
}) {
  const { t } = useTranslation();
  const now = useNow();
  return (
    <section className="panel" aria-labelledby="agents-title">
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
            </tr>
          </thead>
          <tbody>
            {agents.map((a) => (
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
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
