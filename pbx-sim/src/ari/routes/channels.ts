import { REASON_CAUSE } from '../../model/causes';
import { ariError } from '../../model/errors';
import type { OriginateParams } from '../../model/pbx';
import {
  bodyParam,
  created,
  list,
  noContent,
  num,
  obj,
  ok,
  pathParam,
  queryParam,
  str,
  type AriContext,
  type Params,
  type RouteSpec,
} from '../spec';

const channelId = pathParam('channelId', "Channel's id");

const originateCommon = [
  queryParam('extension', 'string', 'The extension to dial after the endpoint answers.'),
  queryParam('context', 'string', 'The context to dial after the endpoint answers.'),
  queryParam('priority', 'long', 'The priority to dial after the endpoint answers.'),
  queryParam('label', 'string', 'The label to dial after the endpoint answers.'),
  queryParam('app', 'string', 'The application that is subscribed to the originated channel.'),
  queryParam('appArgs', 'string', 'The application arguments to pass to the Stasis application.'),
  queryParam('callerId', 'string', 'CallerID to use when dialing the endpoint or extension.'),
  queryParam('timeout', 'int', 'Timeout (in seconds) before giving up dialing, or -1 for no timeout.', { defaultValue: 30 }),
  bodyParam('variables', 'containers', 'The "variables" key in the body object holds variable key/value pairs to set on the channel.'),
];

function originateParams(p: Params, id: string | undefined): OriginateParams {
  return {
    endpoint: str(p, 'endpoint'),
    app: str(p, 'app'),
    appArgs: str(p, 'appArgs'),
    extension: str(p, 'extension'),
    context: str(p, 'context'),
    priority: num(p, 'priority'),
    callerId: str(p, 'callerId'),
    timeout: num(p, 'timeout'),
    channelId: id,
    otherChannelId: str(p, 'otherChannelId'),
    variables: obj(p, 'variables'),
  };
}

const endpointParam = queryParam('endpoint', 'string', 'Endpoint to call.', {
  required: true,
  missing: { status: 400, message: 'Endpoint must be specified' },
});

/** A channel under app control and able to take media (404 / 409 / 412 in that order). */
function usable(ctx: AriContext) {
  const ch = ctx.pbx.requireControl(String(ctx.params.channelId));
  return ctx.pbx.requireUsable(ch);
}

function controlled(ctx: AriContext) {
  return ctx.pbx.requireControl(String(ctx.params.channelId));
}

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

const snoopParams = [
  queryParam('spy', 'string', 'Direction of audio to spy on', { defaultValue: 'none', allowableValues: ['none', 'both', 'out', 'in'] }),
  queryParam('whisper', 'string', 'Direction of audio to whisper into', { defaultValue: 'none', allowableValues: ['none', 'both', 'out', 'in'] }),
  queryParam('app', 'string', 'Application the snooping channel is placed into', { required: true, missing: { status: 400, message: 'Application name is required' } }),
  queryParam('appArgs', 'string', 'The application arguments to pass to the Stasis application'),
];

function snoop(ctx: AriContext, snoopId: string | undefined) {
  const p = ctx.params;
  const spy = str(p, 'spy') ?? 'none';
  const whisper = str(p, 'whisper') ?? 'none';
  const directions = ['none', 'both', 'out', 'in'];
  if (!directions.includes(spy)) throw ariError(400, 'Invalid direction specified for spy');
  if (!directions.includes(whisper)) throw ariError(400, 'Invalid direction specified for whisper');
  if (spy === 'none' && whisper === 'none') throw ariError(400, 'Direction must be specified for at least spy or whisper');
  const target = ctx.pbx.getChannel(String(p.channelId));
  if (!target) throw ariError(404, 'Provided channel was not found');
  const ch = ctx.pbx.snoop(target, { app: String(p.app), appArgs: str(p, 'appArgs'), snoopId });
  return ok(ctx.pbx.channelJson(ch));
}

const simple = (nickname: string, method: 'POST' | 'DELETE', path: string, summary: string, media: boolean): RouteSpec => ({
  resource: 'channels',
  path,
  method,
  nickname,
  summary,
  responseClass: 'void',
  params: [channelId],
  handler: (ctx) => {
    if (media) usable(ctx);
    else controlled(ctx);
    return noContent();
  },
});

