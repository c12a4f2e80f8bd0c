import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signedWebhookHeaders, signWebhook, verifyWebhook, WEBHOOK_HEADERS, webhookTimestamp } from '../src';

const SECRET = 'partner-secret-0123456789abcdef0123';
const AT = new Date('2025-03-14T03:00:00Z');
const BODY = '{"relayId":"7","status":"answered","outcome":"관세 환급 안내 완료"}';

describe('webhook signatures (HMAC-SHA256 over `${timestamp}.${body}`)', () => {
  it('matches an independent HMAC-SHA256 (what a partner computes with its own library)', async () => {
    const ts = webhookTimestamp(AT);
    expect(ts).toBe('1741921200');
    const expected = createHmac('sha256', SECRET).update(`${ts}.${BODY}`).digest('hex');
    expect(await signWebhook(SECRET, ts, BODY)).toBe(`v1=${expected}`);
  });

  it('signed headers verify at the same moment and within the window', async () => {
    const h = await signedWebhookHeaders(SECRET, BODY, AT, 'delivery-0001');
    expect(h[WEBHOOK_HEADERS.delivery]).toBe('delivery-0001');
    const check = (now: Date, over = {}) =>
      verifyWebhook({
        secret: SECRET,
        timestamp: h[WEBHOOK_HEADERS.timestamp],
        signature: h[WEBHOOK_HEADERS.signature],
        body: BODY,
        now,
        ...over,
      });
    expect(await check(AT)).toEqual({ ok: true });
    expect(await check(new Date(AT.getTime() + 299_000))).toEqual({ ok: true });
    expect(await check(new Date(AT.getTime() - 299_000))).toEqual({ ok: true });
    expect(await check(new Date(AT.getTime() + 301_000))).toEqual({ ok: false, reason: 'stale' });
    expect(await check(new Date(AT.getTime() - 301_000))).toEqual({ ok: false, reason: 'stale' });
    expect(await check(AT, { body: BODY.replace('7', '8') })).toEqual({ ok: false, reason: 'mismatch' });
    expect(await check(AT, { secret: `${SECRET}x` })).toEqual({ ok: false, reason: 'mismatch' });
  });

  it.each([
    ['no signature', { signature: undefined }, 'missing'],
    ['no timestamp', { timestamp: undefined }, 'missing'],
    ['a timestamp that is not a number', { timestamp: '2025-03-14' }, 'stale'],
    ['another scheme', { signature: 'v0=abcd' }, 'mismatch'],
    ['not hex', { signature: 'v1=zz' }, 'mismatch'],
    ['a timestamp swapped under the same signature', { timestamp: '1741921201' }, 'mismatch'],
  ])('refuses %s', async (_what, over, reason) => {
    const ts = webhookTimestamp(AT);
    const verdict = await verifyWebhook({
      secret: SECRET,
      timestamp: ts,
      signature: await signWebhook(SECRET, ts, BODY),
      body: BODY,
      now: AT,
      ...over,
    });
    expect(verdict).toEqual({ ok: false, reason });
  });

  it('accepts any one of several signatures (secret rotation)', async () => {
    const ts = webhookTimestamp(AT);
    const good = await signWebhook(SECRET, ts, BODY);
    const old = await signWebhook('old-secret-0123456789abcdef012345', ts, BODY);
    expect(
      await verifyWebhook({ secret: SECRET, timestamp: ts, signature: `${old}, ${good}`, body: BODY, now: AT }),
    ).toEqual({ ok: true });
  });
});
