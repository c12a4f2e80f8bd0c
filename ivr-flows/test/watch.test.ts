import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  defaultFlowsDir,
  startIvr,
  watchFlowSet,
  type FlowSetResult,
  type FlowSetWatcher,
  type WatchedFlowSet,
} from '../src/index';

async function until<T>(what: string, get: () => T | undefined, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = get();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const silent = { info() {}, warn() {}, error() {} };
let dir = '';
let watcher: FlowSetWatcher | null = null;
afterEach(() => {
  watcher?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('watchFlowSet', () => {
  it('emits the first set, a changed valid set, and problems (keeping the old version) for an invalid change', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ivr-watch-'));
    cpSync(defaultFlowsDir, dir, { recursive: true });
    const seen: WatchedFlowSet[] = [];
    watcher = watchFlowSet(dir, (r) => seen.push(r), { logger: silent, debounceMs: 20 });

    const first = await until('first load', () => seen[0]);
    expect(first.problems).toEqual([]);
    const v1 = first.version;
    const call = startIvr(first.entry!, { callId: 'c', callerNumber: null }, new Date('2026-12-01T10:00:00+09:00'));
    expect(call.state.flowVersion).toBe(v1);

    const main = join(dir, 'main.yaml');
    writeFileSync(main, readFileSync(main, 'utf8').replace('retries: 2', 'retries: 3'));
    const second = await until('reload', () => seen.find((r) => r.version !== v1));
    expect(second.problems).toEqual([]);
    expect(second.entry?.version).toBe(second.version);
    expect(watcher.current()?.version).toBe(second.version);

    writeFileSync(main, readFileSync(main, 'utf8').replace("'1': fund-wait", "'1': fund-nowhere"));
    const rejected = await until('rejection', () => seen.find((r) => r.problems.length > 0));
    expect(rejected.version).toBe(second.version);
    expect(rejected.entry?.version).toBe(second.version);
    // The refused files' own hash, for the admins' view of what was refused.
    expect(rejected.rejectedVersion).toMatch(/\S/);
    expect(rejected.rejectedVersion).not.toBe(second.version);
    expect(rejected.problems.map((p) => p.message)).toContain(
      "node 'main-menu': unknown target 'fund-nowhere' (digit 1)",
    );
    expect(watcher.current()?.version).toBe(second.version);
  });

  it('an invalid folder from the start reports problems with no entry', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ivr-watch-'));
    writeFileSync(join(dir, 'main.yaml'), 'flow: main\nentry: nope\nnodes: {}\n');
    const seen: FlowSetResult[] = [];
    watcher = watchFlowSet(dir, (r) => seen.push(r), { logger: silent, debounceMs: 20 });
    const first = await until('first load', () => seen[0]);
    expect(first.entry).toBeNull();
    expect(first.problems.map((p) => p.message)).toEqual(["entry 'nope' is not a node of flow 'main'"]);
  });
});
