import fs from 'node:fs';
import { ariError, recordingNotFound } from '../../model/errors';
import { noContent, ok, pathParam, queryParam, str, type AriContext, type RouteSpec } from '../spec';

const playbackId = pathParam('playbackId', "Playback's id");
const recordingName = pathParam('recordingName', 'The name of the recording');

function live(ctx: AriContext) {
  return ctx.pbx.recordings.require(String(ctx.params.recordingName));
}

function stored(ctx: AriContext) {
  const found = ctx.pbx.deps.store.find(String(ctx.params.recordingName));
  if (!found) throw recordingNotFound();
  return found;
}

const liveAction = (
  nickname: string,
  method: 'POST' | 'DELETE',
  path: string,
  summary: string,
  act: (ctx: AriContext) => void,
): RouteSpec => ({
  resource: 'recordings',
  path,
  method,
  nickname,
  summary,
  responseClass: 'void',
  params: [recordingName],
  handler: (ctx) => {
    act(ctx);
    return noContent();
  },
});

export const playbackRoutes: RouteSpec[] = [
  {
    resource: 'playbacks',
    path: '/playbacks/{playbackId}',
    method: 'GET',
    nickname: 'get',
    summary: "Get a playback's details.",
    responseClass: 'Playback',
    params: [playbackId],
    handler: (ctx) => ok(ctx.pbx.playbacks.json(ctx.pbx.playbacks.require(String(ctx.params.playbackId)))),
  },
  {
    resource: 'playbacks',
    path: '/playbacks/{playbackId}',
    method: 'DELETE',
    nickname: 'stop',
    summary: 'Stop a playback.',
    responseClass: 'void',
    params: [playbackId],
    handler: (ctx) => {
      ctx.pbx.playbacks.stop(ctx.pbx.playbacks.require(String(ctx.params.playbackId)));
      return noContent();
    },
  },
  {
    resource: 'playbacks',
    path: '/playbacks/{playbackId}/control',
    method: 'POST',
    nickname: 'control',
    summary: 'Control a playback.',
    responseClass: 'void',
    params: [
      playbackId,
      queryParam('operation', 'string', 'Operation to perform on the playback.', {
        required: true,
        allowableValues: ['restart', 'pause', 'unpause', 'reverse', 'forward'],
        missing: { status: 400, message: 'Missing parameter operation' },
      }),
    ],
    handler: (ctx) => {
      const pb = ctx.pbx.playbacks.require(String(ctx.params.playbackId));
      ctx.pbx.playbacks.control(pb, String(ctx.params.operation));
      return noContent();
    },
  },
];

