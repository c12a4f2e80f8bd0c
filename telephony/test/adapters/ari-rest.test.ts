import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AriRequestError } from '../../src/adapters/ari/errors';
import { HANGUP_REASONS } from '../../src/adapters/ari/port';
import { ARI_ROUTES, AriRest, requestPath } from '../../src/adapters/ari/rest';

const SPEC_DIR =
  process.env.CC1357_ARI_SPEC_DIR ?? path.resolve(import.meta.dirname, '../../../../shared/asterisk-ari-spec');

const haveSpec = existsSync(path.join(SPEC_DIR, 'resources.json'));
if (!haveSpec) console.warn(`ARI reference spec not found at ${SPEC_DIR}: route check skipped`);

interface SpecOperation {
  httpMethod: string;
  nickname: string;
  parameters?: { name: string; paramType: string; allowableValues?: { values: string[] } }[];
}

describe('ARI REST routes', () => {
  it.skipIf(!haveSpec)("each route is the operation's method and path in Asterisk 22's spec", () => {
    for (const [operation, route] of Object.entries(ARI_ROUTES)) {
      const [resource, nickname] = operation.split('.') as [string, string];
      const spec = JSON.parse(readFileSync(path.join(SPEC_DIR, `${resource}.json`), 'utf8')) as {
        apis: { path: string; operations: SpecOperation[] }[];
      };
      const found = spec.apis.flatMap((api) =>
        api.operations.filter((op) => op.nickname === nickname).map((op) => ({ path: api.path, op })),
      );
      expect(found, operation).toHaveLength(1);
      expect({ method: route.method, path: route.path }, operation).toEqual({
        method: found[0]!.op.httpMethod,
        path: found[0]!.path,
      });
      const pathParams = (found[0]!.op.parameters ?? []).filter((p) => p.paramType === 'path').map((p) => p.name);
      expect(
        [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]),
        operation,
      ).toEqual(pathParams);
    }
  });

  it.skipIf(!haveSpec)("a hang-up's reasons are those Asterisk 22's spec allows", () => {
    const spec = JSON.parse(readFileSync(path.join(SPEC_DIR, 'channels.json'), 'utf8')) as {
      apis: { operations: SpecOperation[] }[];
    };
    const hangup = spec.apis.flatMap((api) => api.operations).find((op) => op.nickname === 'hangup');
    const reason = hangup?.parameters?.find((p) => p.name === 'reason');
    expect(HANGUP_REASONS).toEqual(reason?.allowableValues?.values);
    expect(requestPath('channels.hangup', { channelId: 'c1', reason: 'congestion' })).toBe(
      '/ari/channels/c1?reason=congestion',
    );
    expect(requestPath('channels.hangup', { channelId: 'c1', reason: undefined })).toBe('/ari/channels/c1');
  });

  it('puts path parameters in the path and the rest in the query, encoded as swagger-client did', () => {
    expect(requestPath('channels.play', { channelId: 'a.1', media: 'sound:x,sound:y', playbackId: 'p 1' })).toBe(
      '/ari/channels/a.1/play?media=sound%3Ax%2Csound%3Ay&playbackId=p%201',
    );
    expect(requestPath('recordings.pause', { recordingName: 'cc/2026/x' })).toBe(
      '/ari/recordings/live/cc%2F2026%2Fx/pause',
    );
    expect(requestPath('channels.originate', { endpoint: 'PJSIP/1001', timeout: 15, callerId: undefined })).toBe(
      '/ari/channels?endpoint=PJSIP%2F1001&timeout=15',
    );
    expect(() => requestPath('channels.answer', {})).toThrow(/channelId/);
  });
});

