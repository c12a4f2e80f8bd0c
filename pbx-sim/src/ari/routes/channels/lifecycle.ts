import { REASON_CAUSE } from '../../../model/causes';
import type { OriginateParams } from '../../../model/dialing';
import { ariError } from '../../../model/errors';
import {
  bodyParam,
  noContent,
  num,
  obj,
  ok,
  pathParam,
  queryParam,
  str,
  type Params,
  type RouteSpec,
} from '../../spec';
import { channelId, controlled } from './shared';

const originateCommon = [
  queryParam('extension', 'string', 'The extension to dial after the endpoint answers.'),
  queryParam('context', 'string', 'The context to dial after the endpoint answers.'),
  queryParam('priority', 'long', 'The priority to dial after the endpoint answers.'),
  queryParam('label', 'string', 'The label to dial after the endpoint answers.'),
  queryParam('app', 'string', 'The application that is subscribed to the originated channel.'),
  queryParam('appArgs', 'string', 'The application arguments to pass to the Stasis application.'),
  queryParam('callerId', 'string', 'CallerID to use when dialing the endpoint or extension.'),
  queryParam('timeout', 'int', 'Timeout (in seconds) before giving up dialing, or -1 for no timeout.', {
    defaultValue: 30,
  }),
  bodyParam(
    'variables',
    'containers',
    'The "variables" key in the body object holds variable key/value pairs to set on the channel.',
  ),
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

/** Channels coming and going: list, originate, create, get, hang up, continue, answer. */
export const lifecycleRoutes: RouteSpec[] = [
  {
    resource: 'channels',
    path: '/channels',
    method: 'GET',
    nickname: 'list',
    summary: 'List all active channels in Asterisk.',
    responseClass: 'List[Channel]',
    params: [],
    handler: (ctx) =>
      ok(
        [...ctx.pbx.channels.values()]
          .filter((c) => !c.hungUp && !c.hangupRequested)
          .map((c) => ctx.pbx.channelJson(c)),
      ),
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
    handler: (ctx) =>
      ok(
        ctx.pbx.channelJson(ctx.pbx.originate(originateParams(ctx.params, str(ctx.params, 'channelId')), 'originate')),
      ),
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
      queryParam('app', 'string', 'Stasis Application to place channel into', {
        required: true,
        missing: { status: 400, message: 'Application must be specified' },
      }),
      queryParam('appArgs', 'string', 'The application arguments to pass to the Stasis application.'),
      queryParam('channelId', 'string', 'The unique id to assign the channel on creation.'),
      queryParam('otherChannelId', 'string', 'The unique id to assign the second channel when using local channels.'),
      queryParam('originator', 'string', 'Unique ID of the calling channel'),
      queryParam('formats', 'string', 'The format name capability list to use if originator is not specified.'),
      bodyParam(
        'variables',
        'containers',
        'The "variables" key in the body object holds variable key/value pairs to set on the channel.',
      ),
    ],
    handler: (ctx) =>
      ok(ctx.pbx.channelJson(ctx.pbx.originate(originateParams(ctx.params, str(ctx.params, 'channelId')), 'create'))),
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
    handler: (ctx) =>
      ok(
        ctx.pbx.channelJson(ctx.pbx.originate(originateParams(ctx.params, String(ctx.params.channelId)), 'originate')),
      ),
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
      queryParam(
        'reason_code',
        'string',
        'The reason code for hanging up the channel for detail use. Mutually exclusive with reason.',
      ),
      queryParam(
        'reason',
        'string',
        'Reason for hanging up the channel for simple use. Mutually exclusive with reason_code.',
      ),
    ],
    handler: (ctx) => {
      const p = ctx.params;
      const code = str(p, 'reason_code');
      const reason = str(p, 'reason');
      if (code !== undefined && reason !== undefined)
        throw ariError(400, "The reason and reason_code can't both be specified");
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
      queryParam('label', 'string', "The label to continue to - will supersede 'priority' if both are provided."),
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
];

/** `POST /channels/{id}/dial`: a created channel rings its far end. */
export const dialRoute: RouteSpec = {
  resource: 'channels',
  path: '/channels/{channelId}/dial',
  method: 'POST',
  nickname: 'dial',
  summary: 'Dial a created channel.',
  responseClass: 'void',
  params: [
    channelId,
    queryParam('caller', 'string', 'Channel ID of caller'),
    queryParam('timeout', 'int', 'Dial timeout', { defaultValue: 0 }),
  ],
  handler: (ctx) => {
    const ch = controlled(ctx);
    const caller = str(ctx.params, 'caller');
    if (caller !== undefined && !ctx.pbx.getChannel(caller)) throw ariError(404, 'Caller channel not found');
    ctx.pbx.dialCreated(ch, num(ctx.params, 'timeout') ?? 0);
    return noContent();
  },
};
