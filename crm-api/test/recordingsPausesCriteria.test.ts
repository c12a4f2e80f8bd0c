import type { CallEventV1 } from '@cc1357/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answeredCall, postEvents, startRecordingCrm, storedRow, tokenWith } from './support/recordingCalls';
import { startRecordingPbx, type RecordingPbx } from './support/recordingsPbx';
import { call, makeUser, TEST_NOW, type TestCrm } from './support/server';

type Criterion = { id: string; label: string; maxScore: number; active: boolean; sortOrder: number };

/**
 * Issue 13's open gaps over real PostgreSQL, Redis and pbx-sim: where the counselor paused the
 * recording (served with the detail), and the review criteria edited as the console edits them.
 */
describe('recordings: paused spans in the detail, review criteria editing', () => {
  let pbx: RecordingPbx;
  let crm: TestCrm;
  let supervisor: string;
  let counselor: string;
  let id: string;
  const callId = 'pz-1';
  const name = `cc/2025-03-14/${callId}`;

  beforeAll(async () => {
    pbx = await startRecordingPbx();
    ({ crm } = await startRecordingCrm(pbx));
    const supId = await makeUser(crm.db, { username: 'sup', role: 'supervisor', displayName: '박감독' });
    const agentId = await makeUser(crm.db, { username: 'agent-a', agentId: '1001', displayName: '김상담' });
    supervisor = await tokenWith('supervisor', supId);
    counselor = await tokenWith('counselor', agentId, '1001');
    await pbx.record(name);
    // answeredCall: recording.started 10 s after arrival, call.ended at 70 s, recording.finished at 71 s.
    const base = TEST_NOW.getTime() - 3600_000;
    const ev = (n: number, type: CallEventV1['type'], s: number, data: Record<string, unknown>): CallEventV1 => ({
      id: `${callId}-pause-${n}`,
      callId,
      type,
      at: new Date(base + s * 1000).toISOString(),
      data: { name, ...data },
    });
    // Paused 20–32 s (12 s), then 40 s until the caller hung up at 70 s (30 s).
    await postEvents(crm, [
      ...answeredCall(callId, '1001'),
      ev(1, 'recording.paused', 20, {}),
      ev(2, 'recording.resumed', 32, { pausedSeconds: 12 }),
      ev(3, 'recording.paused', 40, {}),
      ev(4, 'recording.resumed', 70, { pausedSeconds: 30, byHangup: true }),
    ]);
    id = (await storedRow(crm, name)).id;
  }, 30_000);
  afterAll(async () => {
    await crm?.close();
    await pbx?.close();
  });

  it('serves each pause at its place in the file (earlier pauses subtracted) with its wall-clock length', async () => {
    // pbx-sim's file is about a second long: say it is 28 s, so no offset below is cut to its end.
    await crm.db.query(`UPDATE recordings SET duration_ms = 28000 WHERE id = $1`, [id]);
    const detail = await call(crm, 'GET', `/api/recordings/${id}`, { token: counselor });
    expect(detail.status).toBe(200);
    const at = (s: number) => new Date(TEST_NOW.getTime() - 3600_000 + s * 1000).toISOString();
    expect(detail.body.pauses).toEqual([
      { offsetMs: 10_000, pausedMs: 12_000, pausedAt: at(20), untilEnd: false },
      { offsetMs: 18_000, pausedMs: 30_000, pausedAt: at(40), untilEnd: true },
    ]);
    // A file shorter than the events say keeps every marker on it.
    await crm.db.query(`UPDATE recordings SET duration_ms = 15000 WHERE id = $1`, [id]);
    const short = await call(crm, 'GET', `/api/recordings/${id}`, { token: supervisor });
    expect(short.body.pauses.map((p: { offsetMs: number }) => p.offsetMs)).toEqual([10_000, 15_000]);
  });

  it('a recording without pauses has none', async () => {
    await pbx.record('cc/2025-03-14/pz-2');
    await postEvents(crm, answeredCall('pz-2', '1001'));
    const other = await storedRow(crm, 'cc/2025-03-14/pz-2');
    expect((await call(crm, 'GET', `/api/recordings/${other.id}`, { token: supervisor })).body.pauses).toEqual([]);
  });

  it('supervisors add, rename, reorder and retire criteria; bad edits are refused field by field; old reviews keep their scores', async () => {
    const list = async (): Promise<Criterion[]> =>
      (await call(crm, 'GET', '/api/recordings/review-criteria', { token: supervisor })).body;
    const before = await list();
    expect(before.map((c) => c.label)).toEqual(['인사 및 본인 확인', '문의 파악', '안내 정확성', '친절도']);
    const full = Object.fromEntries(before.map((c) => [c.id, c.maxScore]));
    const reviewUrl = `/api/recordings/${id}/reviews`;
    const review = await call(crm, 'POST', reviewUrl, { token: supervisor, body: { scores: full, comment: '좋음' } });
    expect(review.body.total).toBe(100);

    const [first, second] = before as [Criterion, Criterion, ...Criterion[]];
    const patch = (cid: string, body: Partial<Criterion>, token = supervisor) =>
      call(crm, 'PATCH', `/api/recordings/review-criteria/${cid}`, { token, body });
    const renamed = await patch(first.id, { ...first, label: '첫인사', maxScore: 10 });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id: first.id, label: '첫인사', maxScore: 10, active: true });
    const added = await call(crm, 'POST', '/api/recordings/review-criteria', {
      token: supervisor,
      body: { label: '마무리 안내', maxScore: 3, sortOrder: 5 },
    });
    expect(added.status).toBe(201);

    // Refused: an empty name, a maximum out of 1–100, a name in use, an unknown id, a counselor.
    const empty = await patch(second.id, { ...second, label: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields).toEqual([expect.objectContaining({ path: 'label' })]);
    const zero = await patch(second.id, { ...second, maxScore: 0 });
    expect(zero.status).toBe(400);
    expect(zero.body.error.fields).toEqual([expect.objectContaining({ path: 'maxScore' })]);
    expect((await patch(second.id, { ...second, label: '첫인사' })).status).toBe(409);
    expect((await patch('987654', { ...second })).status).toBe(404);
    expect((await patch(second.id, { ...second, label: '몰래' }, counselor)).status).toBe(403);

    // A new order: every criterion once, else nothing changes.
    const ids = (await list()).map((c) => c.id);
    const order = (body: unknown, token = supervisor) =>
      call(crm, 'POST', '/api/recordings/review-criteria/order', { token, body });
    const reversed = [...ids].reverse();
    const moved = await order({ ids: reversed });
    expect(moved.status).toBe(200);
    expect((moved.body as Criterion[]).map((c) => c.id)).toEqual(reversed);
    expect((moved.body as Criterion[]).map((c) => c.sortOrder)).toEqual([1, 2, 3, 4, 5]);
    const missing = await order({ ids: reversed.slice(1) });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields).toEqual([{ path: 'ids', message: '모든 평가 항목을 한 번씩 보내세요' }]);
    const twice = await order({ ids: [...reversed.slice(0, 4), reversed[0]] });
    expect(twice.body.error.fields).toEqual([{ path: 'ids.4', message: '같은 항목이 두 번 있습니다' }]);
    const unknown = await order({ ids: [...reversed.slice(0, 4), '987654'] });
    expect(unknown.body.error.fields).toEqual([{ path: 'ids.4', message: '없는 평가 항목입니다' }]);
    expect((await order({ ids: reversed }, counselor)).status).toBe(403);
    expect((await list()).map((c) => c.id)).toEqual(reversed);

    // Retired: kept (old reviews name it) but no longer scored.
    const retired = await patch(second.id, { ...second, active: false, sortOrder: 4 });
    expect(retired.body.active).toBe(false);
    const active = (await list()).filter((c) => c.active);
    expect(active.map((c) => c.label)).toEqual(['마무리 안내', '친절도', '안내 정확성', '첫인사']);
    const stale = await call(crm, 'POST', reviewUrl, { token: supervisor, body: { scores: full } });
    expect(stale.status).toBe(400);

    // The review saved before every change keeps its scores and total.
    const detail = await call(crm, 'GET', `/api/recordings/${id}`, { token: supervisor });
    expect(detail.body.reviews).toEqual([expect.objectContaining({ scores: full, total: 100, comment: '좋음' })]);
    // A new review scores the criteria as they are now.
    const now = Object.fromEntries(active.map((c) => [c.id, c.maxScore]));
    const again = await call(crm, 'POST', reviewUrl, { token: supervisor, body: { scores: now } });
    expect(again.status).toBe(200);
    expect(again.body.total).toBe(100);
  });
});
