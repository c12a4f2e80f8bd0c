import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { roleOf, sampleSiteCpu, siteCpuBetween, statSeconds, type SiteCpuSample } from '../harness/site-cpu';

/** Where the busy loop's sums go, so the loop is not optimised away. */
let sink = 0;

describe('the site CPU by role', () => {
  it('names each part of the site from its command, and nothing else', () => {
    const node = (main: string) => `/usr/bin/node --import /x/node_modules/tsx/dist/loader.mjs /work/main/${main} `;
    expect(roleOf('node', node('telephony/src/main.ts'), 1, 7)).toBe('telephony');
    expect(roleOf('node', node('pbx-sim/src/main.ts'), 1, 7)).toBe('pbx-sim');
    expect(roleOf('node', node('crm-api/src/main.ts'), 1, 7)).toBe('crm-api');
    expect(roleOf('postgres', 'postgres: 15/main: postgres crm_test 127.0.0.1(34572) idle', 1, 7)).toBe('postgres');
    expect(roleOf('redis-server', 'redis-server 127.0.0.1:6379', 1, 7)).toBe('redis');
    expect(roleOf('node', node('bench/main.ts'), 7, 7)).toBe('bench');
    expect(roleOf('node', node('telephony/src/ami-main.ts'), 1, 7)).toBeNull();
    expect(roleOf('bash', 'bash -c sleep 1', 1, 7)).toBeNull();
  });

  it('reads utime + stime after the command name, whatever that name holds', () => {
    const rest = 'S 1 2 3 4 5 6 7 8 9 10 250 130 0 0 20 0';
    expect(statSeconds(`123 (node) ${rest}`)).toBe(3.8);
    expect(statSeconds(`123 (a (b) c) ${rest}`)).toBe(3.8);
  });

  it('adds each process’s change by role; one born in between counts from zero', () => {
    const before: SiteCpuSample = new Map([
      [10, { role: 'telephony', seconds: 5 }],
      [11, { role: 'postgres', seconds: 1 }],
    ]);
    const after: SiteCpuSample = new Map([
      [10, { role: 'telephony', seconds: 7.5 }],
      [11, { role: 'postgres', seconds: 1.25 }],
      [12, { role: 'postgres', seconds: 0.5 }],
    ]);
    expect(siteCpuBetween(before, after)).toEqual({
      telephony: 2.5,
      'pbx-sim': 0,
      'crm-api': 0,
      postgres: 0.75,
      redis: 0,
      bench: 0,
    });
  });

  it('sees this process’s own CPU grow as it works, in a sample of the real /proc', async () => {
    const before = sampleSiteCpu();
    expect(before.get(process.pid)?.role).toBe('bench');
    // Work on the CPU until the kernel's tick counter has moved (it counts in hundredths).
    let after: SiteCpuSample;
    do {
      for (let i = 0; i < 1e6; i++) sink += Math.sqrt(i);
      after = sampleSiteCpu();
    } while (siteCpuBetween(before, after).bench === 0);
    expect(siteCpuBetween(before, after).bench).toBeGreaterThan(0);
    expect(sink).toBeGreaterThan(0);
    // A process that is not part of the site is not counted.
    const other = spawn('sleep', ['5']);
    try {
      expect([...sampleSiteCpu().keys()]).not.toContain(other.pid);
    } finally {
      other.kill();
    }
  });
});