describe('AriRest against a small HTTP server', () => {
  let server: Server | null = null;
  let rest: AriRest | null = null;
  afterEach(async () => {
    rest?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = rest = null;
  });

  async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void, timeoutMs = 2_000) {
    server = createServer(handler);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    rest = new AriRest({ url: `http://127.0.0.1:${port}/ari`, username: 'u', password: 'p:w', timeoutMs });
    return rest;
  }

  const failure = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (err: unknown) => err as AriRequestError,
    );

  it('sends basic auth, resolves a 204 with nothing and a 200 with its JSON', async () => {
    const seen: string[] = [];
    const ari = await serve((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers.authorization}`);
      if (req.url === '/ari/channels') return res.writeHead(200).end('[{"id":"c1","name":"PJSIP/1","state":"Up"}]');
      res.writeHead(204).end();
    });
    await expect(ari.request('channels.answer', { channelId: 'c1' })).resolves.toBeUndefined();
    await expect(ari.request('channels.list', {})).resolves.toEqual([{ id: 'c1', name: 'PJSIP/1', state: 'Up' }]);
    const auth = `Basic ${Buffer.from('u:p:w').toString('base64')}`;
    expect(seen).toEqual([`POST /ari/channels/c1/answer ${auth}`, `GET /ari/channels ${auth}`]);
  });

  it('sends a body as JSON (the event filter), and no body otherwise', async () => {
    const seen: { line: string; type: string | undefined; length: string | undefined; body: string }[] = [];
    const ari = await serve((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        seen.push({
          line: `${req.method} ${req.url}`,
          type: req.headers['content-type'],
          length: req.headers['content-length'],
          body,
        });
        res.writeHead(200).end('{"name":"callcenter"}');
      });
    });
    const filter = { allowed: [{ type: 'StasisStart' }, { type: '한글' }] };
    await expect(ari.request('applications.filter', { applicationName: 'callcenter' }, filter)).resolves.toEqual({
      name: 'callcenter',
    });
    await ari.request('channels.answer', { channelId: 'c1' });
    const sent = JSON.stringify(filter);
    expect(seen).toEqual([
      {
        line: 'PUT /ari/applications/callcenter/eventFilter',
        type: 'application/json',
        length: String(Buffer.byteLength(sent)),
        body: sent,
      },
      { line: 'POST /ari/channels/c1/answer', type: undefined, length: '0', body: '' },
    ]);
  });

  it("rejects with ARI's status and message; a known message wins, as it did through ari-client", async () => {
    const ari = await serve((req, res) => {
      if (req.url?.startsWith('/ari/channels/gone')) return res.writeHead(404).end('{"message":"Channel not found"}');
      if (req.url?.startsWith('/ari/bridges/b/addChannel'))
        return res.writeHead(400).end('{"message":"Channel not found"}');
      res.writeHead(503).end('{"message":"Service Unavailable"}');
    });
    const gone = await failure(ari.request('channels.hangup', { channelId: 'gone' }));
    expect(gone).toBeInstanceOf(AriRequestError);
    expect([gone?.status, gone?.ariMessage, gone?.operation]).toEqual([404, 'Channel not found', 'channels.hangup']);
    // addChannel of a channel that is gone answers 400 (ARI-FACTS §7): still "not found" to the call logic.
    expect((await failure(ari.request('bridges.addChannel', { bridgeId: 'b', channel: 'x' })))?.status).toBe(404);
    expect((await failure(ari.request('channels.answer', { channelId: 'c' })))?.status).toBe(503);
  });

  it('no answer in time, or nobody listening, is status 0', async () => {
    const ari = await serve(() => undefined, 100); // never answers
    const late = await failure(ari.request('channels.answer', { channelId: 'c' }));
    expect([late?.status, late?.ariMessage]).toEqual([0, 'timed out after 100 ms']);
    const refused = new AriRest({ url: 'http://127.0.0.1:1', username: 'u', password: 'p', timeoutMs: 1_000 });
    expect((await failure(refused.request('channels.answer', { channelId: 'c' })))?.status).toBe(0);
    refused.close();
  });

  it('sends an unanswered hang-up once more, and nothing else', async () => {
    const seen: string[] = [];
    const ari = await serve((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      // The first of each goes unanswered; a repeated hang-up finds the channel gone, as it would
      // on Asterisk had the first reached it.
      if (seen.filter((line) => line === `${req.method} ${req.url}`).length === 1) return;
      res.writeHead(404).end('{"message":"Channel not found"}');
    }, 100);
    const hangup = await failure(ari.request('channels.hangup', { channelId: 'c1' }));
    expect([hangup?.status, hangup?.ariMessage]).toEqual([404, 'Channel not found']);
    const answer = await failure(ari.request('channels.answer', { channelId: 'c1' }));
    expect(answer?.status).toBe(0);
    expect(seen).toEqual(['DELETE /ari/channels/c1', 'DELETE /ari/channels/c1', 'POST /ari/channels/c1/answer']);
  });

  it('a hang-up unanswered twice fails with status 0', async () => {
    let seen = 0;
    const ari = await serve(() => void seen++, 100);
    expect((await failure(ari.request('channels.hangup', { channelId: 'c1' })))?.status).toBe(0);
    expect(seen).toBe(2);
  });

  it('keeps the connection for the next request', async () => {
    const sockets = new Set<unknown>();
    const ari = await serve((req, res) => {
      sockets.add(req.socket);
      res.writeHead(204).end();
    });
    for (let i = 0; i < 5; i++) await ari.request('channels.answer', { channelId: `c${i}` });
    expect(sockets.size).toBe(1);
  });
});
