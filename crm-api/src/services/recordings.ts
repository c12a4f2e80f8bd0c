import type { RecordingDetail, RecordingDto, RecordingSearchQuery, RecordingUrl } from '@cc1357/contracts';
import type { ReadStream } from 'node:fs';
import { maskPhone } from '../domain/masking';
import { recordingPauses } from '../domain/recordingPauses';
import { signRecordingUrl, verifyRecordingUrl, type Disposition } from '../domain/signedUrl';
import { AppError } from '../errors';
import { writeAudit } from '../repositories/audit';
import { consultationForRecording } from '../repositories/recordingConsultation';
import { recordingEventsOf } from '../repositories/recordingPauses';
import { reviewsOf } from '../repositories/recordingReviews';
import { recordingById, searchRecordings, setLegalHold, type RecordingRow } from '../repositories/recordings';
import type { Actor, RecordingsContext, ServiceContext } from './context';

/** The one answer for "no such recording" and "not yours": a counselor learns nothing from it. */
const notFound = () => new AppError('NOT_FOUND', '녹취를 찾을 수 없습니다');

export function recordingsOf(ctx: ServiceContext): RecordingsContext {
  if (!ctx.recordings) throw new AppError('UNAVAILABLE', '녹취 저장소가 설정되지 않았습니다');
  return ctx.recordings;
}

/** Counselors are limited to their own calls (by agent id; none without one), others see all. */
const ownOnly = (actor: Actor): string | null | undefined =>
  actor.role === 'counselor' ? (actor.agentId ?? null) : undefined;

function visible(actor: Actor, row: RecordingRow | null): RecordingRow {
  if (!row) throw notFound();
  const own = ownOnly(actor);
  if (own !== undefined && row.agentId !== own) throw notFound();
  return row;
}

const dto = ({ storageKey: _key, ...row }: RecordingRow, mask: boolean): RecordingDto => ({
  ...row,
  callerNumber: mask && row.callerNumber ? maskPhone(row.callerNumber) : row.callerNumber,
});

export async function findRecordings(
  ctx: ServiceContext,
  actor: Actor,
  q: RecordingSearchQuery & { limit: number },
): Promise<RecordingDto[]> {
  const rec = recordingsOf(ctx);
  if (q.from && q.to && q.from > q.to)
    throw new AppError('BAD_REQUEST', '기간이 올바르지 않습니다', [
      { path: 'to', message: '종료일이 시작일보다 빠릅니다' },
    ]);
  const own = ownOnly(actor);
  const rows = await searchRecordings(
    ctx.db,
    { ...q, ...(own !== undefined ? { onlyAgentId: own } : {}) },
    rec.retentionDays,
  );
  return rows.map((r) => dto(r, true));
}

export async function readRecording(ctx: ServiceContext, actor: Actor, id: string): Promise<RecordingDetail> {
  const rec = recordingsOf(ctx);
  const row = visible(actor, await recordingById(ctx.db, id, rec.retentionDays));
  const [reviews, consultation, events] = await Promise.all([
    reviewsOf(ctx.db, id),
    row.consultationId ? consultationForRecording(ctx.db, row.consultationId) : Promise.resolve(null),
    recordingEventsOf(ctx.db, row.callId),
  ]);
  const pauses = recordingPauses(events, {
    name: row.name,
    startedAt: row.startedAt ? new Date(row.startedAt) : null,
    durationMs: row.durationMs,
  });
  return { ...dto(row, false), consultation, reviews, pauses };
}

/** A signed URL to the audio, written to the audit log (who, which recording, play or download). */
export async function issueRecordingUrl(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  disposition: Disposition,
): Promise<RecordingUrl> {
  const rec = recordingsOf(ctx);
  const row = visible(actor, await recordingById(ctx.db, id, rec.retentionDays));
  if (row.state !== 'stored') throw new AppError('CONFLICT', '녹취 파일을 재생할 수 없는 상태입니다');
  const now = ctx.now();
  const { exp, sig } = signRecordingUrl(ctx.authSecret, id, now, rec.urlTtlSeconds, disposition);
  await writeAudit(ctx.db, {
    actorId: actor.sub,
    actorName: actor.displayName ?? actor.username,
    actorRole: actor.role,
    action: disposition === 'attachment' ? 'recording.download' : 'recording.play',
    subjectType: 'recording',
    subjectId: id,
    details: { callId: row.callId, agentId: row.agentId, expiresAt: new Date(exp * 1000).toISOString() },
    at: now,
  });
  const qs = new URLSearchParams({ exp: String(exp), sig, disposition });
  return { url: `/api/recordings/${id}/file?${qs.toString()}`, expiresAt: new Date(exp * 1000).toISOString() };
}

export interface RecordingFile {
  size: number;
  fileName: string;
  read(range?: { start: number; end: number }): ReadStream;
}

/** The file behind a signed URL: 403 for a bad or expired signature, 404 when it is gone. */
export async function openRecordingFile(
  ctx: ServiceContext,
  id: string,
  q: { exp: number; sig: string; disposition: Disposition },
): Promise<RecordingFile> {
  const rec = recordingsOf(ctx);
  const verdict = verifyRecordingUrl(ctx.authSecret, id, q.exp, q.disposition, q.sig, ctx.now());
  if (verdict === 'expired') throw new AppError('FORBIDDEN', '재생 링크가 만료되었습니다');
  if (verdict !== 'ok') throw new AppError('FORBIDDEN', '재생 링크가 올바르지 않습니다');
  const row = await recordingById(ctx.db, id, rec.retentionDays);
  if (!row || row.state !== 'stored' || !row.storageKey) throw notFound();
  const key = row.storageKey;
  const size = await rec.storage.size(key);
  if (size === null) throw notFound();
  return {
    size,
    fileName: `${row.callId}.wav`,
    read: (range) => rec.storage.read(key, range),
  };
}

export async function changeLegalHold(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  hold: boolean,
): Promise<RecordingDto> {
  const rec = recordingsOf(ctx);
  if (!(await setLegalHold(ctx.db, id, hold))) throw notFound();
  await writeAudit(ctx.db, {
    actorId: actor.sub,
    actorName: actor.displayName ?? actor.username,
    actorRole: actor.role,
    action: hold ? 'recording.legalHold.set' : 'recording.legalHold.released',
    subjectType: 'recording',
    subjectId: id,
    at: ctx.now(),
  });
  return dto((await recordingById(ctx.db, id, rec.retentionDays))!, true);
}
