import { afterEach, describe, expect, it } from 'vitest';
import type { SimEvent } from '@cc1357/contracts';
import { PbxSimControlClient, PbxSimControlError, type PbxSim } from '../src/index';
import { EventSocket, ari, sim, waitUntil } from './helpers';

let s: PbxSim | undefined;
let stop: (() => void) | undefined;
let sock: EventSocket | undefined;
afterEach(async () => {
  stop?.();
  sock?.close();
  await s?.close();
  s = undefined;
});

describe('PbxSimControlClient', () => {
  it('drives a call and an agent phone, and streams SimEvents', async () => {
    s = await sim();
    sock = await EventSocket.open(s, 'callcenter');
    const client = new PbxSimControlClient({ url: s.url });
    const events: SimEvent[] = [];
    stop = await client.onEvent((e) => events.push(e));
    const call = await client.placeCall({ from: '0212345678' });
    expect(call.route).toBe('stasis');
    await client.setPhone('PJSIP/1001', 'manual');
    const leg = (await ari(s, 'POST', '/channels', { endpoint: 'PJSIP/1001', app: 'callcenter' })).body as {
      id: string;
    };
    await waitUntil(() => events.find((e) => e.type === 'phone.ringing'), 'ringing');
    expect((await client.phone('PJSIP/1001')).ringingChannelId).toBe(leg.id);
    await client.answerPhone('PJSIP/1001');
    await waitUntil(() => events.find((e) => e.type === 'phone.answered'), 'answered');
    await expect(client.rejectPhone('PJSIP/1001')).rejects.toBeInstanceOf(PbxSimControlError);
    await client.pressDigits(call.channelId, '9', 0);
    await sock.waitFor((e) => e.type === 'ChannelDtmfReceived', 'dtmf');
    await client.hangup(call.channelId);
    await waitUntil(() => events.find((e) => e.type === 'channel.hungup' && e.channelId === call.channelId), 'hungup');
    expect(await client.callFate(call.channelId)).toMatchObject({ hungUp: true, cause: 16 });
    expect((await client.requests()).map((r) => r.path)).toEqual(['/channels']);
    await client.dropSockets();
    await waitUntil(() => sock!.closed, 'dropped');
  });
});
