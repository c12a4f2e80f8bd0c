import { CRM_ROUTES as R } from '@cc1357/contracts';
import { Router, type Response } from 'express';
import { byteRangeOf } from '../domain/byteRange';
import { actorOf } from '../http/auth';
import { mount } from '../http/endpoint';
import type { ServiceContext } from '../services/context';
import { applyRetention, maintenanceOf, reconcileRecordings, storageSummary } from '../services/recordingMaintenance';
import {
  addCriterion,
  changeCriterion,
  counselorSummary,
  reorderCriteria,
  reviewCriteria,
  saveReview,
} from '../services/recordingReviews';
import {
  changeLegalHold,
  findRecordings,
  issueRecordingUrl,
  openRecordingFile,
  readRecording,
  type RecordingFile,
} from '../services/recordings';

/** Streams the file, or the one range asked for (206), or 416 when the range is outside it. */
function sendAudio(res: Response, file: RecordingFile, rangeHeader: string | undefined, disposition: string): void {
  res.set({
    'accept-ranges': 'bytes',
    'content-type': 'audio/wav',
    'cache-control': 'private, no-store',
    'content-disposition': `${disposition === 'attachment' ? 'attachment' : 'inline'}; filename="${file.fileName}"`,
    // The console (another origin in development) plays it in <audio>/wavesurfer.
    'cross-origin-resource-policy': 'cross-origin',
  });
  const range = byteRangeOf(rangeHeader, file.size);
  if (range.kind === 'unsatisfiable') {
    res.status(416).set('content-range', `bytes */${file.size}`).end();
    return;
  }
  const part = range.kind === 'range' ? { start: range.start, end: range.end } : undefined;
  if (part) res.status(206).set('content-range', `bytes ${part.start}-${part.end}/${file.size}`);
  res.set('content-length', String(part ? part.end - part.start + 1 : file.size));
  const stream = file.read(part);
  stream.on('error', (err) => res.destroy(err));
  stream.pipe(res);
}

export function recordingRoutes(ctx: ServiceContext): Router {
  const r = Router();
  mount(r, ctx, R.recordings, async ({ query }, req, res) => {
    res.json(await findRecordings(ctx, actorOf(req), query));
  });
  mount(r, ctx, R.recordingStorage, async ({ query }, _req, res) => {
    res.json(await storageSummary(maintenanceOf(ctx), query.days));
  });
  mount(r, ctx, R.reconcileRecordings, async (_input, _req, res) => {
    res.json(await reconcileRecordings(maintenanceOf(ctx)));
  });
  mount(r, ctx, R.runRetention, async (_input, req, res) => {
    const a = actorOf(req);
    res.json(await applyRetention(maintenanceOf(ctx), { id: a.sub, name: a.displayName ?? a.username, role: a.role }));
  });
  mount(r, ctx, R.reviewCriteria, async (_input, _req, res) => {
    res.json(await reviewCriteria(ctx));
  });
  mount(r, ctx, R.createReviewCriterion, async ({ body }, _req, res) => {
    res.status(201).json(await addCriterion(ctx, body));
  });
  mount(r, ctx, R.updateReviewCriterion, async ({ params, body }, _req, res) => {
    res.json(await changeCriterion(ctx, params.id, body));
  });
  mount(r, ctx, R.reorderReviewCriteria, async ({ body }, _req, res) => {
    res.json(await reorderCriteria(ctx, body.ids));
  });
  mount(r, ctx, R.reviewSummary, async ({ query }, _req, res) => {
    res.json(await counselorSummary(ctx, query.from, query.to));
  });
  mount(r, ctx, R.recording, async ({ params }, req, res) => {
    res.json(await readRecording(ctx, actorOf(req), params.id));
  });
  mount(r, ctx, R.recordingUrl, async ({ params, body }, req, res) => {
    res.json(await issueRecordingUrl(ctx, actorOf(req), params.id, body.disposition));
  });
  mount(r, ctx, R.recordingFile, async ({ params, query }, req, res) => {
    const file = await openRecordingFile(ctx, params.id, query);
    sendAudio(res, file, req.get('range'), query.disposition);
  });
  mount(r, ctx, R.setLegalHold, async ({ params, body }, req, res) => {
    res.json(await changeLegalHold(ctx, actorOf(req), params.id, body.legalHold));
  });
  mount(r, ctx, R.saveReview, async ({ params, body }, req, res) => {
    res.json(await saveReview(ctx, actorOf(req), params.id, body));
  });
  return r;
}
