import { ariError } from '../../../model/errors';
import { ok, pathParam, queryParam, str, type AriContext, type RouteSpec } from '../../spec';
import { channelId } from './shared';

const snoopParams = [
  queryParam('spy', 'string', 'Direction of audio to spy on', {
    defaultValue: 'none',
    allowableValues: ['none', 'both', 'out', 'in'],
  }),
  queryParam('whisper', 'string', 'Direction of audio to whisper into', {
    defaultValue: 'none',
    allowableValues: ['none', 'both', 'out', 'in'],
  }),
  // Asterisk checks the directions before the app (res/ari/resource_channels.c).
  queryParam('app', 'string', 'Application the snooping channel is placed into', {
    required: true,
    checkedByHandler: true,
  }),
  queryParam('appArgs', 'string', 'The application arguments to pass to the Stasis application'),
];

function snoop(ctx: AriContext, snoopId: string | undefined) {
  const p = ctx.params;
  const spy = str(p, 'spy') ?? 'none';
  const whisper = str(p, 'whisper') ?? 'none';
  const directions = ['none', 'both', 'out', 'in'];
  if (!directions.includes(spy)) throw ariError(400, 'Invalid direction specified for spy');
  if (!directions.includes(whisper)) throw ariError(400, 'Invalid direction specified for whisper');
  if (spy === 'none' && whisper === 'none')
    throw ariError(400, 'Direction must be specified for at least spy or whisper');
  const app = str(p, 'app');
  if (!app) throw ariError(400, 'Application name is required');
  const target = ctx.pbx.getChannel(String(p.channelId));
  if (!target) throw ariError(404, 'Provided channel was not found');
  const ch = ctx.pbx.snoop(target, { app, appArgs: str(p, 'appArgs'), snoopId });
  return ok(ctx.pbx.channelJson(ch));
}

/** Snoop channels: spying on / whispering into a channel from a new one. */
export const snoopRoutes: RouteSpec[] = [
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
];
