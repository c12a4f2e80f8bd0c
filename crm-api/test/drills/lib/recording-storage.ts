import { rm, writeFile } from 'node:fs/promises';
import { call, eventually, makeUser } from '../../support/server';
import { answeredCall, postEvents, recordingRow, startRecordingCrm, tokenWith } from '../../support/recordingCalls';
import { startRecordingPbx } from '../../support/recordingsPbx';
import type { WebhookDrillFigures as DrillFigures } from './partner-webhook';

/**
 * Recording storage refusing every write (its directory is a plain file, so nothing can be
 * created under it — as a full or read-only volume would, even for root) while recorded calls
 * end. crm-api's finalise retries, gives up, and the reconciler must take each recording again
 * once the storage is back. Lost: a call record not closed (`calls_lost`), a recording not stored
 * (`events_lost`: the call's recording.finished never became a file). Recovery: storage back →
 * every recording stored.
 */
export async function recordingStorageDrill(opts: {
  quick: boolean;
  log?: (line: string) => void;
}): Promise<DrillFigures> {
  const log = opts.log ?? (() => undefined);
  const count = opts.quick ? 3 : 20;
  const pbx = await startRecordingPbx();
  const { crm, dir } = await startRecordingCrm(pbx, { attempts: 3 });
  try {
    const supervisor = await tokenWith('supervisor', await makeUser(crm.db, { username: 'sup', role: 'supervisor' }));
    await writeFile(dir, 'not a directory: the storage refuses every write');
    const ids = Array.from({ length: count }, (_, i) => `drill-rec-${i}`);
    const name = (id: string) => `cc/2025-03-14/${id}`;
    for (const id of ids) {
      await pbx.record(name(id));
      await postEvents(crm, answeredCall(id, '1001'));
    }
    // Every finalise has met the refusal and given up.
    await eventually(
      async () => (await Promise.all(ids.map((id) => recordingRow(crm, name(id))))).every((r) => r?.state === 'failed'),
      'every recording failed while the storage refused',
    ).catch(() => log('recording-storage: not every recording reached failed'));

    await rm(dir);
    const backAt = Date.now();
    const report = await call(crm, 'POST', '/api/recordings/reconcile', { token: supervisor });
    if (report.status !== 200) log(`recording-storage: reconcile HTTP ${report.status}`);
    await eventually(
      async () => (await Promise.all(ids.map((id) => recordingRow(crm, name(id))))).every((r) => r?.state === 'stored'),
      'every recording stored',
    ).catch(() => log('recording-storage: not every recording stored after the storage came back'));
    const recovery_s = Math.round((Date.now() - backAt) / 10) / 100;

    const rows = await Promise.all(ids.map((id) => recordingRow(crm, name(id))));
    const notStored = rows.filter((r) => r?.state !== 'stored' || !r.bytes || Number(r.bytes) === 0).length;
    const { rows: open } = await crm.db.query<{ n: string }>(
      'SELECT count(*) AS n FROM call_records WHERE call_id = ANY($1) AND ended_at IS NOT NULL',
      [ids],
    );
    return {
      calls_lost: count - Number(open[0]!.n),
      consultations_lost: 0,
      events_lost: notStored,
      recovery_s,
    };
  } finally {
    await crm.close();
    await pbx.close();
  }
}
