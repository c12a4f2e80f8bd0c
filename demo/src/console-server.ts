import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, preview } from 'vite';
import { consoleViteConfig } from '@cc1357/agent-console/vite.config';

/**
 * Builds the console and serves it with Vite's preview server, proxying `/api` to crm-api and
 * `/socket.io` to telephony — the browser talks to one origin, as behind a real reverse proxy.
 * Each run builds into its own temp folder so a demo and a test can run side by side.
 */
export async function startConsoleServer(options: { crmApiUrl: string; telephonyUrl: string; port: number }) {
  const outDir = await mkdtemp(path.join(tmpdir(), 'cc1357-console-'));
  const config = consoleViteConfig({ crmApiUrl: options.crmApiUrl, telephonyUrl: options.telephonyUrl, port: options.port, outDir });
  await build({ ...config, logLevel: 'error' });
  const server = await preview({ ...config, logLevel: 'error' });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('console preview server has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    async close() {
      await server.close();
      await rm(outDir, { recursive: true, force: true });
    },
  };
}
