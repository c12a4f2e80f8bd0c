import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wavDurationMs } from '../src/domain/wavHeader';
import { answeredCall, postEvents, startRecordingCrm, storedRow, tokenWith } from './support/recordingCalls';
import { startRecordingPbx, type RecordingPbx } from './support/recordingsPbx';
import { call, count, makeCompany, makeUser, TEST_NOW, type TestCrm } from './support/server';

/** Issue 13 §1–§2 over a real pbx-sim, PostgreSQL and Redis: finalise, search, access, serving. */
describe('recordings: finalise from the PBX, search, access and signed range serving', () => {
  let pbx: RecordingPbx;
  let crm: TestCrm;
  let dir: string;
  let supervisor: string;
  let counselorA: string;
  let counselorB: string;
  let partner: string;
  let id: string;
  let pbxBytes: Buffer;
  const name = 'cc/2025-03-14/rec-a1';

  beforeAll(async () => {
    pbx = await startRecordingPbx();
    ({ crm, dir } = await startRecordingCrm(pbx));
    const supId = await makeUser(crm.db, { username: 'sup', role: 'supervisor' });
    const aId = await makeUser(crm.db, { username: 'agent-a', agentId: '1001', displayName: '김상담' });
    await makeUser(crm.db, { username: 'agent-b', agentId: '1002' });
    supervisor = await tokenWith('supervisor', supId);
    counselorA = await tokenWith('counselor', aId, '1001');
    counselorB = await tokenWith('counselor', '999', '1002');
    partner = await tokenWith('partner', '998');
    // The consultation is written during wrap-up; the index links it by call id.
    const company = await makeCompany(crm.db, 7, '녹취테스트기업');
    await crm.db.query(
      `INSERT INTO consultations (idempotency_key, request_hash, company_id, call_id, caller_number, counselor_id, category, summary, outcome)
       VALUES ('k-rec-a1', 'h', $1, 'rec-a1', '01012345678', $2, 'finance', '정책자금 문의', 'resolved')`,
      [company, aId],
    );
    await pbx.record(name);
    pbxBytes = await pbx.file(name);
    const sent = Date.now();
    await postEvents(crm, answeredCall('rec-a1', '1001', { callerNumber: '01012345678' }));
    const row = await storedRow(crm, name);
    // The call's end (its recording.finished reaching crm-api) → playable, measured here.
    console.log(`recording call-end → playable: ${Date.now() - sent} ms`);
    id = row.id;
  }, 30_000);
  afterAll(async () => {
    await crm?.close();
    await pbx?.close();
  });

  it('stores the PBX bytes with their checksum, WAV length, call index and private modes', async () => {
    const { rows } = await crm.db.query(`SELECT * FROM recordings WHERE id = $1`, [id]);
    const r = rows[0];
    expect(r.sha256).toBe(createHash('sha256').update(pbxBytes).digest('hex'));
    expect(Number(r.bytes)).toBe(pbxBytes.length);
    expect(r.duration_ms).toBe(wavDurationMs(pbxBytes));
    expect(r.duration_ms).toBeGreaterThan(0);
    expect([r.agent_id, r.queue, r.caller_number]).toEqual(['1001', 'fund', '01012345678']);
    expect(r.storage_key).toMatch(/^\d{4}\/\d{2}\/[0-9a-f]{32}\.wav$/);
    const file = path.join(dir, r.storage_key);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('re-sent recording.finished events finalise once', async () => {
    await postEvents(crm, answeredCall('rec-a1', '1001'));
    expect(await count(crm.db, 'recordings', 'name = $1', [name])).toBe(1);
    expect((await storedRow(crm, name)).attempts).toBe(1);
  });

  it('searches by counselor, queue, company, number, category, duration and date; lists mask the number', async () => {
    const q = async (qs: string, token = supervisor) => call(crm, 'GET', `/api/recordings${qs}`, { token });
    const all = await q('');
    expect(all.status).toBe(200);
    expect(all.body).toHaveLength(1);
    expect(all.body[0]).toMatchObject({
      id,
      callId: 'rec-a1',
      counselorName: '김상담',
      companyName: '녹취테스트기업',
      category: 'finance',
      callerNumber: '010-****-5678',
      state: 'stored',
      legalHold: false,
    });
    for (const hit of [
      '?agentId=1001',
      '?queue=fund',
      '?callerNumber=5678',
      '?category=finance',
      '?from=2025-03-14&to=2025-03-14',
      '?minSeconds=1',
    ])
      expect((await q(hit)).body, hit).toHaveLength(1);
    for (const miss of [
      '?agentId=1002',
      '?queue=rnd',
      '?callerNumber=9999',
      '?category=tech',
      '?from=2025-03-15',
      '?minSeconds=3600',
    ])
      expect((await q(miss)).body, miss).toHaveLength(0);
    const bad = await q('?from=2025-13-01');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('from');
    expect((await q('?from=2025-03-15&to=2025-03-14')).status).toBe(400);
  });

  it('counselors see only their own calls (another’s is a 404 like a missing one); partners none', async () => {
    expect((await call(crm, 'GET', '/api/recordings', { token: counselorA })).body).toHaveLength(1);
    expect((await call(crm, 'GET', '/api/recordings', { token: counselorB })).body).toHaveLength(0);
    const theirs = await call(crm, 'GET', `/api/recordings/${id}`, { token: counselorB });
    const missing = await call(crm, 'GET', '/api/recordings/987654', { token: counselorB });
    expect(theirs.status).toBe(404);
    expect(theirs.body).toEqual(missing.body);
    expect((await call(crm, 'POST', `/api/recordings/${id}/url`, { token: counselorB, body: {} })).status).toBe(404);
    expect((await call(crm, 'GET', '/api/recordings', { token: partner })).status).toBe(403);
    const own = await call(crm, 'GET', `/api/recordings/${id}`, { token: counselorA });
    expect(own.status).toBe(200);
    expect(own.body.consultation).toMatchObject({ summary: '정책자금 문의', category: 'finance' });
    expect(own.body.callerNumber).toBe('01012345678');
  });

  it('serves the audio by signed URL with Range (206, 416) and audits every URL issued', async () => {
    const issued = await call(crm, 'POST', `/api/recordings/${id}/url`, { token: supervisor, body: {} });
    expect(issued.status).toBe(200);
    expect(issued.body.expiresAt).toBe(new Date(TEST_NOW.getTime() + 60_000).toISOString());
    const url = `${crm.api.url}${issued.body.url}`;
    const whole = await fetch(url);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(whole.headers.get('content-type')).toBe('audio/wav');
    expect(Buffer.from(await whole.arrayBuffer()).equals(pbxBytes)).toBe(true);

    const part = await fetch(url, { headers: { range: 'bytes=10-109' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 10-109/${pbxBytes.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(pbxBytes.subarray(10, 110))).toBe(true);
    const tail = await fetch(url, { headers: { range: 'bytes=-44' } });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(pbxBytes.subarray(pbxBytes.length - 44))).toBe(true);
    const beyond = await fetch(url, { headers: { range: `bytes=${pbxBytes.length}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${pbxBytes.length}`);

    const audit = await crm.db.query(
      `SELECT action, actor_role, subject_id FROM audit_log WHERE subject_type = 'recording' ORDER BY id`,
    );
    expect(audit.rows).toEqual([{ action: 'recording.play', actor_role: 'supervisor', subject_id: id }]);
    await call(crm, 'POST', `/api/recordings/${id}/url`, { token: counselorA, body: { disposition: 'attachment' } });
    expect(await count(crm.db, 'audit_log', `action = 'recording.download' AND actor_role = 'counselor'`)).toBe(1);
  });

  it('refuses tampered, re-purposed and expired signatures with 403', async () => {
    const issued = await call(crm, 'POST', `/api/recordings/${id}/url`, { token: supervisor, body: {} });
    const u = new URL(`${crm.api.url}${issued.body.url}`);
    const sig = u.searchParams.get('sig')!;
    const variant = (change: (p: URLSearchParams) => void) => {
      const v = new URL(u);
      change(v.searchParams);
      return fetch(v).then((r) => r.status);
    };
    expect(await variant((p) => p.set('sig', `${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`))).toBe(403);
    expect(await variant((p) => p.set('exp', String(Number(p.get('exp')) + 3600)))).toBe(403);
    expect(await variant((p) => p.set('disposition', 'attachment'))).toBe(403);
    const other = new URL(u.toString().replace(`/recordings/${id}/`, '/recordings/987654/'));
    expect((await fetch(other)).status).toBe(403);
    expect(await variant((p) => p.delete('sig'))).toBe(400);
    crm.setNow(new Date(TEST_NOW.getTime() + 61_000));
    try {
      const expired = await fetch(u);
      expect(expired.status).toBe(403);
      expect(((await expired.json()) as { error: { message: string } }).error.message).toContain('만료');
    } finally {
      crm.setNow(TEST_NOW);
    }
    expect((await fetch(u)).status).toBe(200);
  });
});
