import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { type IvrFlowSetV1, signAccessToken } from '@cc1357/contracts';
import { defaultFlowsDir } from '@cc1357/ivr-flows';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Center, SECRET, reachQueue, startCenter, until } from '../support/center';

/** Hot reload visible to admins: a temp copy of the flows, edited while telephony runs. */
describe('IVR flow hot reload over the supervisor socket', () => {
  let center: Center;
  let dir: string;
  let admin: Socket;
  const seen: IvrFlowSetV1[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cc1357-flows-'));
    cpSync(defaultFlowsDir, dir, { recursive: true });
    center = await startCenter();
    await center.startTelephony(undefined, { env: { FLOWS_DIR: dir } });
    const token = await signAccessToken({ sub: 'a1', username: 'admin', role: 'admin', skills: [] }, SECRET, 600);
    admin = io(center.telephony[0]!.url, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    admin.on('ivr.flowSet.v1', (view: IvrFlowSetV1) => seen.push(view));
  });
  afterAll(async () => {
    admin?.disconnect();
    await center?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the set on join, the new version after an edit, and the problems of a broken edit with the old version kept', async () => {
    const first = await until(() => seen[0], 'flow set on join');
    expect(first.problems).toEqual([]);
    expect(first.flows.find((f) => f.id === 'main')?.description).toBe('녹음 안내 → 업무시간 확인 → 주 메뉴');

    const mainFile = join(dir, 'main.yaml');
    const original = readFileSync(mainFile, 'utf8');
    writeFileSync(
      mainFile,
      original.replace('description: 녹음 안내 → 업무시간 확인 → 주 메뉴', 'description: 개정된 주 메뉴'),
    );
    const edited = await until(() => seen.find((v) => v.version !== first.version), 'new version pushed');
    expect(edited.problems).toEqual([]);
    expect(edited.flows.find((f) => f.id === 'main')?.description).toBe('개정된 주 메뉴');

    writeFileSync(mainFile, original.replace("'1': fund-wait", "'1': nowhere-node"));
    const rejected = await until(() => seen.find((v) => v.problems.length > 0), 'rejection pushed');
    expect(rejected.version).toBe(edited.version);
    expect(rejected.rejectedVersion?.at).toBeTruthy();
    expect(rejected.rejectedVersion?.version).toMatch(/\w+/);
    expect(rejected.rejectedVersion?.version).not.toBe(edited.version);
    expect(rejected.problems[0]).toMatchObject({
      file: expect.stringContaining('main.yaml'),
      line: expect.any(Number),
      message: expect.stringContaining('nowhere-node'),
    });
    // What admins read: the folder and file, not the server's absolute path; the typo first and
    // the branch it cut off as one line after it (not one "unreachable" per node).
    expect(rejected.problems.map((p) => p.file)).toEqual([`${basename(dir)}/main.yaml`, `${basename(dir)}/main.yaml`]);
    expect(rejected.problems.map((p) => p.message)).toEqual([
      "node 'main-menu': unknown target 'nowhere-node' (digit 1)",
      "node 'fund-wait' is unreachable from entry 'notice', and so are the nodes after it: 'fund-overflow', 'fund-cb-number', 'fund-callback', 'fund-queue'",
    ]);

    // The old version still runs calls: 1 still reaches the fund queue.
    const caller = await center.pbx.placeCall(center.callers.unknown[0]!);
    const callId = await reachQueue(center, caller, '1');
    await until(() => center.state.isQueued('fund', callId), 'fund queue with the kept version');
    await center.pbx.hangup(caller);

    // A reconnecting admin sees the rejection too, not only the version.
    const token = await signAccessToken({ sub: 's1', username: 'lee', role: 'supervisor', skills: [] }, SECRET, 600);
    const late = io(center.telephony[0]!.url, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    try {
      const got: IvrFlowSetV1[] = [];
      late.on('ivr.flowSet.v1', (v: IvrFlowSetV1) => got.push(v));
      const onJoin = await until(() => got[0], 'flow set on late join');
      expect(onJoin).toMatchObject({ version: edited.version, problems: rejected.problems });
    } finally {
      late.disconnect();
    }
  });
});
