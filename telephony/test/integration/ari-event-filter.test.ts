import { STASIS_APP } from '@cc1357/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { HANDLED_EVENT_TYPES } from '../../src/adapters/ari/events';
import { type Center, reachQueue, startCenter, until } from '../support/center';

/**
 * Telephony asks the PBX for the event types it acts on only (`PUT /applications/{app}/eventFilter`),
 * on every connect: the filter outlives a socket on Asterisk but not an Asterisk restart (or
 * someone resetting it), so a reconnect sets it again.
 */
describe('the ARI event filter (pbx-sim)', () => {
  let center: Center | undefined;
  afterEach(async () => center?.close());

  async function ariApp(c: Center, method = 'GET', body?: unknown): Promise<{ events_allowed: { type: string }[] }> {
    const { url, username, password } = c.pbx.ari;
    const res = await fetch(`${url}/ari/applications/${STASIS_APP}${method === 'PUT' ? '/eventFilter' : ''}`, {
      method,
      headers: {
        authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { events_allowed: { type: string }[] };
  }
  const allowedTypes = async (c: Center) => (await ariApp(c)).events_allowed.map((e) => e.type).sort();
  const handled = [...HANDLED_EVENT_TYPES].sort();

  it('is set once telephony connects, again after a reconnect, and calls go on through it', async () => {
    center = await startCenter();
    const c = center;
    await c.startTelephony();
    await until(async () => (await allowedTypes(c)).join() === handled.join(), 'the filter set');
    expect(handled).toEqual(expect.arrayContaining(['StasisStart', 'StasisEnd', 'ChannelDtmfReceived']));
    expect(handled).not.toContain('ChannelVarset');

    // Reset behind telephony's back, then the socket drops: the reconnect asks for it again.
    await ariApp(c, 'PUT', {});
    expect(await allowedTypes(c)).toEqual([]);
    await c.pbx.dropAriSocket();
    await until(async () => (await allowedTypes(c)).join() === handled.join(), 'the filter set again');

    // The IVR hears the digit through the filter and queues the caller.
    const channel = await c.pbx.placeCall(c.callers.unknown[0]!);
    const callId = await reachQueue(c, channel);
    expect((await c.state.getCall(callId))?.state).toBe('queued');
  });
});
