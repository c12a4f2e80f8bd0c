import { ariTimestamp } from '../../model/clock';
import { ariError } from '../../model/errors';
import { setEventFilter, type StasisAppState } from '../../model/apps';
import {
  bodyParam,
  list,
  noContent,
  obj,
  ok,
  pathParam,
  queryParam,
  str,
  type AriContext,
  type RouteSpec,
} from '../spec';

export function applicationJson(ctx: AriContext, app: StasisAppState): Record<string, unknown> {
  const channelIds = [...app.channels.keys()].filter((id) => ctx.pbx.getChannel(id));
  const bridgeIds = [...new Set([...app.bridges.keys(), ...app.explicitBridges])].filter((id) =>
    ctx.pbx.bridges.bridges.has(id),
  );
  return {
    name: app.name,
    channel_ids: channelIds,
    bridge_ids: bridgeIds,
    endpoint_ids: [...app.endpoints],
    device_names: [],
    events_allowed: app.eventsAllowed ?? [],
    events_disallowed: app.eventsDisallowed ?? [],
  };
}

function requireApp(ctx: AriContext): StasisAppState {
  const app = ctx.pbx.apps.get(String(ctx.params.applicationName));
  if (!app) throw ariError(404, 'Application not found');
  return app;
}

function endpointJson(ctx: AriContext, endpoint: string): Record<string, unknown> {
  const [technology = 'PJSIP', resource = ''] = endpoint.split('/');
  const phone = ctx.pbx.outside.phones.get(endpoint);
  const channelIds = [...ctx.pbx.channels.values()]
    .filter((c) => c.endpoint === endpoint && !c.hungUp)
    .map((c) => c.id);
  return { technology, resource, state: phone?.mode === 'offline' ? 'offline' : 'online', channel_ids: channelIds };
}

function knownEndpoints(ctx: AriContext): string[] {
  return [...new Set([`PJSIP/${ctx.pbx.deps.dialplan.trunk}`, ...ctx.pbx.outside.phones.keys()])];
}

const subscription = (method: 'POST' | 'DELETE'): RouteSpec => ({
  resource: 'applications',
  path: '/applications/{applicationName}/subscription',
  method,
  nickname: method === 'POST' ? 'subscribe' : 'unsubscribe',
  summary:
    method === 'POST'
      ? 'Subscribe an application to an event source.'
      : 'Unsubscribe an application from an event source.',
  responseClass: 'Application',
  params: [
    pathParam('applicationName', "Application's name"),
    queryParam(
      'eventSource',
      'string',
      'URI for event source (channel:{channelId}, bridge:{bridgeId}, endpoint:{tech}[/{resource}], deviceState:{deviceName}',
      {
        required: true,
        allowMultiple: true,
        missing: { status: 400, message: 'Missing parameter eventSource' },
      },
    ),
  ],
  handler: (ctx) => {
    const app = requireApp(ctx);
    const sources = list(ctx.params, 'eventSource').map((src) => {
      const colon = src.indexOf(':');
      const scheme = colon > 0 ? src.slice(0, colon) : '';
      const id = src.slice(colon + 1);
      if (!['channel', 'bridge', 'endpoint', 'deviceState'].includes(scheme))
        throw ariError(400, 'Invalid event source URI scheme');
      const exists =
        (scheme === 'channel' && !!ctx.pbx.getChannel(id)) ||
        (scheme === 'bridge' && ctx.pbx.bridges.bridges.has(id)) ||
        (scheme === 'endpoint' && knownEndpoints(ctx).includes(id));
      if (!exists) throw ariError(422, 'Event source does not exist');
      return { scheme, id };
    });
    for (const { scheme, id } of sources) {
      if (method === 'POST') {
        if (scheme === 'channel') ctx.pbx.apps.subscribeChannel(app.name, id, 'explicit');
        if (scheme === 'bridge') app.explicitBridges.add(id);
        if (scheme === 'endpoint') app.endpoints.add(id);
      } else {
        if (scheme === 'channel') ctx.pbx.apps.unsubscribeChannel(app.name, id, 'explicit');
        if (scheme === 'bridge') app.explicitBridges.delete(id);
        if (scheme === 'endpoint') app.endpoints.delete(id);
      }
    }
    return ok(applicationJson(ctx, app));
  },
});

