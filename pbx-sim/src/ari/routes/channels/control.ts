import { ariError } from '../../../model/errors';
import { noContent, num, queryParam, str, type ParamSpec, type RouteSpec } from '../../spec';
import { channelId, controlled, usable } from './shared';

/** A route that only checks the channel: nothing in the simulation follows from it. */
const simple = (
  nickname: string,
  method: 'POST' | 'DELETE',
  path: string,
  summary: string,
  media: boolean,
  extraParams: ParamSpec[] = [],
): RouteSpec => ({
  resource: 'channels',
  path,
  method,
  nickname,
  summary,
  responseClass: 'void',
  params: [channelId, ...extraParams],
  handler: (ctx) => {
    if (media) usable(ctx);
    else controlled(ctx);
    return noContent();
  },
});

/** Indications and in-call controls: ring, progress, DTMF, mute, hold, music on hold, silence. */
export const controlRoutes: RouteSpec[] = [
  simple('ring', 'POST', '/channels/{channelId}/ring', 'Indicate ringing to a channel.', false),
  simple(
    'ringStop',
    'DELETE',
    '/channels/{channelId}/ring',
    'Stop ringing indication on a channel if locally generated.',
    false,
  ),
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
      queryParam('before', 'int', 'Amount of time to wait before DTMF digits (specified in milliseconds) start.', {
        defaultValue: 0,
      }),
      queryParam('between', 'int', 'Amount of time in between DTMF digits (specified in milliseconds).', {
        defaultValue: 100,
      }),
      queryParam('duration', 'int', 'Length of each DTMF digit (specified in milliseconds).', { defaultValue: 100 }),
      queryParam('after', 'int', 'Amount of time to wait after DTMF digits (specified in milliseconds) end.', {
        defaultValue: 0,
      }),
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
  ...(['mute', 'unmute'] as const).map((nickname): RouteSpec => ({
    resource: 'channels',
    path: '/channels/{channelId}/mute',
    method: nickname === 'mute' ? 'POST' : 'DELETE',
    nickname,
    summary: nickname === 'mute' ? 'Mute a channel.' : 'Unmute a channel.',
    responseClass: 'void',
    params: [
      channelId,
      queryParam('direction', 'string', 'Direction in which to (un)mute audio', {
        defaultValue: 'both',
        allowableValues: ['both', 'in', 'out'],
      }),
    ],
    handler: (ctx) => {
      usable(ctx);
      return noContent();
    },
  })),
  // ARI's hold only indicates hold towards the endpoint: ChannelHold/ChannelUnhold report a
  // hold *received* from a device, so none follows (trace R6, bridged Local legs).
  simple('hold', 'POST', '/channels/{channelId}/hold', 'Hold a channel.', true),
  simple('unhold', 'DELETE', '/channels/{channelId}/hold', 'Remove a channel from hold.', true),
  // No music is simulated on a channel (nothing reads it), so only the channel is checked.
  simple('startMoh', 'POST', '/channels/{channelId}/moh', 'Play music on hold to a channel.', true, [
    queryParam('mohClass', 'string', 'Music on hold class to use'),
  ]),
  simple('stopMoh', 'DELETE', '/channels/{channelId}/moh', 'Stop playing music on hold to a channel.', true),
  simple('startSilence', 'POST', '/channels/{channelId}/silence', 'Play silence to a channel.', true),
  simple('stopSilence', 'DELETE', '/channels/{channelId}/silence', 'Stop playing silence to a channel.', true),
];
