import { expect } from 'vitest';
import { type Center, type ConsoleClient, reachQueue, until } from './center';
import { ariRest } from './supervisor-console';

export interface ConnectedCall {
  callId: string;
  caller: string;
  agentLeg: string;
}

/** A counselor Ready, a known caller through the IVR, offered and answered: the connected call. */
export async function connectCall(center: Center, agent: ConsoleClient, agentId = '1001'): Promise<ConnectedCall> {
  expect(await agent.command('agent.ready.v1', {})).toEqual({ ok: true });
  const caller = await center.pbx.placeCall(center.callers.known[0]!);
  const callId = await reachQueue(center, caller);
  await agent.next('call.offered.v1', (p: { callId: string }) => p.callId === callId);
  expect(await agent.command('call.answer.v1', { callId })).toEqual({ ok: true });
  await agent.next('call.connected.v1', (p: { callId: string }) => p.callId === callId);
  const agentLeg = await until(async () => (await center.state.getCall(callId))?.agentChannelId, `${agentId} leg`);
  return { callId, caller, agentLeg };
}

interface MonitorState {
  callId: string;
  mode: string;
  phase: string;
  reason: string | null;
}

/** Waits for the nth `monitor.state.v1` (counting from `from`) that matches. */
export function monitorState(sup: ConsoleClient, match: (p: MonitorState) => boolean, from = 0): Promise<MonitorState> {
  return until(
    () =>
      sup.received.slice(from).find((r) => r.event === 'monitor.state.v1' && match(r.payload as MonitorState))
        ?.payload as MonitorState | undefined,
    'monitor.state.v1',
    20_000,
  );
}

/** The session's bridge and its channels, as ARI lists them (`<session>-mon`). */
export async function monitorBridge(center: Center): Promise<{ id: string; channels: string[] } | null> {
  const bridges = await ariRest(center.pbx.ari).bridges();
  return bridges.find((b) => b.id.startsWith('mon-') && b.id.endsWith('-mon')) ?? null;
}

/** Once the supervisor hears the call in `mode`: the bridge holds their phone and exactly one snoop. */
export async function bridgedIn(center: Center): Promise<{ bridge: string; supervisorLeg: string; snoop: string }> {
  return until(async () => {
    const bridge = await monitorBridge(center);
    const sup = bridge?.channels.find((c) => c.endsWith('-sup'));
    const snoops = bridge?.channels.filter((c) => /-snoop\d+$/.test(c)) ?? [];
    return bridge && sup && snoops.length === 1 && bridge.channels.length === 2
      ? { bridge: bridge.id, supervisorLeg: sup, snoop: snoops[0]! }
      : null;
  }, 'supervisor and one snoop in the monitor bridge');
}

/** Nothing of any session is left: no `mon-…` channel, no monitor bridge. */
export async function nothingDangles(center: Center): Promise<void> {
  const rest = ariRest(center.pbx.ari);
  await until(async () => {
    const channels = (await rest.channels()).filter((c) => c.id.startsWith('mon-'));
    const bridges = (await rest.bridges()).filter((b) => b.id.startsWith('mon-'));
    return channels.length === 0 && bridges.length === 0;
  }, 'no monitoring channel or bridge left');
}

/** The call events crm-api stored for a call: type and data, in order. */
export async function storedEvents(
  center: Center,
  callId: string,
): Promise<{ type: string; data: Record<string, unknown> }[]> {
  const { rows } = await center.db.query<{ type: string; data: Record<string, unknown> }>(
    'SELECT type, data FROM call_events WHERE call_id = $1 ORDER BY at, type',
    [callId],
  );
  return rows;
}