export const applicationRoutes: RouteSpec[] = [
  {
    resource: 'applications',
    path: '/applications',
    method: 'GET',
    nickname: 'list',
    summary: 'List all applications.',
    responseClass: 'List[Application]',
    params: [],
    handler: (ctx) => ok(ctx.pbx.apps.list().map((a) => applicationJson(ctx, a))),
  },
  {
    resource: 'applications',
    path: '/applications/{applicationName}',
    method: 'GET',
    nickname: 'get',
    summary: 'Get details of an application.',
    responseClass: 'Application',
    params: [pathParam('applicationName', "Application's name")],
    handler: (ctx) => ok(applicationJson(ctx, requireApp(ctx))),
  },
  subscription('POST'),
  subscription('DELETE'),
  {
    resource: 'applications',
    path: '/applications/{applicationName}/eventFilter',
    method: 'PUT',
    nickname: 'filter',
    summary: 'Filter application events types.',
    responseClass: 'Application',
    params: [
      pathParam('applicationName', "Application's name"),
      bodyParam('filter', 'object', 'Specify which event types to allow/disallow'),
    ],
    // The body itself is the filter (Asterisk: `args.filter = body`), not a `filter` key in it.
    handler: (ctx) => {
      const app = requireApp(ctx);
      if (!setEventFilter(app, ctx.body ?? null)) throw ariError(400, 'Invalid format definition');
      return ok(applicationJson(ctx, app));
    },
  },
];

const globals = new WeakMap<object, Map<string, string>>();
function globalVars(ctx: AriContext): Map<string, string> {
  let vars = globals.get(ctx.pbx);
  if (!vars) {
    vars = new Map();
    globals.set(ctx.pbx, vars);
  }
  return vars;
}

export const asteriskRoutes: RouteSpec[] = [
  {
    resource: 'asterisk',
    path: '/asterisk/info',
    method: 'GET',
    nickname: 'getInfo',
    summary: 'Gets Asterisk system information.',
    responseClass: 'AsteriskInfo',
    params: [
      queryParam('only', 'string', 'Filter information returned', {
        allowMultiple: true,
        allowableValues: ['build', 'system', 'config', 'status'],
      }),
    ],
    handler: (ctx) => {
      const started = ariTimestamp(ctx.pbx.startedAt);
      const all: Record<string, unknown> = {
        build: { os: 'Linux', kernel: 'pbx-sim', options: '', machine: 'x86_64', date: started, user: 'pbx-sim' },
        system: { version: '22.10.1', entity_id: ctx.pbx.asteriskId },
        config: { name: 'pbx-sim', default_language: 'en', setid: { user: 'asterisk', group: 'asterisk' } },
        status: { startup_time: started, last_reload_time: started },
      };
      const only = list(ctx.params, 'only');
      return ok(only.length ? Object.fromEntries(Object.entries(all).filter(([k]) => only.includes(k))) : all);
    },
  },
  {
    resource: 'asterisk',
    path: '/asterisk/ping',
    method: 'GET',
    nickname: 'ping',
    summary: 'Response pong message.',
    responseClass: 'AsteriskPing',
    params: [],
    handler: (ctx) =>
      ok({ asterisk_id: ctx.pbx.asteriskId, ping: 'pong', timestamp: ariTimestamp(ctx.pbx.scheduler.now()) }),
  },
  {
    resource: 'asterisk',
    path: '/asterisk/variable',
    method: 'GET',
    nickname: 'getGlobalVar',
    summary: 'Get the value of a global variable.',
    responseClass: 'Variable',
    params: [
      queryParam('variable', 'string', 'The variable to get', {
        required: true,
        missing: { status: 400, message: 'Variable name is required' },
      }),
    ],
    handler: (ctx) => ok({ value: globalVars(ctx).get(String(ctx.params.variable)) ?? '' }),
  },
  {
    resource: 'asterisk',
    path: '/asterisk/variable',
    method: 'POST',
    nickname: 'setGlobalVar',
    summary: 'Set the value of a global variable.',
    responseClass: 'void',
    params: [
      queryParam('variable', 'string', 'The variable to set', {
        required: true,
        missing: { status: 400, message: 'Variable name is required' },
      }),
      queryParam('value', 'string', 'The value to set the variable to'),
    ],
    handler: (ctx) => {
      globalVars(ctx).set(String(ctx.params.variable), str(ctx.params, 'value') ?? '');
      return noContent();
    },
  },
];

