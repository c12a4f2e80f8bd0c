import { PARTNER_IDS, signedWebhookHeaders, type RelayPackage } from '@cc1357/contracts';
import { partnerCenters } from '@cc1357/crm-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPartnerFile, mintPartnerSecrets, partnerEndpoint } from '../src/demo-partners';
import { startPartnerReceiver, type PartnerReceiver } from '../src/partner-receiver';

/**
 * The demo's simulated partner systems over real HTTP: packages signed the way crm-api signs
 * them (contracts' signedWebhookHeaders) are acknowledged once per delivery; a forged, stale or
 * malformed one is refused and acknowledges nothing.
 */

const secrets = mintPartnerSecrets();

const pkg = (over: Partial<RelayPackage> = {}): RelayPackage => ({
  version: 1,
  deliveryId: 'relay-key-0001',
  relayId: '42',
  partnerId: 'fta1380',
  caller: { number: '01012345678' },
  company: { id: '7', name: '한빛수출', bizRegNo: '1234567890' },
  category: 'export',
  question: 'FTA 원산지 증명서 발급 절차 문의',
  consultation: { id: '9', summary: '1357 상담 요약: 수출바우처 신청 방법 안내' },
  createdBy: 'bot1001',
  createdAt: new Date().toISOString(),
  callback: { requested: false, number: null, partnerOpen: true },
  outcomePath: '/api/partners/fta1380/outcomes',
  ...over,
});

describe('simulated partner receiver', () => {
  let receiver: PartnerReceiver;
  beforeAll(async () => {
    receiver = await startPartnerReceiver({ secrets });
  });
  afterAll(() => receiver.close());

  const post = async (o: { body: string; secret?: string; at?: Date; delivery?: string; partner?: string }) => {
    const headers = await signedWebhookHeaders(
      o.secret ?? secrets.fta1380,
      o.body,
      o.at ?? new Date(),
      o.delivery ?? 'relay-key-0001',
    );
    const url = o.partner ? `${receiver.url}/partners/${o.partner}/relays` : receiver.webhookUrl('fta1380');
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: o.body,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('refuses forged, stale, malformed and misaddressed packages without acknowledging them', async () => {
    const body = JSON.stringify(pkg());
    expect((await post({ body, secret: secrets.kipo })).status).toBe(401);
    expect((await post({ body, at: new Date(Date.now() - 10 * 60_000) })).status).toBe(401);
    const malformed = await post({ body: JSON.stringify({ ...pkg(), question: 7 }) });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toContain('question');
    expect((await post({ body: 'not json' })).status).toBe(400);
    // FTA's package posted to KIPO's receiver (signed with KIPO's secret): not KIPO's relay.
    expect((await post({ body, secret: secrets.kipo, partner: 'kipo' })).status).toBe(400);
    expect((await post({ body, partner: 'nowhere' })).status).toBe(404);
    expect(receiver.acknowledged()).toEqual([]);
    expect(receiver.refused()).toEqual({ 401: 2, 400: 3, 404: 1 });
  });

  it('acknowledges a signed package once per delivery, retries included, with the story it carries', async () => {
    const body = JSON.stringify(pkg());
    expect(await post({ body })).toEqual({ status: 200, body: { received: '42', duplicate: false } });
    // crm-api's retry: signed afresh, same delivery id.
    expect(await post({ body, at: new Date(Date.now() + 1000) })).toEqual({
      status: 200,
      body: { received: '42', duplicate: true },
    });
    expect(receiver.acknowledged()).toEqual([
      {
        deliveryId: 'relay-key-0001',
        partnerId: 'fta1380',
        relayId: '42',
        question: 'FTA 원산지 증명서 발급 절차 문의',
        context: '1357 상담 요약: 수출바우처 신청 방법 안내',
      },
    ]);
  });
});

describe('demo partner configuration', () => {
  const file = (alwaysOpen: boolean) =>
    demoPartnerFile({ webhookUrl: (id) => `http://127.0.0.1:1/partners/${id}/relays`, secrets, alwaysOpen });
  // A Sunday at 03:00 in Seoul: every partner is closed on its own calendar.
  const sundayNight = new Date('2026-12-06T03:00:00+09:00');

  it('is a partner file crm-api accepts: all nine with a webhook, open around the clock in the demo', () => {
    const centers = partnerCenters(file(true));
    expect(centers.list().map((c) => c.id)).toEqual([...PARTNER_IDS]);
    for (const center of centers.list()) {
      expect(center.webhook).toEqual({
        url: `http://127.0.0.1:1/partners/${center.id}/relays`,
        secret: secrets[center.id],
      });
      expect(centers.status(center.id, sundayNight)).toEqual({ open: true });
    }
  });

  it('follows the partners’ hours when the demo honors business hours', () => {
    const centers = partnerCenters(file(false));
    expect(centers.status('fta1380', sundayNight).open).toBe(false);
  });

  it('answers each partner at the pbx-sim phone of its public number, secrets apart', () => {
    expect(partnerEndpoint('fta1380')).toBe('PJSIP/1380');
    expect(partnerEndpoint('motie')).toBe('PJSIP/15770900');
    expect(new Set(PARTNER_IDS.map(partnerEndpoint)).size).toBe(PARTNER_IDS.length);
    expect(new Set(Object.values(secrets)).size).toBe(PARTNER_IDS.length);
  });
});
