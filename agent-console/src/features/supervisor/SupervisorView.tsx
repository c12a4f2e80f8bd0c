import type { PhoneRegistration } from '@cc1357/contracts';
import { LiveMonitor } from './LiveMonitor';
import { applyMonitorState, liveCalls, type MonitorSessions } from './monitor-model';
import { useMemo, useState } from 'react';
import type { ApiClient } from '../../api';
import { useTranslation } from 'react-i18next';
import { formatDuration, formatKstDateTime } from '../../lib/format';
import { useNow } from '../../app/useNow';
import { useLatestEvent, useRealtime, useRealtimeEvent } from '../../realtime';
import { AgentBoard } from './AgentBoard';
import { floorView, pickToday } from './floor-model';
import { QueueChart } from './QueueChart';
import { QueueTable } from './QueueTable';
import { useTodayStats } from './useTodayStats';
import { AgentActions } from './AgentActions';
import { CoverageAlert } from './CoverageAlert';
import { agentRows, queueCoverage } from './coverage-model';
import { RelayRateKpi, useRelayRate } from './RelayRateKpi';
import { DoorAlert, DoorKpi } from './DoorStatus';

/** The live wallboard, redrawn from every `floor.snapshot.v1` and each refresh of today's numbers. */
export function SupervisorView({ api, userId }: { api: ApiClient; userId: string }) {
  const { t } = useTranslation();
  // The snapshot pushed on join may predate this view (a supervisor switching tabs): start from it.
  const snapshot = useLatestEvent('floor.snapshot.v1');
  const rest = useTodayStats(api);
  const relayRate = useRelayRate(api);
  const now = useNow();
  // Desk phone registrations, pushed on join and on each change.
  const [phones, setPhones] = useState<Record<string, PhoneRegistration>>({});
  useRealtimeEvent('phone.state.v1', (p) => setPhones((prev) => ({ ...prev, [p.phone]: p.registration })));
  // Live monitoring sessions (every supervisor's), pushed on join and on each change.
  const rt = useRealtime();
  const [sessions, setSessions] = useState<MonitorSessions>({});
  useRealtimeEvent('monitor.state.v1', (s) => setSessions((prev) => applyMonitorState(prev, s)));
  const view = useMemo(() => {
    if (!snapshot) return null;
    const today =
      pickToday({ value: snapshot.value.today, receivedAt: snapshot.receivedAt }, rest) ?? snapshot.value.today;
    return floorView({ ...snapshot.value, today }, (now - snapshot.receivedAt) / 1000);
  }, [snapshot, rest, now]);
  // Why callers wait: who can take each queue (from the same snapshot).
  const coverage = useMemo(() => (snapshot ? queueCoverage(snapshot.value) : []), [snapshot]);
  const agents = useMemo(() => (view ? agentRows(view.agents, snapshot?.value.details) : []), [view, snapshot]);
  // The agent whose actions panel is open (a second press on their button closes it).
  const [selected, setSelected] = useState<string | null>(null);
  const selectedAgent = agents.find((a) => a.agentId === selected) ?? null;

  if (!view) {
    return (
      <section className="panel">
        <h2>{t('supervisor.title')}</h2>
        <p className="muted" role="status">
          {t('supervisor.noData')}
        </p>
      </section>
    );
  }
  return (
    <div className="wallboard">
      <div className="wallboard-head">
        <h2>{t('supervisor.title')}</h2>
        <span className="muted">{t('supervisor.updatedAt', { time: formatKstDateTime(view.at) })}</span>
      </div>
      <ul className="kpis kpis-wallboard" data-testid="kpis">
        <Kpi
          label={t('supervisor.waiting')}
          value={String(view.totals.waiting)}
          hot={view.totals.waiting > 0}
          testId="kpi-waiting"
        />
        <Kpi
          label={t('supervisor.longestWait')}
          value={formatDuration(view.totals.longestWaitSeconds)}
          testId="kpi-longest"
        />
        <Kpi label={t('supervisor.offered')} value={String(view.totals.offered)} testId="kpi-offered" />
        <Kpi label={t('supervisor.answered')} value={String(view.totals.answered)} testId="kpi-answered" />
        <Kpi label={t('supervisor.abandoned')} value={String(view.totals.abandoned)} testId="kpi-abandoned" />
        <RelayRateKpi stats={relayRate} />
        <DoorKpi door={view.door} />
      </ul>
      <DoorAlert door={view.door} />
      <CoverageAlert coverage={coverage} />
      <div className="wallboard-grid">
        <section className="panel" aria-label={t('supervisor.today')}>
          <QueueChart rows={view.rows} />
          <QueueTable rows={view.rows} totals={view.totals} coverage={coverage} />
          <p className="muted small">{t('supervisor.formula')}</p>
        </section>
        <AgentBoard
          counts={view.agentCounts}
          agents={agents}
          phones={phones}
          selected={selected}
          onAct={(agentId) => setSelected((current) => (current === agentId ? null : agentId))}
        />
      </div>
      {selectedAgent ? (
        <AgentActions
          key={selectedAgent.agentId}
          agent={selectedAgent}
          send={(c) => rt.command(c.event, c.payload)}
          onClose={() => setSelected(null)}
        />
      ) : null}
      <LiveMonitor
        rows={liveCalls(view.agents, sessions, userId)}
        sessions={sessions}
        userId={userId}
        send={(c) => rt.command(c.event, c.payload)}
      />
    </div>
  );
}

function Kpi({ label, value, hot = false, testId }: { label: string; value: string; hot?: boolean; testId: string }) {
  return (
    <li className={`kpi ${hot ? 'hot' : ''}`}>
      <span className="kpi-value" data-testid={testId}>
        {value}
      </span>
      <span className="kpi-label">{label}</span>
    </li>
  );
}