export const channelRoutes: RouteSpec[] = [
  {
    resource: 'channels',
    path: '/channels',
    method: 'GET',
    nickname: 'list',
    summary: 'List all active channels in Asterisk.',
    responseClass: 'List[Channel]',
    params: [],
    handler: (ctx) => ok([...ctx.pbx.channels.values()].filter((c) => !c.hungUp && !c.hangupRequested).map((c) => ctx.pbx.channelJson(c))),
  },
  {
    resource: 'channels',
    path: '/channels',
    method: 'POST',
    nickname: 'originate',
    summary: 'Create a new channel (originate).',
    responseClass: 'Channel',
    params: [
      endpointParam,
      ...originateCommon,
      queryParam('channelId', 'string', 'The unique id to assign the channel on creation.'),
      queryParam('otherChannelId', 'string', 'The unique id to assign the second channel when using local channels.'),
      queryParam('originator', 'string', 'The unique id of the channel which is originating this one.'),
      queryParam('formats', 'string', 'The format name capability list to use if originator is not specified.'),
    ],
    handler: (ctx) => ok(ctx.pbx.channelJson(ctx.pbx.originate(originateParams(ctx.params, str(ctx.params, 'channelId')), 'originate'))),
  },
  {
    resource: 'channels',
    path: '/channels/create',
    method: 'POST',
    nickname: 'create',
    summary: 'Create channel.',
    responseClass: 'Channel',
    params: [
      endpointParam,
      queryParam('app', 'string', 'Stasis Application to place channel into', { required: true, missing: { status: 400, message: 'Application must be specified' } }),
      queryParam('appArgs', 'string', 'The application arguments to pass to the Stasis application.'),
      queryParam('channelId', 'string', 'The unique id to assign the channel on creation.'),
      queryParam('otherChannelId', 'string', 'The unique id to assign the second channel when using local channels.'),
      queryParam('originator', 'string', 'Unique ID of the calling channel'),
      queryParam('formats', 'string', 'The format name capability list to use if originator is not specified.'),
      bodyParam('variables', 'containers', 'The "variables" key in the body object holds variable key/value pairs to set on the channel.'),
    ],
    handler: (ctx) => ok(ctx.pbx.channelJson(ctx.pbx.originate(originateParams(ctx.params, str(ctx.params, 'channelId')), 'create'))),
  },
  {
    resource: 'channels',
    path: '/channels/{channelId}',
    method: 'GET',
    nickname: 'get',
    summary: 'Channel details.',
    responseClass: 'Channel',
    params: [channelId],
    handler: (ctx) => ok(ctx.pbx.channelJson(ctx.pbx.requireChannel(String(ctx.params.channelId)))),
  },
  {
    resource: 'channels',
    path: '/channels/{channelId}',
    method: 'POST',
    nickname: 'originateWithId',
    summary: 'Create a new channel (originate with id).',
    responseClass: 'Channel',
    params: [
      pathParam('channelId', 'The unique id to assign the channel on creation.'),
      endpointParam,
      ...originateCommon,
      queryParam('otherChannelId', 'string', 'The unique id to assign the second channel when using local channels.'),
      queryParam('originator', 'string', 'The unique id of the channel which is originating this one.'),
      queryParam('formats', 'string', 'The format name capability list to use if originator is not specified.'),
    ],
    handler: (ctx) => ok(ctx.pbx.channelJson(ctx.pbx.originate(originateParams(ctx.params, String(ctx.params.channelId)), 'originate'))),
  },
  {
    resource: 'channels',
    path: '/channels/{channelId}',
    method: 'DELETE',
    nickname: 'hangup',
    summary: 'Delete (i.e. hangup) a channel.',
    responseClass: 'void',
    params: [
      channelId,
      queryParam('reason_code', 'string', 'The reason code for hanging up the channel for detail use. Mutually exclusive with reason.'),
      queryParam('reason', 'string', 'Reason for hanging up the channel for simple use. Mutually exclusive with reason_code.'),
    ],
    handler: (ctx) => {
      const p = ctx.params;
      const code = str(p, 'reason_code');
      const reason = str(p, 'reason');
      if (code !== undefined && reason !== undefined) throw ariError(400, 'The reason and reason_code can\'t both be specified');
      let cause = 16;
      if (code !== undefined) {
        cause = Number(code);
        if (!Number.isInteger(cause) || cause < 0) throw ariError(400, 'Invalid reason_code');
      } else if (reason !== undefined) {
        const mapped = REASON_CAUSE[reason];
        if (mapped === undefined) throw ariError(400, 'Invalid reason for hangup provided');
        cause = mapped;
      }
      const ch = ctx.pbx.requireChannel(String(p.channelId));
      ctx.pbx.hangupByApp(ch, cause);
      return noContent();
    },
  },
  {
    resource: 'channels',
    path: '/channels/{channelId}/continue',
    method: 'POST',
    nickname: 'continueInDialplan',
    summary: 'Exit application; continue execution in the dialplan.',
    responseClass: 'void',
    params: [
      channelId,
      queryParam('context', 'string', 'The context to continue to.'),
      queryParam('extension', 'string', 'The extension to continue to.'),
      queryParam('priority', 'int', 'The priority to continue to.'),
      queryParam('label', 'string', 'The label to continue to - will supersede \'priority\' if both are provided.'),
    ],
    handler: (ctx) => {
      const ch = controlled(ctx);
      // The simulated dialplan has nothing after Stasis(): the channel ends normally.
      ctx.pbx.hangupByApp(ch, 16);
      return noContent();
    },
  },
  {
    resource: 'channels',
    path: '/channels/{channelId}/answer',
    method: 'POST',
    nickname: 'answer',
    summary: 'Answer a channel.',
    responseClass: 'void',
    params: [channelId],
    handler: (ctx) => {
      ctx.pbx.answer(controlled(ctx));
      return noContent();
    },
  },
  simple('ring', 'POST', '/channels/{channelId}/ring', 'Indicate ringing to a channel.', false),
  simple('ringStop', 'DELETE', '/channels/{channelId}/ring', 'Stop ringing indication on a channel if locally generated.', false),
  simple('progress', 'POST', '/channels/{channelId}/progress', 'Indicate progress on a channel.', false),
  {
    resource: 'channels',
    path: '/channels/{channelId}/dtmf',
    method: 'POST',
    nickname: 'sendDTMF',
    summary: 'Send provided DTMF to a given channel.',
    responseClass: 'void',
    params: [
      channelId,
      queryParam('dtmf', 'string', 'DTMF To send.'),
      queryParam('before', 'int', 'Amount of time to wait before DTMF digits (specified in milliseconds) start.', { defaultValue: 0 }),
      queryParam('between', 'int', 'Amount of time in between DTMF digits (specified in milliseconds).', { defaultValue: 100 }),
      queryParam('duration', 'int', 'Length of each DTMF digit (specified in milliseconds).', { defaultValue: 100 }),
      queryParam('after', 'int', 'Amount of time to wait after DTMF digits (specified in milliseconds) end.', { defaultValue: 0 }),
    ],
    handler: (ctx) => {
      const p = ctx.params;
      const dtmf = str(p, 'dtmf');
      if (!dtmf) throw ariError(400, 'DTMF is required');
      if (!/^[0-9A-Da-d*#wW]+$/.test(dtmf)) throw ariError(400, 'Invalid DTMF');
      const ch = usable(ctx);
      ctx.pbx.sendDtmf(ch, dtmf.replace(/[wW]/g, ''), {
        before: num(p, 'before') ?? 0,
        between: num(p, 'between') ?? 100,
        duration: num(p, 'duration') ?? 100,
      });
      return noContent();
    },
  },
  ...(['mute', 'unmute'] as const).map(
    (nickname): RouteSpec => ({
      resource: 'channels',
      path: '/channels/{channelId}/mute',
      method: nickname === 'mute' ? 'POST' : 'DELETE',
      nickname,
      summary: nickname === 'mute' ? 'Mute a channel.' : 'Unmute a channel.',
      responseClass: 'void',
      params: [channelId, queryParam('direction', 'string', 'Direction in which to (un)mute audio', { defaultValue: 'both', allowableValues: ['both', 'in', 'out'] })],
      handler: (ctx) => {
        usable(ctx);
        return noContent();
      },
    }),
  ),
  {
    resource: 'channels',
    path: '/channels/{channelId}/hold',
    method: 'POST',
    nickname: 'hold',
    summary: 'Hold a channel.',
    responseClass: 'void',
    params: [channelId],
    handler: (ctx) => {
      ctx.pbx.emitChannel('ChannelHold', usable(ctx));
      return noContent();
    },
  },
  {
    resource: 'channels',
    path: '/channels/{channelId}/hold',
    method: 'DELETE',
    nickname: 'unhold',
    summary: 'Remove a channel from hold.',
    responseClass: 'void',
    params: [channelId],
    handler: (ctx) => {
      ctx.pbx.emitChannel('ChannelUnhold', usable(ctx));
      return noContent();
    },
  },
  {
    resource: 'channels',
    path: '/channels/{channelId}/moh',
    method: 'POST',
    nickname: 'startMoh',
    summary: 'Play music on hold to a channel.',
    responseClass: 'void',
    params: [channelId, queryParam('mohClass', 'string', 'Music on hold class to use')],
    // No music is simulated on a channel (nothing reads it), so only the channel is checked.
    handler: (ctx) => {
      usable(ctx);
      return noContent();
    },
  },
  {
    resource: 'channels',
    path: '/channels/{channelId}/moh',
    method: 'DELETE',
    nickname: 'stopMoh',
    summary: 'Stop playing music on hold to a channel.',
    responseClass: 'void',
    params: [channelId],
    handler: (ctx) => {
      usable(ctx);
      return noContent();
    },
  },
  simple('startSilence', 'POST', '/channels/{channelId}/silence', 'Play silence to a channel.', true),
  simple('stopSilence', 'DELETE', '/channels/{channelId}/silence', 'Stop playing silence to a channel.', true),
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
      queryParam('name', 'string', 'Recording\'s filename', { required: true, missing: { status: 500, message: 'Error parsing request' } }),
      queryParam('format', 'string', 'Format to encode audio in', { required: true, missing: { status: 400, message: 'format is required' } }),
      queryParam('maxDurationSeconds', 'int', 'Maximum duration of the recording, in seconds. 0 for no limit', { defaultValue: 0 }),
      queryParam('maxSilenceSeconds', 'int', 'Maximum duration of silence, in seconds. 0 for no limit', { defaultValue: 0 }),
      queryParam('ifExists', 'string', 'Action to take if a recording with the same name already exists.', { defaultValue: 'fail', allowableValues: ['fail', 'overwrite', 'append'] }),
      queryParam('beep', 'boolean', 'Play beep when recording begins', { defaultValue: false }),
      queryParam('terminateOn', 'string', 'DTMF input to terminate recording', { defaultValue: 'none', allowableValues: ['none', 'any', '*', '#'] }),
    ],
    handler: (ctx) => {
      const ch = usable(ctx);
      const p = ctx.params;
      return created(
        ctx.pbx.recordings.record(
          { kind: 'channel', ch },
          { name: String(p.name), format: String(p.format), maxDurationSeconds: num(p, 'maxDurationSeconds'), ifExists: str(p, 'ifExists'), app: ch.stasisApp },
        ),
      );
    },
  },
  {
    resource: 'channels',
    path: '/channels/{channelId}/variable',
    method: 'GET',
    nickname: 'getChannelVar',
    summary: 'Get the value of a channel variable or function.',
    responseClass: 'Variable',
    params: [channelId, queryParam('variable', 'string', 'The channel variable or function to get', { required: true, missing: { status: 400, message: 'Variable name is required' } })],
    handler: (ctx) => {
      const ch = controlled(ctx);
      const value = ch.vars.get(String(ctx.params.variable));
      if (value === undefined) throw ariError(404, 'Provided variable was not found');
      return ok({ value });
    },
  },
  {
    resource: 'channels',
    path: '/channels/{channelId}/variable',
    method: 'POST',
    nickname: 'setChannelVar',
    summary: 'Set the value of a channel variable or function.',
    responseClass: 'void',
    params: [
      channelId,
      queryParam('variable', 'string', 'The channel variable or function to set', { required: true, missing: { status: 400, message: 'Variable name is required' } }),
      queryParam('value', 'string', 'The value to set the variable to'),
    ],
    handler: (ctx) => {
      ctx.pbx.setVar(controlled(ctx), String(ctx.params.variable), str(ctx.params, 'value') ?? '');
      return noContent();
    },
  },
  {
    resource: 'channels',
    path: '/channels/{channelId}/snoop',
    method: 'POST',
    nickname: 'snoopChannel',
    summary: 'Start snooping.',
    responseClass: 'Channel',
    params: [channelId, ...snoopParams, queryParam('snoopId', 'string', 'Unique ID to assign to snooping channel')],
    handler: (ctx) => snoop(ctx, str(ctx.params, 'snoopId')),
  },
  {
    resource: 'channels',
    path: '/channels/{channelId}/snoop/{snoopId}',
    method: 'POST',
    nickname: 'snoopChannelWithId',
    summary: 'Start snooping with a given id.',
    responseClass: 'Channel',
    params: [channelId, pathParam('snoopId', 'Unique ID to assign to snooping channel'), ...snoopParams],
    handler: (ctx) => snoop(ctx, String(ctx.params.snoopId)),
  },
  {
    resource: 'channels',
    path: '/channels/{channelId}/dial',
    method: 'POST',
    nickname: 'dial',
    summary: 'Dial a created channel.',
    responseClass: 'void',
    params: [
      channelId,
      queryParam('caller', 'string', "Channel ID of caller"),
      queryParam('timeout', 'int', 'Dial timeout', { defaultValue: 0 }),
    ],
    handler: (ctx) => {
      const ch = controlled(ctx);
      const caller = str(ctx.params, 'caller');
      if (caller !== undefined && !ctx.pbx.getChannel(caller)) throw ariError(404, 'Caller channel not found');
      ctx.pbx.dialCreated(ch, num(ctx.params, 'timeout') ?? 0);
      return noContent();
    },
  },
];
