import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startConsole } from '@cc1357/agent-console';

/**
 * The console for this center: built fresh (so it is the code in the tree) into a folder of its
 * own — a demo and a test can run side by side — and served by the console package's preview
 * server with the same-origin proxy to crm-api and telephony.
 */
export async function startConsoleServer(options: { crmApiUrl: string; telephonyUrl: string; port: number }) {
  const outDir = await mkdtemp(path.join(tmpdir(), 'cc1357-console-'));
  const server = await startConsole({ ...options, outDir, build: 'always' });
  return {
    url: server.url,
    async close() {
      await server.close();
      await rm(outDir, { recursive: true, force: true });
    },
  };
}
