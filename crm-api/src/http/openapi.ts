import {
  OpenApiGeneratorV31,
  OpenAPIRegistry,
  zodToOpenAPIRegistry,
  type ResponseConfig,
} from '@asteasolutions/zod-to-openapi';
import * as contracts from '@cc1357/contracts';
import { CRM_ROUTES, ErrorBody, type RouteSpec } from '@cc1357/contracts';
import { z } from 'zod';

/**
 * crm-api's OpenAPI 3.1 description, generated from the same contracts the server parses with
 * and the clients call through (CRM_ROUTES and its schemas): it cannot drift from the code.
 * Served at /api/docs/openapi.json.
 */

/** Every schema the contracts export by name becomes a named component ($ref) instead of being inlined. */
function nameContractSchemas(): void {
  for (const [name, value] of Object.entries(contracts)) {
    // The library's own registry, keyed by the schema objects the routes use (zod's global one
    // would put the name into the schema instead of making it a $ref). Aliases keep the first name.
    if (value instanceof z.ZodType && /^[A-Z][A-Za-z0-9]+$/.test(name) && !zodToOpenAPIRegistry.has(value)) {
      zodToOpenAPIRegistry.add(value, { _internal: { refId: name } });
    }
  }
}

const openApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}');

function describe(spec: RouteSpec): string {
  const who =
    spec.roles === 'public'
      ? 'No token needed.'
      : spec.roles === 'signedIn'
        ? 'Any signed-in user.'
        : `Roles: ${spec.roles.join(', ')}.`;
  const service = spec.serviceToken ? " telephony's service token may call it." : '';
  const aliases = spec.aliases?.length ? ` Also answers at ${spec.aliases.join(', ')}.` : '';
  return `${who}${service}${aliases}`;
}

let cached: object | null = null;

export function openApiDocument(): object {
  if (cached) return cached;
  nameContractSchemas();
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  for (const [operationId, spec] of Object.entries(CRM_ROUTES) as [string, RouteSpec][]) {
    const ok: Record<string, ResponseConfig> =
      spec.response === null
        ? { 204: { description: 'Done, no content' } }
        : {
            [spec.created ? 201 : 200]: {
              description: spec.created ? 'Created (200: an idempotent retry answered with the first result)' : 'OK',
              content: { 'application/json': { schema: spec.response } },
            },
          };
    registry.registerPath({
      operationId,
      method: spec.method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete',
      path: openApiPath(spec.path),
      tags: [spec.tag],
      summary: spec.summary,
      description: describe(spec),
      security: spec.roles === 'public' ? [] : [{ bearer: [] }],
      request: {
        ...(spec.params ? { params: spec.params } : {}),
        ...(spec.query ? { query: spec.query } : {}),
        ...(spec.body
          ? {
              body: {
                required: true,
                content:
                  spec.bodyType === 'csv'
                    ? { 'text/csv': { schema: { type: 'string' as const, description: 'CSV, UTF-8 or CP949' } } }
                    : { 'application/json': { schema: spec.body } },
              },
            }
          : {}),
      },
      responses: {
        ...ok,
        default: {
          description: 'An error: `{ error: { code, message, fields? } }`',
          content: { 'application/json': { schema: ErrorBody } },
        },
      },
    });
  }
  cached = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: '1357 crm-api',
      version: '1',
      description:
        'The shared CRM of the 1357 contact center. Generated from @cc1357/contracts (CRM_ROUTES). Lists mask personal data; single-record views are full and audited.',
    },
  });
  return cached;
}
