import { MyDay, MyDayQuery } from '../myDay';
import { route, type RouteSpec } from '../route';
import { PEOPLE } from './shared';

/** The signed-in user's own views (issue 16). */
export const ME_ROUTES = {
  myDay: route({
    method: 'GET',
    path: '/api/me/day',
    tag: 'me',
    summary: "The signed-in counselor's own day: calls, handle time, missed rings and the call list",
    roles: PEOPLE,
    query: MyDayQuery,
    response: MyDay,
  }),
} as const satisfies Record<string, RouteSpec>;
