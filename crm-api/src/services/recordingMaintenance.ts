import type { ReconcileReport, RecordingStorageSummary } from '@cc1357/contracts';
import type pg from 'pg';
import type { Logger } from 'pino';
import { AppError } from '../errors';
import { writeAudit } from '../repositories/audit';
import {
  adoptUnfinished,
  expiredRecordings,
  indexedKeys,
  markDeleted,
  markMissing,
  retentionFigures,
  unfinalised,
} from '../repositories/recordingMaintenance';
import type { RecordingStorage } from '../storage/recordingStorage';

export interface MaintenanceDeps {
  db: pg.Pool;
  storage: RecordingStorage;
  now: () => Date;
  log: Logger;
  retentionDays: number;
  /** Hands a recording to the finalise job (absent without Redis: nothing is re-queued). */
  enqueueFinalise?: ((name: string) => Promise<boolean>) | undefined;
}

const DAY_MS = 24 * 3600_000;

/**
 * Storage against the index: files no row names (reported, left for a person: deleting evidence
 * automatically is worse than keeping it), stored rows whose file is gone (marked missing),
 * recordings the PBX never reported finished on calls that ended (adopted as pending), and
 * pending or failed rows handed to the finalise job again.
 */
export async function reconcileRecordings(d: MaintenanceDeps): Promise<ReconcileReport> {
  const [files, rows] = await Promise.all([d.storage.list(), indexedKeys(d.db)]);
  const onDisk = new Set(files);
  const indexed = new Set(rows.map((r) => r.key));
  const orphanFiles = files.filter((f) => !indexed.has(f));
  const gone = rows.filter((r) => r.state === 'stored' && !onDisk.has(r.key));
  await markMissing(
    d.db,
    gone.map((r) => r.id),
  );
  const unfinished = await adoptUnfinished(d.db);
  let requeued = 0;
  if (d.enqueueFinalise) {
    // A pending row younger than a minute probably has its job in flight.
    for (const name of await unfinalised(d.db, new Date(d.now().getTime() - 60_000)))
      if (await d.enqueueFinalise(name)) requeued++;
    for (const name of unfinished) if (await d.enqueueFinalise(name)) requeued++;
  }
  const report = { orphanFiles, missingFiles: gone.map((r) => r.name), unfinished, requeued };
  if (orphanFiles.length || gone.length || unfinished.length) d.log.warn(report, 'recordings reconciled: mismatches');
  return report;
}

/** Deletes stored recordings older than the retention period unless on legal hold; each deletion is audited. */
export async function applyRetention(
  d: MaintenanceDeps,
  actor: { id: string; name: string; role: string } = { id: 'system', name: 'retention job', role: 'system' },
): Promise<{ deleted: number; kept: number }> {
  const cutoff = new Date(d.now().getTime() - d.retentionDays * DAY_MS);
  let deleted = 0;
  let kept = 0;
  for (;;) {
    const batch = await expiredRecordings(d.db, cutoff, 200);
    if (batch.length === 0) break;
    for (const r of batch) {
      // The row first: a hold set a moment ago wins, and a crash between the two leaves an
      // orphan file the reconciler reports rather than a row pointing at nothing.
      if (!(await markDeleted(d.db, r.id, d.now()))) {
        kept++;
        continue;
      }
      if (r.key) await d.storage.delete(r.key);
      await writeAudit(d.db, {
        actorId: actor.id,
        actorName: actor.name,
        actorRole: actor.role,
        action: 'recording.deleted',
        subjectType: 'recording',
        subjectId: r.id,
        details: { name: r.name, startedAt: r.startedAt, retentionDays: d.retentionDays, reason: 'retention' },
        at: d.now(),
      });
      deleted++;
    }
    if (batch.length < 200) break;
  }
  if (deleted > 0) d.log.info({ deleted, retentionDays: d.retentionDays }, 'recordings past retention deleted');
  return { deleted, kept };
}

export async function storageSummary(d: MaintenanceDeps, days: number): Promise<RecordingStorageSummary> {
  // Expiring within `days`: started before now − retention + days.
  const within = new Date(d.now().getTime() - (d.retentionDays - days) * DAY_MS);
  const [usage, f] = await Promise.all([d.storage.usage(), retentionFigures(d.db, within)]);
  return {
    files: usage.files,
    bytes: usage.bytes,
    stored: f.stored,
    onLegalHold: f.onLegalHold,
    retentionDays: d.retentionDays,
    expiring: { days, count: f.expiringCount, bytes: f.expiringBytes },
    byState: f.byState,
  };
}

/** The maintenance dependencies of a request's context (the HTTP triggers). */
export function maintenanceOf(ctx: {
  db: pg.Pool;
  now: () => Date;
  log: Logger;
  recordings?:
    | {
        storage: RecordingStorage;
        retentionDays: number;
        enqueueFinalise?: ((name: string) => Promise<boolean>) | undefined;
      }
    | undefined;
}): MaintenanceDeps {
  if (!ctx.recordings) throw new AppError('UNAVAILABLE', '녹취 저장소가 설정되지 않았습니다');
  const r = ctx.recordings;
  return {
    db: ctx.db,
    now: ctx.now,
    log: ctx.log,
    storage: r.storage,
    retentionDays: r.retentionDays,
    enqueueFinalise: r.enqueueFinalise,
  };
}