export const recordingRoutes: RouteSpec[] = [
  {
    resource: 'recordings',
    path: '/recordings/stored',
    method: 'GET',
    nickname: 'listStored',
    summary: 'List recordings that are complete.',
    responseClass: 'List[StoredRecording]',
    params: [],
    handler: (ctx) => ok(ctx.pbx.deps.store.list().map((r) => ({ name: r.name, format: r.format }))),
  },
  {
    resource: 'recordings',
    path: '/recordings/stored/{recordingName}',
    method: 'GET',
    nickname: 'getStored',
    summary: "Get a stored recording's details.",
    responseClass: 'StoredRecording',
    params: [recordingName],
    handler: (ctx) => {
      const r = stored(ctx);
      return ok({ name: r.name, format: r.format });
    },
  },
  {
    resource: 'recordings',
    path: '/recordings/stored/{recordingName}',
    method: 'DELETE',
    nickname: 'deleteStored',
    summary: 'Delete a stored recording.',
    responseClass: 'void',
    params: [recordingName],
    handler: (ctx) => {
      stored(ctx);
      ctx.pbx.deps.store.delete(String(ctx.params.recordingName));
      return noContent();
    },
  },
  {
    resource: 'recordings',
    path: '/recordings/stored/{recordingName}/file',
    method: 'GET',
    nickname: 'getStoredFile',
    summary: 'Get the file associated with the stored recording.',
    responseClass: 'binary',
    params: [recordingName],
    handler: (ctx) => {
      const r = stored(ctx);
      const contentType = r.format === 'wav' || r.format === 'wav16' ? 'audio/wav' : 'application/octet-stream';
      return { status: 200, binary: readFile(r.file), contentType };
    },
  },
  {
    resource: 'recordings',
    path: '/recordings/stored/{recordingName}/copy',
    method: 'POST',
    nickname: 'copyStored',
    summary: 'Copy a stored recording.',
    responseClass: 'StoredRecording',
    params: [
      recordingName,
      queryParam('destinationRecordingName', 'string', 'The destination name of the recording', {
        required: true,
        missing: { status: 400, message: 'Missing parameter destinationRecordingName' },
      }),
    ],
    handler: (ctx) => {
      const r = stored(ctx);
      const dest = String(ctx.params.destinationRecordingName);
      if (ctx.pbx.deps.store.find(dest))
        throw ariError(409, 'A recording with the same name already exists on the system');
      const copy = ctx.pbx.deps.store.copy(r, dest);
      if (!copy) throw ariError(400, 'Invalid destination recording name');
      return ok({ name: copy.name, format: copy.format });
    },
  },
  {
    resource: 'recordings',
    path: '/recordings/live/{recordingName}',
    method: 'GET',
    nickname: 'getLive',
    summary: 'List live recordings.',
    responseClass: 'LiveRecording',
    params: [recordingName],
    handler: (ctx) => ok(ctx.pbx.recordings.json(live(ctx))),
  },
  liveAction('cancel', 'DELETE', '/recordings/live/{recordingName}', 'Stop a live recording and discard it.', (ctx) =>
    ctx.pbx.recordings.finish(live(ctx), 'discard', 'afterReply'),
  ),
  liveAction('stop', 'POST', '/recordings/live/{recordingName}/stop', 'Stop a live recording and store it.', (ctx) =>
    ctx.pbx.recordings.finish(live(ctx), 'keep', 'afterReply'),
  ),
  liveAction('pause', 'POST', '/recordings/live/{recordingName}/pause', 'Pause a live recording.', (ctx) =>
    ctx.pbx.recordings.pause(live(ctx)),
  ),
  liveAction('unpause', 'DELETE', '/recordings/live/{recordingName}/pause', 'Unpause a live recording.', (ctx) =>
    ctx.pbx.recordings.unpause(live(ctx)),
  ),
  // The simulated audio is a tone whatever happens, so (un)muting only needs the recording in session.
  liveAction('mute', 'POST', '/recordings/live/{recordingName}/mute', 'Mute a live recording.', (ctx) =>
    ctx.pbx.recordings.requireInSession(live(ctx)),
  ),
  liveAction('unmute', 'DELETE', '/recordings/live/{recordingName}/mute', 'Unmute a live recording.', (ctx) =>
    ctx.pbx.recordings.requireInSession(live(ctx)),
  ),
];

function readFile(file: string): Buffer {
  return fs.readFileSync(file);
}

export const soundRoutes: RouteSpec[] = [
  {
    resource: 'sounds',
    path: '/sounds',
    method: 'GET',
    nickname: 'list',
    summary: 'List all sounds.',
    responseClass: 'List[Sound]',
    params: [
      queryParam('lang', 'string', 'Lookup sound for a specific language.'),
      queryParam('format', 'string', 'Lookup sound in a specific format.'),
    ],
    handler: (ctx) =>
      ok(
        ctx.pbx.deps.media
          .soundIds()
          .map((id) => ({ id, formats: [{ language: str(ctx.params, 'lang') ?? 'en', format: 'ulaw' }] })),
      ),
  },
  {
    resource: 'sounds',
    path: '/sounds/{soundId}',
    method: 'GET',
    nickname: 'get',
    summary: "Get a sound's details.",
    responseClass: 'Sound',
    params: [pathParam('soundId', "Sound's id")],
    handler: (ctx) => {
      const id = String(ctx.params.soundId);
      if (ctx.pbx.deps.media.durationMs(`sound:${id}`) === null) throw ariError(404, 'Sound not found');
      return ok({ id, formats: [{ language: 'en', format: 'ulaw' }] });
    },
  },
];
