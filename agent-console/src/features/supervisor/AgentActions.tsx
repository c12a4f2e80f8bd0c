import { NOT_READY_REASONS, QUEUE_IDS, type CommandAck, type NotReadyReason, skillLevelOf } from '@cc1357/contracts';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queueLabel } from '../../i18n/labels';
import { holdsCaller, type AgentActionCommand, type AgentRow } from './coverage-model';
import { SKILL_LEVEL_CHOICES, skillsCommand } from './skill-levels';

type Outcome = { ok: true; action: 'notReady' | 'logout' | 'skills' } | { ok: false; message: string; code: string };

/**
 * A supervisor's actions on one counselor: force Not ready (with a reason), log out (after a
 * confirmation), change skills. telephony checks and audits each; its refusal (an agent with a
 * caller, bad input) is shown as it came. Keyboard: every control is a labelled button or field;
 * the confirmation takes the focus on Cancel (the safe choice) and Escape closes it. Mounted with
 * the agent id as its key: another agent picked starts afresh from their skills and levels.
 * Each picked skill has a level (1–5, default 3; the ACD prefers higher levels).
 */
export function AgentActions({
  agent,
  send,
  onClose,
  confirming: initiallyConfirming = false,
}: {
  agent: AgentRow;
  send: (command: AgentActionCommand) => Promise<CommandAck>;
  onClose: () => void;
  /** Start with the log-out confirmation open (tests of its markup). */
  confirming?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [reason, setReason] = useState<NotReadyReason>('meeting');
  const [skills, setSkills] = useState<Set<string>>(() => new Set(agent.skills));
  const [levels, setLevels] = useState<Record<string, number>>(() =>
    Object.fromEntries(QUEUE_IDS.map((q) => [q, skillLevelOf(agent.skillLevels, q)])),
  );
  const [confirming, setConfirming] = useState(initiallyConfirming);
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) cancel.current?.focus();
  }, [confirming]);
  const run = async (command: AgentActionCommand, action: 'notReady' | 'logout' | 'skills') => {
    if (pending) return;
    setPending(true);
    setOutcome(null);
    try {
      const ack = await send(command);
      setOutcome(ack.ok ? { ok: true, action } : { ok: false, message: ack.error.message, code: ack.error.code });
    } finally {
      setPending(false);
      setConfirming(false);
    }
  };
  const busy = holdsCaller(agent);
  const name = agent.displayName;

  return (
    <section
      className="panel agent-actions"
      id="agent-actions"
      aria-labelledby="agent-actions-title"
      data-testid="agent-actions"
    >
      <div className="wallboard-head">
        <h2 id="agent-actions-title">{t('agentActions.title', { name, agentId: agent.agentId })}</h2>
        <button type="button" className="btn" onClick={onClose}>
          {t('agentActions.close')}
        </button>
      </div>
      <div role="status" aria-live="polite">
        {outcome?.ok ? (
          <p className="alert alert-ok" data-testid="agent-action-done">
            {t(`agentActions.done.${outcome.action}`, { name })}
          </p>
        ) : null}
      </div>
      {outcome && !outcome.ok ? (
        <p className="alert alert-error" role="alert" data-testid="agent-action-error">
          {t('agentActions.failed', { message: outcome.message })} <code>{outcome.code}</code>
        </p>
      ) : null}
      {busy ? (
        <p className="alert alert-warn" data-testid="agent-with-call">
          {t('agentActions.withCall')}
        </p>
      ) : null}

      <div className="call-controls">
        <label>
          {t('agentActions.reason')}{' '}
          <select value={reason} onChange={(e) => setReason(e.target.value as NotReadyReason)} disabled={pending}>
            {NOT_READY_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`reasons.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="btn"
          data-action="notReady"
          disabled={pending || busy || agent.state === 'offline'}
          onClick={() =>
            void run({ event: 'supervisor.agent.notReady.v1', payload: { agentId: agent.agentId, reason } }, 'notReady')
          }
        >
          {t('agentActions.notReady')}
        </button>
        <button
          type="button"
          className="btn btn-danger"
          data-action="logout"
          disabled={pending || busy || agent.state === 'offline'}
          onClick={() => setConfirming(true)}
        >
          {t('agentActions.logout')}
        </button>
      </div>

      {confirming ? (
        <div
          className="dialog"
          role="alertdialog"
          aria-modal="true"
          aria-labelledby="logout-confirm-title"
          aria-describedby="logout-confirm-body"
          data-testid="logout-confirm"
          onKeyDown={(e) => {
            if (e.key === 'Escape') setConfirming(false);
          }}
        >
          <h3 id="logout-confirm-title">{t('agentActions.confirmTitle', { name })}</h3>
          <p id="logout-confirm-body">{t('agentActions.confirmBody')}</p>
          <div className="call-controls">
            <button type="button" className="btn" ref={cancel} onClick={() => setConfirming(false)}>
              {t('agentActions.cancel')}
            </button>
            <button
              type="button"
              className="btn btn-danger"
              data-action="logout-confirm"
              disabled={pending}
              onClick={() =>
                void run({ event: 'supervisor.agent.logout.v1', payload: { agentId: agent.agentId } }, 'logout')
              }
            >
              {t('agentActions.confirm')}
            </button>
          </div>
        </div>
      ) : null}

      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run(
            { event: 'supervisor.agent.skills.v1', payload: skillsCommand(agent.agentId, skills, levels) },
            'skills',
          );
        }}
      >
        <fieldset>
          <legend>{t('agentActions.skills')}</legend>
          {QUEUE_IDS.map((q) => (
            <label key={q} className="radio">
              <input
                type="checkbox"
                name="skills"
                value={q}
                checked={skills.has(q)}
                disabled={pending}
                onChange={(e) =>
                  setSkills((prev) => {
                    const next = new Set(prev);
                    if (e.target.checked) next.add(q);
                    else next.delete(q);
                    return next;
                  })
                }
              />{' '}
              {queueLabel(q, i18n.language)}
              {skills.has(q) ? (
                <select
                  className="skill-level"
                  aria-label={t('agentActions.level', { skill: queueLabel(q, i18n.language) })}
                  value={levels[q]}
                  disabled={pending}
                  onChange={(e) => setLevels((prev) => ({ ...prev, [q]: Number(e.target.value) }))}
                >
                  {SKILL_LEVEL_CHOICES.map((l) => (
                    <option key={l} value={l}>
                      {l}
                    </option>
                  ))}
                </select>
              ) : null}
            </label>
          ))}
          <p className="muted small">{t('agentActions.levelHint')}</p>
        </fieldset>
        <button type="submit" className="btn" data-action="skills" disabled={pending}>
          {t('agentActions.saveSkills')}
        </button>
      </form>
      <p className="muted small">{t('agentActions.audited')}</p>
    </section>
  );
}
