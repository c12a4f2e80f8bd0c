import { ariError } from '../../../model/errors';
import { noContent, ok, queryParam, str, type RouteSpec } from '../../spec';
import { channelId, controlled } from './shared';

/** Channel variables: get and set. */
export const variableRoutes: RouteSpec[] = [
  {
    resource: 'channels',
    path: '/channels/{channelId}/variable',
    method: 'GET',
    nickname: 'getChannelVar',
    summary: 'Get the value of a channel variable or function.',
    responseClass: 'Variable',
    params: [
      channelId,
      queryParam('variable', 'string', 'The channel variable or function to get', {
        required: true,
        missing: { status: 400, message: 'Variable name is required' },
      }),
    ],
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
      queryParam('variable', 'string', 'The channel variable or function to set', {
        required: true,
        missing: { status: 400, message: 'Variable name is required' },
      }),
      queryParam('value', 'string', 'The value to set the variable to'),
    ],
    handler: (ctx) => {
      ctx.pbx.setVar(controlled(ctx), String(ctx.params.variable), str(ctx.params, 'value') ?? '');
      return noContent();
    },
  },
];
