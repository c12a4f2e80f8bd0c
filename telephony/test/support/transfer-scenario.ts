import { expect } from 'vitest';
import { type Center, type ConsoleClient, reachQueue, until } from './center';

/**
 * A counselor's blind transfers, written against `Center` + `PbxDriver` only, so the same steps
 * run on pbx-sim and on a real Asterisk (test/real/transfers.test.ts).
 */

export interface Legs {
  callId: string;
  caller: string;
  agentLeg: string;
}

interface Offer {
  callId: string;
  transfer?: { fromAgentId: string; notes: string; category: string | null; draft: Record<string, string | null> };
}

/** The members of a bridge as ARI reports them (null when there is no such bridge). */
export async function bridgeMembers(center: Center, bridge: string): Promise<string[] | null> {
  const { url, username, password } = center.pbx.ari;
  const res = await fetch(`${url}/ari/bridges/${encodeURIComponent(bridge)}`, {
    headers: { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` },
  });
  return res.ok ? ((await res.json()) as { channels: string[] }).channels : null;
}

/** A call from a known caller, queued and answered by `agent` (who must be the only Ready one with the skill). */
export async function connectedCall(center: Center, agent: ConsoleClient, timeoutMs: number): Promise<Legs> {
  const caller = await center.pbx.placeCall(center.callers.known[0]!);
  const callId = await reachQueue(center, caller);
  await agent.next<Offer>('call.offered.v1', (p) => p.callId === callId);
  expect(await agent.command('call.answer.v1', { callId })).toEqual({ ok: true });
  await agent.next<Offer>('call.connected.v1', (p) => p.callId === callId);
  const agentLeg = await until(
    async () => {
      const call = await center.state.getCall(callId);
      return call?.state === 'connected' && (await bridgeMembers(center, `${callId}-mix`))?.includes(caller)
        ? call.agentChannelId
        : null;
    },
    'caller and counselor bridged',
    timeoutMs,
  );
  return { callId, caller, agentLeg };
}

export const CONTEXT = {
  notes: '수출바우처 문의, 이미 신청서 제출함',
  category: 'export',
  draft: { summary: '수출바우처 2차 모집 일정 문의', question: '서류 보완 기한?' },
} as const;

/**
 * `from` transfers the connected call to the `export` queue (twice, as a double click), `to`
 * (Ready with that skill) gets the offer with the context, answers, and talks to the caller.
 */
export async function blindToQueue(
  center: Center,
  from: ConsoleClient,
  to: ConsoleClient,
  legs: Legs,
  timeoutMs: number,
  /** pbx-sim: the console answers (the phone waits); a real SIPp phone answers by itself (null). */
  answer: ((callId: string) => Promise<void>) | null,
): Promise<void> {
  const { callId, caller, agentLeg } = legs;
  const command = { callId, target: { kind: 'queue', queue: 'export' }, mode: 'blind', context: CONTEXT };
  const acks = await Promise.all([
    from.command('call.transfer.v1', command),
    from.command('call.transfer.v1', command),
  ]);
  expect(acks).toEqual([{ ok: true }, { ok: true }]);
  await from.next<{ callId: string; reason: string }>(
    'call.ended.v1',
    (p) => p.callId === callId && p.reason === 'transferred',
  );
  await from.stateBecomes('wrapUp');
  const offer = await to.next<Offer>('call.offered.v1', (p) => p.callId === callId);
  expect(offer.transfer).toMatchObject({ fromAgentId: '1001', ...CONTEXT });
  if (answer) {
    // Until the next counselor answers, the caller hears music and the first leg is gone.
    expect(await bridgeMembers(center, `${callId}-hold`)).toContain(caller);
    await until(async () => !(await center.pbx.channelIds()).includes(agentLeg), 'first counselor leg gone', timeoutMs);
    await answer(callId);
  }
  await until(async () => !(await center.pbx.channelIds()).includes(agentLeg), 'first counselor leg gone', timeoutMs);
  await to.next('call.connected.v1', (p: { callId: string }) => p.callId === callId);
  const second = await until(
    async () => {
      const call = await center.state.getCall(callId);
      return call?.state === 'connected' &&
        call.agentId === '1002' &&
        (await bridgeMembers(center, call.mixingBridgeId!))?.includes(caller)
        ? call
        : null;
    },
    'caller bridged with the second counselor',
    timeoutMs,
  );
  expect(second.agentId).toBe('1002');
  expect(second.recordingName).toMatch(new RegExp(`/${callId}~2$`));
  // Each conversation has its own mixing bridge (Asterisk keeps a deleted bridge's id a moment).
  expect(second.mixingBridgeId).toBe(`${callId}-mix-2`);
  expect(await bridgeMembers(center, second.mixingBridgeId!)).toContain(second.agentChannelId);
  // Repeated once more after the fact: still ok, nothing moves.
  expect(await from.command('call.transfer.v1', command)).toEqual({ ok: true });
  expect((await center.state.getCall(callId))?.agentId).toBe('1002');
}
