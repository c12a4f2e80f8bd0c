import { expect } from 'vitest';
import { type Center, eventTypes, reachQueue, until } from './center';

/**
 * Scenarios written against `Center` + `PbxDriver` only, so the same steps run on pbx-sim and
 * on a real Asterisk (test/real).
 */

export async function callerHangsUpInIvr(center: Center): Promise<void> {
  const node = center.telephony[0]!.node;
  const caller = await center.pbx.placeCall(center.callers.unknown[0]!);
  const callId = await until(() => center.state.callIdOfChannel(node, caller), 'call record');
  await until(async () => (await center.state.getCall(callId))?.state === 'ivr', 'IVR running');
  await center.pbx.hangup(caller);
  await until(async () => (await center.state.getCall(callId)) === null, 'call forgotten');
  await until(async () => (await eventTypes(center, callId)).includes('call.ended'), 'call.ended in crm');
  const types = await eventTypes(center, callId);
  expect(types).not.toContain('queue.entered');
  expect(types).not.toContain('call.abandoned');
  await until(async () => !(await center.pbx.channelIds()).includes(caller), 'caller channel gone');
}

export async function callerAbandonsInQueue(center: Center): Promise<void> {
  const caller = await center.pbx.placeCall(center.callers.known[0]!);
  const callId = await reachQueue(center, caller);
  // The call record says `queued` a moment before the holding bridge and queue entry exist.
  await until(() => center.state.isQueued('fund', callId), 'call in the fund queue');
  await center.pbx.hangup(caller);
  await until(async () => (await eventTypes(center, callId)).includes('call.abandoned'), 'call.abandoned in crm');
  expect(await center.state.isQueued('fund', callId)).toBe(false);
  expect(await center.state.getCall(callId)).toBeNull();
}

/** An auto-answering agent phone takes the call; the caller hangs up; the recording is stored. */
export async function answeredByAutoAnswerPhone(center: Center, agentId: string): Promise<void> {
  await center.pbx.setPhone(agentId, 'autoAnswer');
  const agent = await center.agentConsole(agentId);
  expect(await agent.command('agent.ready.v1', {})).toEqual({ ok: true });
  const caller = await center.pbx.placeCall(center.callers.known[0]!);
  const callId = await reachQueue(center, caller);
  await agent.next('call.offered.v1', (p: { callId: string }) => p.callId === callId);
  const connected = await agent.next<{ recordingName: string }>('call.connected.v1');
  await center.pbx.hangup(caller);
  await agent.next(
    'call.ended.v1',
    (p: { callId: string; reason: string }) => p.callId === callId && p.reason === 'callerHangup',
  );
  await until(() => center.pbx.recordingStored(connected.recordingName), 'recording stored');
  await until(async () => (await eventTypes(center, callId)).includes('call.ended'), 'call.ended in crm');
}
