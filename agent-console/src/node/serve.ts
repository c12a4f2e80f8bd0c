import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { build, preview } from 'vite';
import { CONSOLE_ROOT, consoleViteConfig, type ConsoleViteOptions } from '../../vite.config';

/** Builds the SPA into `outDir` (default agent-console/dist) and returns that directory. */
export async function buildConsole(options: ConsoleViteOptions = {}): Promise<string> {
  const config = consoleViteConfig(options);
  await build(config);
  return resolve(CONSOLE_ROOT, options.outDir ?? 'dist');
}

export interface StartConsoleOptions extends ConsoleViteOptions {
  /** `always` rebuilds, `ifMissing` (default) builds only when outDir has no index.html. */
  build?: 'always' | 'ifMissing' | 'never';
}

export interface ConsoleServer {
  /** e.g. http://127.0.0.1:41234 — open this in the browser. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Serves the built console with Vite's preview server and the same-origin proxy
 * (`/api` → crm-api, `/socket.io` → telephony, websockets included). Port 0 picks a free port.
 */
export async function startConsole(options: StartConsoleOptions = {}): Promise<ConsoleServer> {
  const outDir = resolve(CONSOLE_ROOT, options.outDir ?? 'dist');
  const mode = options.build ?? 'ifMissing';
  if (mode === 'always' || (mode === 'ifMissing' && !existsSync(resolve(outDir, 'index.html'))))
    await buildConsole(options);
  const server = await preview({ ...consoleViteConfig({ ...options, port: options.port ?? 0 }), logLevel: 'warn' });
  const address = server.httpServer.address() as AddressInfo | null;
  if (!address) throw new Error('console preview server did not start');
  const host = options.host ?? '127.0.0.1';
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    close: () => server.close(),
  };
}
