import { ariError } from '../../../model/errors';
import { created, list, num, pathParam, queryParam, str, type AriContext, type RouteSpec } from '../../spec';
import { channelId, usable } from './shared';

function play(ctx: AriContext, playbackId: string | undefined) {
  const ch = usable(ctx);
  const media = list(ctx.params, 'media');
  if (media.length === 0) throw ariError(400, 'Missing parameter media');
  return created(ctx.pbx.playbacks.play({ kind: 'channel', ch }, media, { playbackId, lang: str(ctx.params, 'lang') }));
}

const playParams = [
  queryParam('media', 'string', 'Media URIs to play.', { required: true, allowMultiple: true }),
  queryParam('lang', 'string', 'For sounds, selects language for sound.'),
  queryParam('offsetms', 'int', 'Number of milliseconds to skip before playing.'),
  queryParam('skipms', 'int', 'Number of milliseconds to skip for forward/reverse operations.', { defaultValue: 3000 }),
];

/** Playing media to a channel and recording it. */
export const mediaRoutes: RouteSpec[] = [
  {
    resource: 'channels',
    path: '/channels/{channelId}/play',
    method: 'POST',
    nickname: 'play',
    summary: 'Start playback of media.',
    responseClass: 'Playback',
    params: [channelId, ...playParams, queryParam('playbackId', 'string', 'Playback ID.')],
    handler: (ctx) => play(ctx, str(ctx.params, 'playbackId')),
  },
  {
    resource: 'channels',
    path: '/channels/{channelId}/play/{playbackId}',
    method: 'POST',
    nickname: 'playWithId',
    summary: 'Start playback of media and specify the playbackId.',
    responseClass: 'Playback',
    params: [channelId, pathParam('playbackId', 'Playback ID.'), ...playParams],
    handler: (ctx) => play(ctx, String(ctx.params.playbackId)),
  },
  {
    resource: 'channels',
    path: '/channels/{channelId}/record',
    method: 'POST',
    nickname: 'record',
    summary: 'Start a recording.',
    responseClass: 'LiveRecording',
    params: [
      channelId,
      queryParam('name', 'string', "Recording's filename", {
        required: true,
        missing: { status: 500, message: 'Error parsing request' },
      }),
      queryParam('format', 'string', 'Format to encode audio in', {
        required: true,
        missing: { status: 400, message: 'format is required' },
      }),
      queryParam('maxDurationSeconds', 'int', 'Maximum duration of the recording, in seconds. 0 for no limit', {
        defaultValue: 0,
      }),
      queryParam('maxSilenceSeconds', 'int', 'Maximum duration of silence, in seconds. 0 for no limit', {
        defaultValue: 0,
      }),
      queryParam('ifExists', 'string', 'Action to take if a recording with the same name already exists.', {
        defaultValue: 'fail',
        allowableValues: ['fail', 'overwrite', 'append'],
      }),
      queryParam('beep', 'boolean', 'Play beep when recording begins', { defaultValue: false }),
      queryParam('terminateOn', 'string', 'DTMF input to terminate recording', {
        defaultValue: 'none',
        allowableValues: ['none', 'any', '*', '#'],
      }),
    ],
    handler: (ctx) => {
      const ch = usable(ctx);
      const p = ctx.params;
      return created(
        ctx.pbx.recordings.record(
          { kind: 'channel', ch },
          {
            name: String(p.name),
            format: String(p.format),
            maxDurationSeconds: num(p, 'maxDurationSeconds'),
            ifExists: str(p, 'ifExists'),
            app: ch.stasisApp,
          },
        ),
      );
    },
  },
];