export const endpointRoutes: RouteSpec[] = [
  {
    resource: 'endpoints',
    path: '/endpoints',
    method: 'GET',
    nickname: 'list',
    summary: 'List all endpoints.',
    responseClass: 'List[Endpoint]',
    params: [],
    handler: (ctx) => ok(knownEndpoints(ctx).map((e) => endpointJson(ctx, e))),
  },
  {
    resource: 'endpoints',
    path: '/endpoints/{tech}',
    method: 'GET',
    nickname: 'listByTech',
    summary: 'List available endoints for a given endpoint technology.',
    responseClass: 'List[Endpoint]',
    params: [pathParam('tech', 'Technology of the endpoints (pjsip,iax2,...)', { required: false })],
    handler: (ctx) => {
      const tech = String(ctx.params.tech);
      const found = knownEndpoints(ctx).filter((e) => e.split('/')[0]?.toLowerCase() === tech.toLowerCase());
      if (found.length === 0) throw ariError(404, 'No endpoints found - invalid tech');
      return ok(found.map((e) => endpointJson(ctx, e)));
    },
  },
  {
    resource: 'endpoints',
    path: '/endpoints/{tech}/{resource}',
    method: 'GET',
    nickname: 'get',
    summary: 'Details for an endpoint.',
    responseClass: 'Endpoint',
    params: [
      pathParam('tech', 'Technology of the endpoint', { required: false }),
      pathParam('resource', 'ID of the endpoint', { required: false }),
    ],
    handler: (ctx) => {
      const wanted = `${String(ctx.params.tech)}/${String(ctx.params.resource)}`.toLowerCase();
      const found = knownEndpoints(ctx).find((e) => e.toLowerCase() === wanted);
      if (!found) throw ariError(404, 'Endpoint not found');
      return ok(endpointJson(ctx, found));
    },
  },
];

export const miscRoutes: RouteSpec[] = [
  {
    resource: 'deviceStates',
    path: '/deviceStates',
    method: 'GET',
    nickname: 'list',
    summary: 'List all ARI controlled device states.',
    responseClass: 'List[DeviceState]',
    params: [],
    handler: () => ok([]),
  },
  {
    resource: 'mailboxes',
    path: '/mailboxes',
    method: 'GET',
    nickname: 'list',
    summary: 'List all mailboxes.',
    responseClass: 'List[Mailbox]',
    params: [],
    handler: () => ok([]),
  },
  {
    resource: 'events',
    path: '/events',
    method: 'GET',
    nickname: 'eventWebsocket',
    summary: 'WebSocket connection for events.',
    responseClass: 'Message',
    upgrade: 'websocket',
    params: [
      queryParam('app', 'string', 'Applications to subscribe to.', { required: true, allowMultiple: true }),
      queryParam('subscribeAll', 'boolean', 'Subscribe to all Asterisk events.'),
    ],
  },
  {
    resource: 'events',
    path: '/events/user/{eventName}',
    method: 'POST',
    nickname: 'userEvent',
    summary: 'Generate a user event.',
    responseClass: 'void',
    params: [
      pathParam('eventName', 'Event name'),
      queryParam('application', 'string', 'The name of the application that will receive this event', {
        required: true,
        missing: { status: 400, message: 'Missing parameter application' },
      }),
      queryParam('source', 'string', 'URI for event source', { allowMultiple: true }),
      bodyParam(
        'variables',
        'containers',
        'The "variables" key in the body object holds custom key/value pairs to add to the user event.',
      ),
    ],
    handler: (ctx) => {
      const application = String(ctx.params.application);
      if (!ctx.pbx.apps.get(application)) throw ariError(404, 'Application not found');
      ctx.pbx.apps.deliver(
        'ChannelUserevent',
        { eventname: String(ctx.params.eventName), userevent: obj(ctx.params, 'variables') ?? {} },
        { toApp: application },
      );
      return noContent();
    },
  },
];
