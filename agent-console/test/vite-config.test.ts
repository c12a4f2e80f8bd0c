import { createServer as createHttpServer, request, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { createServer, resolveConfig } from 'vite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { consoleViteConfig } from '../vite.config';

const listen = (server: Server) =>
  new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

/** A websocket handshake to `url`; resolves with who answered the upgrade (or rejects if no one did). */
function upgradeAt(url: string): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
      },
    });
    const timer = setTimeout(() => (req.destroy(), reject(new Error('no upgrade within 2 s'))), 2000);
    req.on('upgrade', (res, socket) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(res.headers['x-served-by'] as string | undefined);
    });
    req.on('response', (res) => (clearTimeout(timer), reject(new Error(`no upgrade: HTTP ${res.statusCode}`))));
    req.on('error', reject);
    req.end();
  });
}

/** Stand-ins for crm-api and telephony that say who answered. */
function service(name: string): Server {
  const server = createHttpServer((req, res) => res.end(`${name} ${req.url}`));
  server.on('upgrade', (_req, socket) =>
    socket.end(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nX-Served-By: ${name}\r\n\r\n`,
    ),
  );
  return server;
}

describe('consoleViteConfig', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('a dev server sends /api to crm-api and /socket.io (websocket upgrades too) to telephony; preview uses the same routes', async () => {
    const crm = service('crm');
    const telephony = service('telephony');
    const config = consoleViteConfig({ crmApiUrl: await listen(crm), telephonyUrl: await listen(telephony), port: 0 });
    expect(config.preview?.proxy).toBe(config.server?.proxy);
    const vite = await createServer({ ...config, server: { ...config.server, watch: null, ws: false } });
    try {
      await vite.listen();
      const base = vite.resolvedUrls!.local[0]!.replace(/\/$/, '');
      expect(await (await fetch(`${base}/api/health`)).text()).toBe('crm /api/health');
      expect(await (await fetch(`${base}/socket.io/?EIO=4&transport=polling`)).text()).toBe(
        'telephony /socket.io/?EIO=4&transport=polling',
      );
      expect(await upgradeAt(`${base}/socket.io/?EIO=4&transport=websocket`)).toBe('telephony');
    } finally {
      await vite.close();
      await Promise.all([close(crm), close(telephony)]);
    }
  });

  it('a tab closed mid-websocket resets its proxied connection without an error stack in the log', async () => {
    // telephony's stand-in accepts the upgrade and keeps the socket open, as socket.io does.
    const telephony = createHttpServer();
    const upstream = new Set<Duplex>();
    telephony.on('upgrade', (_req, socket) => {
      upstream.add(socket);
      socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
    });
    const crm = service('crm');
    const config = consoleViteConfig({ crmApiUrl: await listen(crm), telephonyUrl: await listen(telephony), port: 0 });
    const printed = vi.spyOn(console, 'error');
    const vite = await createServer({ ...config, server: { ...config.server, watch: null, ws: false } });
    try {
      await vite.listen();
      const base = vite.resolvedUrls!.local[0]!.replace(/\/$/, '');
      const browser = await new Promise<Socket>((resolve, reject) => {
        const req = request(`${base}/socket.io/?EIO=4&transport=websocket`, {
          headers: {
            Connection: 'Upgrade',
            Upgrade: 'websocket',
            'Sec-WebSocket-Version': '13',
            'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
          },
        });
        req.on('upgrade', (_res, socket) => resolve(socket as Socket));
        req.on('error', reject);
        req.end();
      });
      // The proxy's side of the connection sees ECONNRESET, then it ends the upstream socket.
      const [upstreamSocket] = [...upstream];
      const upstreamEnded = new Promise((resolve) => upstreamSocket!.once('end', resolve));
      browser.resetAndDestroy();
      await upstreamEnded;
      expect(printed.mock.calls.map((c) => String(c[0])).filter((line) => line.includes('proxy'))).toEqual([]);
    } finally {
      printed.mockRestore();
      for (const socket of upstream) socket.destroy();
      await vite.close();
      await Promise.all([close(crm), close(telephony)]);
    }
  });

  it('`vite` in this folder takes its targets and port from the environment, else the documented service ports', async () => {
    const fromEnv = async () =>
      ((await import('../vite.config')).default as ReturnType<typeof consoleViteConfig>).server;
    vi.stubEnv('CRM_API_URL', 'http://127.0.0.1:3111');
    vi.stubEnv('TELEPHONY_URL', 'http://127.0.0.1:3222');
    vi.stubEnv('CONSOLE_PORT', '3333');
    expect(await fromEnv()).toMatchObject({
      port: 3333,
      strictPort: true,
      proxy: {
        '/api': { target: 'http://127.0.0.1:3111' },
        '/socket.io': { target: 'http://127.0.0.1:3222', ws: true },
      },
    });
    vi.unstubAllEnvs();
    for (const name of ['CRM_API_URL', 'TELEPHONY_URL', 'CONSOLE_PORT']) vi.stubEnv(name, undefined);
    vi.resetModules();
    expect(await fromEnv()).toMatchObject({
      port: 5173,
      strictPort: false,
      proxy: { '/api': { target: 'http://127.0.0.1:4100' }, '/socket.io': { target: 'http://127.0.0.1:4200' } },
    });
  });

  // This very test runs with NODE_ENV=test, as the e2e build does: it must still be production.
  it('builds production React even when the calling process has NODE_ENV=test', async () => {
    expect(process.env.NODE_ENV).toBe('test');
    const build = await resolveConfig(consoleViteConfig(), 'build');
    expect(build.define?.['process.env.NODE_ENV']).toBe('"production"');
    expect(build.oxc && build.oxc.jsx).toMatchObject({ development: false });
    const serve = await resolveConfig(consoleViteConfig(), 'serve');
    expect(serve.define?.['process.env.NODE_ENV']).toBe('"development"');
  });
});
