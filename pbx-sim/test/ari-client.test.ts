import { afterEach, describe, expect, it } from 'vitest';
import ari, { type AriClient } from './ari';
import type { PbxSim } from '../src/index';
import { control, sim, waitUntil } from './helpers';

/** The way telephony uses ari-client: generated ids, instance listeners, body params, reconnect. */
let s: PbxSim | undefined;
let client: AriClient | undefined;
afterEach(async () => {
  client?.stop();
  client = undefined;
  await s?.close();
  s = undefined;
});

type Ev = { type: string; [k: string]: unknown };

describe('ari-client 2.2.0 usage patterns', () => {
  it('answers, bridges with an originated agent (generated ids, variables body), records and downloads', async () => {
    s = await sim();
    client = await ari.connect(s.url, 'asterisk', 'asterisk');
    const events: Ev[] = [];
    client.on('*', (e: Ev) => events.push(e));
    const inbound: { id: string }[] = [];
    client.on('StasisStart', (e: Ev, ch: { id: string }) => {
      if ((e.args as string[])[0] === 'inbound') inbound.push(ch);
    });
    await client.start('callcenter');
    await control(s, 'PUT', `/phones/${encodeURIComponent('PJSIP/1001')}`, { mode: 'autoAnswer', answerAfterMs: 200 });
    await control(s, 'POST', '/calls', { from: '0212345678' });
    const caller = await waitUntil(() => inbound[0], 'inbound StasisStart');
    await client.channels.answer({ channelId: caller.id });

    const agent = client.Channel();
    const agentUp = new Promise<void>((resolve) => agent.once('StasisStart', () => resolve()));
    const created = await agent.originate({
      endpoint: 'PJSIP/1001',
      app: 'callcenter',
      appArgs: 'agent',
      variables: { CC_CALL: 'c-1' },
    });
    expect(created.id).toBe(agent.id);
    await agentUp;
    const v = await client.channels.getChannelVar({ channelId: agent.id, variable: 'CC_CALL' });
    expect(v.value).toBe('c-1');

    const bridge = client.Bridge();
    await bridge.create({ type: 'mixing,dtmf_events' });
    await bridge.addChannel({ channel: [caller.id, agent.id] });
    const rec = client.LiveRecording();
    const finished = new Promise<Ev>((resolve) => rec.once('RecordingFinished', (e: Ev) => resolve(e)));
    await bridge.record({ name: rec.name, format: 'wav', maxDurationSeconds: 1 });
    await finished;
    const file: Buffer = await client.recordings.getStoredFile({ recordingName: rec.name });
    expect(Buffer.isBuffer(file)).toBe(true);
    expect(file.toString('ascii', 0, 4)).toBe('RIFF');

    // the classic race: hang up twice; the second rejects with the raw JSON body
    await client.channels.hangup({ channelId: agent.id });
    await expect(client.channels.hangup({ channelId: agent.id })).rejects.toThrow('Channel not found');
    await waitUntil(() => events.find((e) => e.type === 'ChannelDestroyed'), 'agent destroyed');
  });

  it('reconnects after a dropped socket (same app) and gets events again, with nothing replayed', async () => {
    s = await sim();
    client = await ari.connect(s.url, 'asterisk', 'asterisk');
    const types: string[] = [];
    let connected = 0;
    client.on('WebSocketConnected', () => connected++);
    client.on('*', (e: Ev) => types.push(e.type));
    await client.start('callcenter');
    await control(s, 'POST', '/calls', { from: '0212345678' });
    await waitUntil(() => types.includes('StasisStart'), 'StasisStart');
    await control(s, 'POST', '/ws/drop', {});
    await waitUntil(() => connected >= 2, 'reconnected', 5000);
    types.length = 0;
    await control(s, 'POST', '/calls', { from: '0299998888' });
    await waitUntil(() => types.includes('StasisStart'), 'StasisStart after reconnect');
    expect(types).toEqual(['StasisStart']);
  });
});
