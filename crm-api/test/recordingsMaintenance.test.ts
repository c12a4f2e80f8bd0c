import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localRecordingStorage } from '../src/storage/recordingStorage';
import {
  answeredCall,
  postEvents,
  recordingRow,
  startRecordingCrm,
  storedRow,
  tokenWith,
} from './support/recordingCalls';
import { startRecordingPbx, type RecordingPbx } from './support/recordingsPbx';
import { call, count, eventually, makeUser, startTestCrm, TEST_NOW, type TestCrm } from './support/server';

/** Issue 13 §1–§3: finalise retries, the reconciler, retention with legal holds, quality reviews. */
describe('recordings: retries, reconcile, retention and reviews', () => {
  let pbx: RecordingPbx;
  let crm: TestCrm;
  let dir: string;
  let supervisor: string;
  let counselor: string;
  const n = (callId: string) => `cc/2025-03-14/${callId}`;

  beforeAll(async () => {
    pbx = await startRecordingPbx();
    ({ crm, dir } = await startRecordingCrm(pbx, { attempts: 4 }));
    const supId = await makeUser(crm.db, { username: 'sup', role: 'supervisor', displayName: '박감독' });
    await makeUser(crm.db, { username: 'agent-a', agentId: '1001', displayName: '김상담' });
    supervisor = await tokenWith('supervisor', supId);
    counselor = await tokenWith('counselor', '77', '1001');
  }, 30_000);
  afterAll(async () => {
    await crm?.close();
    await pbx?.close();
  });

  it('retries a finalise the PBX cannot serve yet, and stores it once the file is there', async () => {
    await postEvents(crm, answeredCall('late-1', '1001'));
    // The first attempt met a 404 (the PBX has not written it): the row stays pending.
    const failed = await eventually(async () => {
      const r = await recordingRow(crm, n('late-1'));
      return r?.last_error ? r : null;
    }, 'a failed attempt');
    expect(failed.state).toBe('pending');
    expect(failed.last_error).toContain('404');
    await pbx.record(n('late-1'));
    const stored = await storedRow(crm, n('late-1'));
    expect(stored.attempts).toBeGreaterThanOrEqual(2);
  });

  it('marks a recording failed after the last attempt; the reconciler queues it again', async () => {
    await postEvents(crm, answeredCall('never-1', '1001'));
    const failed = await eventually(async () => {
      const r = await recordingRow(crm, n('never-1'));
      return r?.state === 'failed' ? r : null;
    }, 'failed after the last attempt');
    expect(failed.attempts).toBe(4);
    await pbx.record(n('never-1'));
    const report = await call(crm, 'POST', '/api/recordings/reconcile', { token: supervisor });
    expect(report.status).toBe(200);
    expect(report.body.requeued).toBeGreaterThanOrEqual(1);
    await storedRow(crm, n('never-1'));
  });

  it('reconciles: files without a row, rows without a file, and recordings the PBX never finished', async () => {
    const gone = await storedRow(crm, n('late-1'));
    const storage = localRecordingStorage(dir);
    await storage.delete(gone.storage_key!);
    const orphan = storage.newKey(TEST_NOW);
    await storage.put(orphan, new Uint8Array([1, 2, 3]));
    // A PBX crash: the recording started and the call ended, but no recording.finished came.
    await pbx.record(n('crash-1'));
    await postEvents(crm, answeredCall('crash-1', '1001', { finished: false }));
    expect(await recordingRow(crm, n('crash-1'))).toBeUndefined();

    const report = await call(crm, 'POST', '/api/recordings/reconcile', { token: supervisor });
    expect(report.body).toMatchObject({
      orphanFiles: [orphan],
      missingFiles: [n('late-1')],
      unfinished: [n('crash-1')],
    });
    expect((await recordingRow(crm, n('late-1')))!.state).toBe('missing');
    await storedRow(crm, n('crash-1'));
    expect((await call(crm, 'POST', '/api/recordings/reconcile', { token: counselor })).status).toBe(403);
  });

  it('scores reviews against the supervisors’ criteria and summarises them per counselor', async () => {
    const { id } = await storedRow(crm, n('crash-1'));
    const criteria = (await call(crm, 'GET', '/api/recordings/review-criteria', { token: counselor })).body as {
      id: string;
      maxScore: number;
    }[];
    expect(criteria.length).toBeGreaterThan(0);
    const added = await call(crm, 'POST', '/api/recordings/review-criteria', {
      token: supervisor,
      body: { label: '마무리 안내', maxScore: 10 },
    });
    expect(added.status).toBe(201);
    const all = [...criteria, added.body as { id: string; maxScore: number }];
    const full = Object.fromEntries(all.map((c) => [c.id, c.maxScore]));
    const zero = Object.fromEntries(all.map((c) => [c.id, 0]));
    const url = `/api/recordings/${id}/reviews`;
    const saved = await call(crm, 'POST', url, { token: supervisor, body: { scores: full, comment: '좋음' } });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ total: 100, comment: '좋음', reviewerName: '박감독' });
    // A second save by the same reviewer replaces the first.
    expect((await call(crm, 'POST', url, { token: supervisor, body: { scores: zero } })).body.total).toBe(0);
    expect(await count(crm.db, 'recording_reviews')).toBe(1);

    const over = await call(crm, 'POST', url, { token: supervisor, body: { scores: { ...full, [all[0]!.id]: 99 } } });
    expect(over.status).toBe(400);
    expect(over.body.error.fields[0].path).toBe(`scores.${all[0]!.id}`);
    const { [all[0]!.id]: _dropped, ...missingOne } = full;
    expect((await call(crm, 'POST', url, { token: supervisor, body: { scores: missingOne } })).status).toBe(400);
    expect((await call(crm, 'POST', url, { token: counselor, body: { scores: full } })).status).toBe(403);

    const summary = await call(crm, 'GET', '/api/recordings/review-summary', { token: supervisor });
    expect(summary.body).toEqual([
      { agentId: '1001', counselorName: '김상담', reviews: 1, average: 0, lowest: 0, highest: 0 },
    ]);
    const detail = await call(crm, 'GET', `/api/recordings/${id}`, { token: counselor });
    expect(detail.body.reviews).toHaveLength(1);
    expect(detail.body.reviewScore).toBe(0);
  });

  it('retention deletes what is past the period, keeps legal holds, audits each deletion', async () => {
    const held = await storedRow(crm, n('never-1'));
    const doomed = await storedRow(crm, n('crash-1'));
    const hold = await call(crm, 'PATCH', `/api/recordings/${held.id}/legal-hold`, {
      token: supervisor,
      body: { legalHold: true },
    });
    expect(hold.body).toMatchObject({ legalHold: true, expiresAt: null });
    const before = await call(crm, 'GET', '/api/recordings/storage?days=120', { token: supervisor });
    expect(before.body).toMatchObject({ stored: 2, onLegalHold: 1, retentionDays: 90, expiring: { count: 1 } });
    expect(before.body.files).toBe(3); // two stored, one orphan
    expect((await call(crm, 'GET', '/api/recordings/storage?days=0', { token: supervisor })).status).toBe(400);

    const later = new Date(TEST_NOW.getTime() + 91 * 24 * 3600_000);
    crm.setNow(later);
    try {
      const supervisorLater = await tokenWith('supervisor', '5', undefined, later);
      expect((await call(crm, 'POST', '/api/recordings/retention', { token: supervisorLater })).status).toBe(403);
      const run = await call(crm, 'POST', '/api/recordings/retention', {
        token: await tokenWith('admin', '5', undefined, later),
      });
      // crash-1 (stored) and late-1 (its file already missing); never-1 is on hold.
      expect(run.body).toEqual({ deleted: 2, kept: 0 });
    } finally {
      crm.setNow(TEST_NOW);
    }
    expect((await recordingRow(crm, n('crash-1')))!.state).toBe('deleted');
    expect(existsSync(path.join(dir, doomed.storage_key!))).toBe(false);
    expect(existsSync(path.join(dir, held.storage_key!))).toBe(true);
    const audit = await crm.db.query(
      `SELECT subject_id, details->>'reason' AS reason FROM audit_log WHERE action = 'recording.deleted' ORDER BY subject_id`,
    );
    const lateId = (await recordingRow(crm, n('late-1')))!.id;
    expect(audit.rows).toEqual([doomed.id, lateId].sort().map((subject_id) => ({ subject_id, reason: 'retention' })));
    expect((await recordingRow(crm, n('never-1')))!.state).toBe('stored');
    expect(await count(crm.db, 'audit_log', `action = 'recording.legalHold.set'`)).toBe(1);
  });
});

describe('recordings when Redis is away', () => {
  it('the call-event ingest still answers and leaves the recording pending for the reconciler', async () => {
    const pbx = await startRecordingPbx();
    const crm = await startTestCrm({
      redisUrl: 'redis://127.0.0.1:1',
      queuePrefix: 'cc1357test:noredis',
      cohortRefreshMs: 0,
      recordingsDir: path.join(tmpdir(), `crm-rec-noredis-${process.pid}`),
      pbxAri: pbx.ari,
      recordingReconcileMs: 0,
      recordingRetentionMs: 0,
    });
    try {
      await postEvents(crm, answeredCall('noredis-1', '1001'));
      expect((await recordingRow(crm, 'cc/2025-03-14/noredis-1'))!.state).toBe('pending');
    } finally {
      await crm.close();
      await pbx.close();
    }
  });
});
