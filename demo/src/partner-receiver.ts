import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PARTNER_IDS, RelayPackage, WEBHOOK_HEADERS, verifyWebhook, type PartnerId } from '@cc1357/contracts';

/**
 * The partner centers' systems, simulated: one real local HTTP server taking relay packages at
 * `POST /partners/<partnerId>/relays`, as each partner's own receiver would — it checks the
 * HMAC signature and timestamp (contracts' verifyWebhook, with that partner's secret) before
 * reading the body, parses the package, stores it once per delivery id (crm-api retries with the
 * same X-1357-Delivery) and acknowledges with 200. A wrong signature or an old timestamp is 401,
 * a body that is not a relay package 400, anything else 404. What it acknowledged is what the
 * smoke summary counts as relays: the partner's word, not what the bots believe they sent.
 */

export interface AcknowledgedRelay {
  deliveryId: string;
  partnerId: PartnerId;
  relayId: string;
  question: string;
  /** The consultation so far, as the partner's counselor reads it before picking up. */
  context: string;
}

export interface PartnerReceiver {
  /** Base URL, e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  webhookUrl(partnerId: PartnerId): string;
  /** Every package acknowledged, once per delivery id, in arrival order. */
  acknowledged(): readonly AcknowledgedRelay[];
  /** Requests refused, by status (401 bad signature, 400 malformed, 404 unknown path). */
  refused(): Readonly<Record<number, number>>;
  close(): Promise<void>;
}

export interface PartnerReceiverOptions {
  secrets: Partial<Record<PartnerId, string>>;
  now?: () => Date;
  port?: number;
}

const PATH = /^\/partners\/([a-z0-9]+)\/relays$/;
const MAX_BODY_BYTES = 1_000_000;

export async function startPartnerReceiver(options: PartnerReceiverOptions): Promise<PartnerReceiver> {
  const now = options.now ?? (() => new Date());
  const byDelivery = new Map<string, AcknowledgedRelay>();
  const refused: Record<number, number> = {};

  const answer = (res: ServerResponse, status: number, body: unknown) => {
    if (status >= 400) refused[status] = (refused[status] ?? 0) + 1;
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const header = (req: IncomingMessage, name: string) => {
    const value = req.headers[name];
    return typeof value === 'string' ? value : undefined;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, body: string) => {
    const match = PATH.exec(req.url ?? '');
    const partnerId = match?.[1] as PartnerId | undefined;
    const secret = partnerId && PARTNER_IDS.includes(partnerId) ? options.secrets[partnerId] : undefined;
    if (req.method !== 'POST' || !partnerId || !secret) return answer(res, 404, { error: 'no such receiver' });
    const verdict = await verifyWebhook({
      secret,
      timestamp: header(req, WEBHOOK_HEADERS.timestamp),
      signature: header(req, WEBHOOK_HEADERS.signature),
      body,
      now: now(),
    });
    if (!verdict.ok) return answer(res, 401, { error: `signature ${verdict.reason}` });
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return answer(res, 400, { error: 'body is not JSON' });
    }
    const parsed = RelayPackage.safeParse(json);
    if (!parsed.success)
      return answer(res, 400, {
        error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      });
    const pkg = parsed.data;
    if (pkg.partnerId !== partnerId) return answer(res, 400, { error: `partnerId: this is ${partnerId}'s receiver` });
    const delivery = header(req, WEBHOOK_HEADERS.delivery) ?? pkg.deliveryId;
    const duplicate = byDelivery.has(delivery);
    if (!duplicate)
      byDelivery.set(delivery, {
        deliveryId: delivery,
        partnerId,
        relayId: pkg.relayId,
        question: pkg.question,
        context: pkg.consultation.summary,
      });
    return answer(res, 200, { received: pkg.relayId, duplicate });
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) req.destroy();
      else chunks.push(chunk);
    });
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((error: unknown) =>
        answer(res, 500, { error: String(error) }),
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    webhookUrl: (partnerId) => `${url}/partners/${partnerId}/relays`,
    acknowledged: () => [...byDelivery.values()],
    refused: () => ({ ...refused }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
