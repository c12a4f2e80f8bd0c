import { ariError } from '../../model/errors';
import {
  bodyParam,
  created,
  list,
  noContent,
  num,
  ok,
  pathParam,
  queryParam,
  str,
  type AriContext,
  type RouteSpec,
} from '../spec';

const bridgeId = pathParam('bridgeId', "Bridge's id");

function bridge(ctx: AriContext) {
  return ctx.pbx.bridges.require(String(ctx.params.bridgeId));
}

const createParams = [
  queryParam(
    'type',
    'string',
    'Comma separated list of bridge type attributes (mixing, holding, dtmf_events, proxy_media, video_sfu, video_single, sdp_label).',
  ),
];
const nameParam = queryParam('name', 'string', 'Name to give to the bridge being created.');
const varsParam = bodyParam(
  'variables',
  'containers',
  'The "variables" key in the body object holds variable key/value pairs to set on the bridge.',
);

const playParams = [
  queryParam('media', 'string', 'Media URIs to play.', { required: true, allowMultiple: true }),
  queryParam('announcer_format', 'string', 'Format of the Announcer channel attached to the bridge.'),
  queryParam('lang', 'string', 'For sounds, selects language for sound.'),
  queryParam('offsetms', 'int', 'Number of milliseconds to skip before playing.', { defaultValue: 0 }),
  queryParam('skipms', 'int', 'Number of milliseconds to skip for forward/reverse operations.', { defaultValue: 3000 }),
];

function play(ctx: AriContext, playbackId: string | undefined) {
  const b = bridge(ctx);
  const media = list(ctx.params, 'media');
  if (media.length === 0) throw ariError(400, 'Missing parameter media');
  return created(ctx.pbx.playbacks.play({ kind: 'bridge', b }, media, { playbackId, lang: str(ctx.params, 'lang') }));
}

const channelList = (description: string) =>
  queryParam('channel', 'string', description, {
    required: true,
    allowMultiple: true,
    missing: { status: 400, message: 'Missing parameter channel' },
  });

