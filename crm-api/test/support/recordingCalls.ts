import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signAccessToken, type CallEventV1, type QueueId, type Role } from '@cc1357/contracts';
import { call, eventually, SECRET, startTestCrm, TEST_NOW, type TestCrm } from './server';
import type { RecordingPbx } from './recordingsPbx';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** crm-api with its recording jobs on Redis, downloading from the given pbx-sim. */
export async function startRecordingCrm(
  pbx: RecordingPbx,
  opts: { attempts?: number } = {},
): Promise<{ crm: TestCrm; dir: string }> {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'crm-recordings-')), 'store');
  const crm = await startTestCrm({
    redisUrl: REDIS_URL,
    queuePrefix: `cc1357test:${randomBytes(4).toString('hex')}`,
    cohortRefreshMs: 0,
    recordingsDir: dir,
    pbxAri: pbx.ari,
    recordingBackoffMs: 50,
    recordingAttempts: opts.attempts ?? 5,
    recordingReconcileMs: 0,
    recordingRetentionMs: 0,
    recordingRetentionDays: 90,
    recordingUrlTtlSeconds: 60,
  });
  return { crm, dir };
}

/** A user token with an agent id (the recordings' counselor filter reads it). */
export const tokenWith = (role: Role, sub: string, agentId?: string, at = TEST_NOW) =>
  signAccessToken({ sub, username: `u${sub}`, role, skills: [], ...(agentId ? { agentId } : {}) }, SECRET, 3600, at);

let seq = 0;
const at = (offsetS: number) => new Date(TEST_NOW.getTime() - 3600_000 + offsetS * 1000).toISOString();

/** The events telephony sends for an answered, recorded call (finished unless told otherwise). */
export function answeredCall(
  callId: string,
  agentId: string,
  o: { queue?: QueueId; callerNumber?: string; finished?: boolean } = {},
): CallEventV1[] {
  const name = `cc/2025-03-14/${callId}`;
  const e = (type: CallEventV1['type'], s: number, extra: Partial<CallEventV1> = {}): CallEventV1 => ({
    id: `${callId}-${++seq}`,
    callId,
    type,
    at: at(s),
    data: {},
    ...extra,
  });
  return [
    e('call.arrived', 0, { callerNumber: o.callerNumber ?? '01012345678' }),
    e('queue.entered', 5, { queue: o.queue ?? 'fund' }),
    e('call.connected', 10, { queue: o.queue ?? 'fund', agentId }),
    e('recording.started', 10, { data: { name, format: 'wav' } }),
    e('call.ended', 70),
    ...(o.finished === false
      ? []
      : [e('recording.finished', 71, { data: { name, state: 'done', durationSeconds: 60, cause: null } })]),
  ];
}

export async function postEvents(crm: TestCrm, events: CallEventV1[]): Promise<void> {
  const service = await signAccessToken(
    { sub: 'telephony', username: 'service', role: 'service', skills: [] },
    SECRET,
    3600,
    TEST_NOW,
  );
  const r = await call(crm, 'POST', '/api/internal/call-events', { token: service, body: { events } });
  if (r.status !== 200) throw new Error(`call events refused: ${r.status} ${JSON.stringify(r.body)}`);
}

export const recordingRow = async (crm: TestCrm, name: string) =>
  (
    await crm.db.query<{
      id: string;
      state: string;
      attempts: number;
      last_error: string | null;
      storage_key: string | null;
      bytes: string | null;
      sha256: string | null;
      duration_ms: number | null;
      agent_id: string | null;
      queue: string | null;
    }>(
      `SELECT id::text, state, attempts, last_error, storage_key, bytes, sha256, duration_ms, agent_id, queue FROM recordings WHERE name = $1`,
      [name],
    )
  ).rows[0];

export const storedRow = async (crm: TestCrm, name: string) => {
  try {
    return await eventually(async () => {
      const r = await recordingRow(crm, name);
      return r?.state === 'stored' ? r : null;
    }, `${name} stored`);
  } catch (err) {
    // Say where it stopped (pending with an error, failed, no row at all).
    throw new Error(`${(err as Error).message}: ${JSON.stringify(await recordingRow(crm, name))}`, { cause: err });
  }
};
