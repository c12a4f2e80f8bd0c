import { swaggerModels } from './models';
import { ROUTES } from './routes';
import type { ResourceName, RouteSpec } from './spec';

/** The Swagger 1.1 documents ari-client loads at connect time, generated from ROUTES. */
export const RESOURCE_ORDER: { name: ResourceName; description: string }[] = [
  { name: 'asterisk', description: 'Asterisk resources' },
  { name: 'endpoints', description: 'Endpoint resources' },
  { name: 'channels', description: 'Channel resources' },
  { name: 'bridges', description: 'Bridge resources' },
  { name: 'recordings', description: 'Recording resources' },
  { name: 'sounds', description: 'Sound resources' },
  { name: 'playbacks', description: 'Playback control resources' },
  { name: 'deviceStates', description: 'Device state resources' },
  { name: 'mailboxes', description: 'Mailboxes resources' },
  { name: 'events', description: 'WebSocket resource' },
  { name: 'applications', description: 'Stasis application resources' },
];

const API_VERSION = '10.0.0';

export function resourcesDoc(host: string): Record<string, unknown> {
  return {
    _note: 'Served by pbx-sim (a simulated Asterisk); describes only what it implements.',
    apiVersion: API_VERSION,
    swaggerVersion: '1.1',
    basePath: `http://${host}/ari`,
    apis: RESOURCE_ORDER.map((r) => ({ path: `/api-docs/${r.name}.{format}`, description: r.description })),
  };
}

function operationJson(route: RouteSpec): Record<string, unknown> {
  const op: Record<string, unknown> = {
    httpMethod: route.method,
    summary: route.summary,
    nickname: route.nickname,
    responseClass: route.responseClass,
    parameters: route.params.map((p) => {
      const param: Record<string, unknown> = {
        name: p.name,
        description: p.description,
        paramType: p.paramType,
        required: p.required,
        allowMultiple: p.allowMultiple,
        dataType: p.dataType,
      };
      if (p.defaultValue !== undefined) param.defaultValue = p.defaultValue;
      if (p.allowableValues) param.allowableValues = { valueType: 'LIST', values: p.allowableValues };
      return param;
    }),
  };
  if (route.upgrade) {
    op.upgrade = route.upgrade;
    op.websocketProtocol = 'ari';
  }
  return op;
}

export function apiDoc(resource: ResourceName, host: string): Record<string, unknown> | null {
  if (!RESOURCE_ORDER.some((r) => r.name === resource)) return null;
  const byPath = new Map<string, RouteSpec[]>();
  for (const route of ROUTES.filter((r) => r.resource === resource)) {
    byPath.set(route.path, [...(byPath.get(route.path) ?? []), route]);
  }
  return {
    apiVersion: API_VERSION,
    swaggerVersion: '1.1',
    basePath: `http://${host}/ari`,
    resourcePath: `/api-docs/${resource}.{format}`,
    apis: [...byPath.entries()].map(([path, routes]) => ({
      path,
      description: routes[0]?.summary ?? path,
      operations: routes.map(operationJson),
    })),
    models: swaggerModels(resource),
  };
}