export const bridgeRoutes: RouteSpec[] = [
  {
    resource: 'bridges',
    path: '/bridges',
    method: 'GET',
    nickname: 'list',
    summary: 'List all active bridges in Asterisk.',
    responseClass: 'List[Bridge]',
    params: [],
    handler: (ctx) => ok(ctx.pbx.bridges.list().map((b) => ctx.pbx.bridges.json(b))),
  },
  {
    resource: 'bridges',
    path: '/bridges',
    method: 'POST',
    nickname: 'create',
    summary: 'Create a new bridge.',
    responseClass: 'Bridge',
    params: [
      ...createParams,
      queryParam('bridgeId', 'string', 'Unique ID to give to the bridge being created.'),
      nameParam,
      varsParam,
    ],
    handler: (ctx) =>
      ok(
        ctx.pbx.bridges.json(
          ctx.pbx.bridges.create({
            type: str(ctx.params, 'type'),
            bridgeId: str(ctx.params, 'bridgeId'),
            name: str(ctx.params, 'name'),
          }),
        ),
      ),
  },
  {
    resource: 'bridges',
    path: '/bridges/{bridgeId}',
    method: 'POST',
    nickname: 'createWithId',
    summary: 'Create a new bridge with a given id.',
    responseClass: 'Bridge',
    params: [
      ...createParams,
      pathParam('bridgeId', 'Unique ID to give to the bridge being created.'),
      nameParam,
      varsParam,
    ],
    handler: (ctx) =>
      ok(
        ctx.pbx.bridges.json(
          ctx.pbx.bridges.create({
            type: str(ctx.params, 'type'),
            bridgeId: String(ctx.params.bridgeId),
            name: str(ctx.params, 'name'),
          }),
        ),
      ),
  },
  {
    resource: 'bridges',
    path: '/bridges/{bridgeId}',
    method: 'GET',
    nickname: 'get',
    summary: 'Get bridge details.',
    responseClass: 'Bridge',
    params: [bridgeId],
    handler: (ctx) => ok(ctx.pbx.bridges.json(bridge(ctx))),
  },
  {
    resource: 'bridges',
    path: '/bridges/{bridgeId}',
    method: 'DELETE',
    nickname: 'destroy',
    summary: 'Shut down a bridge.',
    responseClass: 'void',
    params: [bridgeId],
    handler: (ctx) => {
      ctx.pbx.bridges.destroy(bridge(ctx));
      return noContent();
    },
  },
  {
    resource: 'bridges',
    path: '/bridges/{bridgeId}/addChannel',
    method: 'POST',
    nickname: 'addChannel',
    summary: 'Add a channel to a bridge.',
    responseClass: 'void',
    params: [
      bridgeId,
      channelList('Ids of channels to add to bridge'),
      queryParam('role', 'string', "Channel's role in the bridge"),
      queryParam(
        'absorbDTMF',
        'boolean',
        'Absorb DTMF coming from this channel, preventing it to pass through to the bridge',
        { defaultValue: false },
      ),
      queryParam('mute', 'boolean', 'Mute audio from this channel, preventing it to pass through to the bridge', {
        defaultValue: false,
      }),
      queryParam(
        'inhibitConnectedLineUpdates',
        'boolean',
        'Do not present the identity of the newly connected channel to other bridge members',
        { defaultValue: false },
      ),
    ],
    handler: async (ctx) => {
      bridge(ctx);
      // A channel playing in another bridge moves once its playback ended (ARI-FACTS, playbacks).
      await ctx.pbx.playbacks.whenQuiet(list(ctx.params, 'channel'));
      ctx.pbx.bridges.addChannels(bridge(ctx), list(ctx.params, 'channel'));
      return noContent();
    },
  },
  {
    resource: 'bridges',
    path: '/bridges/{bridgeId}/removeChannel',
    method: 'POST',
    nickname: 'removeChannel',
    summary: 'Remove a channel from a bridge.',
    responseClass: 'void',
    params: [bridgeId, channelList('Ids of channels to remove from bridge')],
    handler: async (ctx) => {
      bridge(ctx);
      await ctx.pbx.playbacks.whenQuiet(list(ctx.params, 'channel'));
      ctx.pbx.bridges.removeChannels(bridge(ctx), list(ctx.params, 'channel'));
      return noContent();
    },
  },
  {
    resource: 'bridges',
    path: '/bridges/{bridgeId}/moh',
    method: 'POST',
    nickname: 'startMoh',
    summary: 'Play music on hold to a bridge or change the MOH class that is playing.',
    responseClass: 'void',
    params: [bridgeId, queryParam('mohClass', 'string', "Channel's id")],
    handler: (ctx) => {
      ctx.pbx.bridges.startMoh(bridge(ctx));
      return noContent();
    },
  },
  {
    resource: 'bridges',
    path: '/bridges/{bridgeId}/moh',
    method: 'DELETE',
    nickname: 'stopMoh',
    summary: 'Stop playing music on hold to a bridge.',
    responseClass: 'void',
    params: [bridgeId],
    handler: (ctx) => {
      ctx.pbx.bridges.stopMoh(bridge(ctx));
      return noContent();
    },
  },
  {
    resource: 'bridges',
    path: '/bridges/{bridgeId}/play',
    method: 'POST',
    nickname: 'play',
    summary: 'Start playback of media on a bridge.',
    responseClass: 'Playback',
    params: [bridgeId, ...playParams, queryParam('playbackId', 'string', 'Playback Id.')],
    handler: (ctx) => play(ctx, str(ctx.params, 'playbackId')),
  },
  {
    resource: 'bridges',
    path: '/bridges/{bridgeId}/play/{playbackId}',
    method: 'POST',
    nickname: 'playWithId',
    summary: 'Start playback of media on a bridge with a given playback id.',
    responseClass: 'Playback',
    params: [bridgeId, pathParam('playbackId', 'Playback ID.'), ...playParams],
    handler: (ctx) => play(ctx, String(ctx.params.playbackId)),
  },
  {
    resource: 'bridges',
    path: '/bridges/{bridgeId}/record',
    method: 'POST',
    nickname: 'record',
    summary: 'Start a recording.',
    responseClass: 'LiveRecording',
    params: [
      bridgeId,
      queryParam('name', 'string', "Recording's filename", {
        required: true,
        missing: { status: 500, message: 'Error parsing request' },
      }),
      queryParam('format', 'string', 'Format to encode audio in', {
        required: true,
        missing: { status: 400, message: 'format is required' },
      }),
      queryParam('recorder_format', 'string', 'Format of the Recorder channel attached to the bridge.'),
      queryParam('maxDurationSeconds', 'int', 'Maximum duration of the recording, in seconds. 0 for no limit.', {
        defaultValue: 0,
      }),
      queryParam('maxSilenceSeconds', 'int', 'Maximum duration of silence, in seconds. 0 for no limit.', {
        defaultValue: 0,
      }),
      queryParam('ifExists', 'string', 'Action to take if a recording with the same name already exists.', {
        defaultValue: 'fail',
        allowableValues: ['fail', 'overwrite', 'append'],
      }),
      queryParam('beep', 'boolean', 'Play beep when recording begins', { defaultValue: false }),
      queryParam('terminateOn', 'string', 'DTMF input to terminate recording.', {
        defaultValue: 'none',
        allowableValues: ['none', 'any', '*', '#'],
      }),
    ],
    handler: (ctx) => {
      const b = bridge(ctx);
      const p = ctx.params;
      const owner = b.channels.map((id) => ctx.pbx.channels.get(id)?.stasisApp).find((a) => !!a) ?? null;
      return created(
        ctx.pbx.recordings.record(
          { kind: 'bridge', b },
          {
            name: String(p.name),
            format: String(p.format),
            maxDurationSeconds: num(p, 'maxDurationSeconds'),
            ifExists: str(p, 'ifExists'),
            app: owner,
          },
        ),
      );
    },
  },
];
