import { startPbxSim } from '@cc1357/pbx-sim';
import { afterEach, expect, it, vi } from 'vitest';
import { AriConnection } from '../../src/adapters/ari/client';
import { systemScheduler } from '../../src/clock/scheduler';
import { testLog } from '../support/log';

afterEach(() => vi.restoreAllMocks());

it('connecting to ARI prints no "deprecated version of Swagger" line; other swagger-client output still reaches the console', async () => {
  const printed: unknown[][] = [];
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void printed.push(args));
  const sim = await startPbxSim({ logger: testLog });
  const ari = new AriConnection(
    {
      url: sim.url,
      username: sim.username,
      password: sim.password,
      app: 'quiet-test',
      log: testLog,
      scheduler: systemScheduler,
    },
    { onEvent: () => {}, onReconnected: () => {} },
  );
  try {
    await ari.connect();
    expect(await ari.listChannels()).toEqual([]);
  } finally {
    await ari.close();
    await sim.close();
  }
  expect(JSON.stringify(printed)).not.toContain('deprecated version of Swagger');
  // swagger-client's own logger (a global) still prints what it is given otherwise.
  (globalThis as unknown as { log: (...args: unknown[]) => void }).log("server can't produce text/plain");
  expect(printed).toContainEqual([["server can't produce text/plain"]]);
});
