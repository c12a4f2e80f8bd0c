import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { PbxSim } from '../src/index';
import { ari, http, sim } from './helpers';

let s: PbxSim | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

/** Raw HTTP so the exact status line and body of an upgrade refusal can be read. */
function rawGet(port: number, path: string, headers: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1', () => {
      const lines = [
        `GET ${path} HTTP/1.1`,
        'Host: 127.0.0.1',
        'Connection: Upgrade',
        'Upgrade: websocket',
        'Sec-WebSocket-Version: 13',
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      ];
      for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
      sock.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
    let data = '';
    sock.on('data', (d) => (data += d.toString()));
    sock.on('end', () => resolve(data));
    sock.on('error', reject);
  });
}

describe('ARI HTTP basics (ARI-FACTS §1, §7)', () => {
  it.each([
    ['no credentials', null],
    ['wrong password', `Basic ${Buffer.from('asterisk:nope').toString('base64')}`],
  ])('answers 401 with Asterisk body and realm: %s', async (_name, auth) => {
    s = await sim();
    for (const path of ['/ari/channels', '/ari/api-docs/resources.json']) {
      const res = await http(s, 'GET', path, { auth });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ message: 'Authentication required' });
      expect(res.headers.get('www-authenticate')).toBe('Basic realm="Asterisk REST Interface"');
    }
  });

  it('accepts ?api_key=user:pass like ari-client does', async () => {
    s = await sim();
    const res = await http(s, 'GET', '/ari/asterisk/ping?api_key=asterisk:asterisk', { auth: null });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ping: 'pong', asterisk_id: '02:fc:00:00:00:01' });
    expect(String((res.body as { timestamp: string }).timestamp)).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/,
    );
  });

  it('404 for unknown resources, 405 for a wrong method, both with Asterisk bodies', async () => {
    s = await sim();
    expect(await ari(s, 'GET', '/nothing/here')).toMatchObject({
      status: 404,
      body: { message: 'Resource not found' },
    });
    expect(await ari(s, 'PUT', '/channels')).toMatchObject({ status: 405, body: { message: 'Invalid method' } });
    expect(await ari(s, 'GET', '/channels/none')).toMatchObject({
      status: 404,
      body: { message: 'Channel not found' },
    });
  });

  it('parameter errors are 400s with a message, never a crash', async () => {
    s = await sim();
    expect(await ari(s, 'POST', '/channels')).toMatchObject({
      status: 400,
      body: { message: 'Endpoint must be specified' },
    });
    expect(await ari(s, 'POST', '/channels', { endpoint: 'PJSIP/1001', app: 'x', timeout: 'soon' })).toMatchObject({
      status: 400,
    });
    expect(await ari(s, 'POST', '/channels', { endpoint: 'Dahdi/1', app: 'x' })).toMatchObject({
      status: 500,
      body: { error: 'Allocation failed' },
    });
    expect(await http(s, 'POST', '/ari/bridges', { body: 'a string' })).toMatchObject({
      status: 400,
      body: { message: 'Request body must be a JSON object' },
    });
    const res = await fetch(`${s.url}/ari/bridges`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from('asterisk:asterisk').toString('base64')}`,
        'content-type': 'application/json',
      },
      body: '{broken',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ message: 'Request body is not valid JSON' });
    expect((await ari(s, 'GET', '/asterisk/ping')).status).toBe(200);
  });

  it('event socket: 400 HTML without app, 401 without auth, upgrade with both', async () => {
    s = await sim();
    const port = Number(new URL(s.url).port);
    const noApp = await rawGet(port, '/ari/events?api_key=asterisk:asterisk');
    expect(noApp).toMatch(/^HTTP\/1\.1 400/);
    expect(noApp).toContain('HTTP request is missing param: [app]');
    const noAuth = await rawGet(port, '/ari/events?app=x');
    expect(noAuth).toMatch(/^HTTP\/1\.1 401/);
    expect(noAuth).toContain('{"message":"Authentication required"}');
    const ws = new WebSocket(`${s.url.replace('http', 'ws')}/ari/events?app=x&api_key=asterisk:asterisk`);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    ws.close();
  });

  it('records the ARI requests it received (for tests), without credentials', async () => {
    s = await sim();
    await http(s, 'GET', '/ari/channels?api_key=asterisk:asterisk', { auth: null });
    await ari(s, 'DELETE', '/channels/gone');
    const log = (await http(s, 'GET', '/control/requests')).body as {
      method: string;
      path: string;
      query: Record<string, string>;
      status: number;
    }[];
    expect(log.map((r) => [r.method, r.path, r.status])).toEqual([
      ['GET', '/channels', 200],
      ['DELETE', '/channels/gone', 404],
    ]);
    expect(log[0]?.query).toEqual({});
  });
});
