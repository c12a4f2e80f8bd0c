-- Agent state changes (issue 16): every committed move of telephony's agent state machine, sent
-- through its outbox (POST /api/internal/agent-state-changes). The report folds them into staffed
-- time per agent and interval (domain/staffedTime.ts) for occupancy.v2 = busy ÷ staffed.
CREATE TABLE agent_state_changes (
  -- Chosen by telephony (uuid): a re-sent change is stored once.
  id          text PRIMARY KEY,
  agent_id    text NOT NULL,
  from_state  text NOT NULL,
  state       text NOT NULL,
  -- The Not ready reason of `state`; null in other states.
  reason      text,
  call_id     text,
  at          timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
-- Each agent's last change before a period (one probe per agent, ties by id) and an agent's history.
CREATE INDEX agent_state_changes_agent_at_idx ON agent_state_changes (agent_id, at, id);
-- The changes inside a report's period.
CREATE INDEX agent_state_changes_at_idx ON agent_state_changes (at);
