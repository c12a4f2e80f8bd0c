import { resolveConfig } from 'vite';
import { describe, expect, it } from 'vitest';
import { consoleViteConfig } from '../vite.config';

describe('consoleViteConfig', () => {
  it('proxies /api to crm-api and /socket.io (websockets too) to telephony, for dev and preview', () => {
    const config = consoleViteConfig({ crmApiUrl: 'http://127.0.0.1:1111', telephonyUrl: 'http://127.0.0.1:2222', port: 0 });
    for (const server of [config.server, config.preview]) {
      expect(server?.proxy).toMatchObject({
        '/api': { target: 'http://127.0.0.1:1111' },
        '/socket.io': { target: 'http://127.0.0.1:2222', ws: true },
      });
      expect(server).toMatchObject({ port: 0, host: '127.0.0.1' });
    }
  });

  it('defaults to the documented service ports', () => {
    expect(consoleViteConfig().server?.proxy).toMatchObject({
      '/api': { target: 'http://127.0.0.1:4100' },
      '/socket.io': { target: 'http://127.0.0.1:4200' },
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
