import type { z } from 'zod';
import type { Role } from '../auth/claims';

/**
 * One crm-api endpoint as data: method, path, who may call it, and the schemas of what goes in
 * and comes out. crm-api mounts its handlers from these, the typed client builds its requests
 * from them, and the OpenAPI description at /api/docs is generated from them — the path and
 * the shapes are written once.
 */
export interface RouteSpec {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Express-style path with `:name` parameters. */
  path: string;
  /** Other paths the same handler answers (e.g. the withheld caller's pop). */
  aliases?: readonly string[];
  summary: string;
  tag: string;
  /** Roles allowed; `signedIn` = any valid token; `public` = no token needed. */
  roles: readonly Role[] | 'signedIn' | 'public';
  /** telephony's service token may call it (crm-api answers 403 to a service token anywhere else). */
  serviceToken?: true;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** `csv`: the body is the bytes of a CSV file (text/csv), not JSON. */
  bodyType?: 'json' | 'csv';
  /** The success answer's shape; null = 204 No Content. */
  response: z.ZodType | null;
  /** Success statuses other than 200 (e.g. 201 on create, 200 when an idempotent retry found the first). */
  created?: true;
}

/** Keeps each route's literal types (the client's typing reads them). */
export const route = <const R extends RouteSpec>(spec: R): R => spec;

/** No fields at all: `NoFields extends V` holds when every field of V is optional. */
export type NoFields = Record<never, never>;
type Absent<K extends string> = { [P in K]?: undefined };
type Part<S, K extends string, V> = S extends z.ZodType
  ? NoFields extends V
    ? { [P in K]?: V }
    : { [P in K]: V }
  : Absent<K>;

/** What a call of the route needs: its path parameters, query and body, typed by the route's schemas (a part whose fields are all optional may be left out). */
export type RouteInput<R extends RouteSpec> = Part<
  R['params'],
  'params',
  R['params'] extends z.ZodType ? z.input<R['params']> : never
> &
  Part<R['query'], 'query', R['query'] extends z.ZodType ? z.input<R['query']> : never> &
  (R['body'] extends z.ZodType
    ? { body: R['bodyType'] extends 'csv' ? string | Uint8Array : z.input<R['body']> }
    : Absent<'body'>);

/** What the route answers on success. */
export type RouteOutput<R extends RouteSpec> = R['response'] extends z.ZodType ? z.output<R['response']> : undefined;

/** The path with its parameters filled in (each URI-encoded; an empty one stays an empty segment). */
export function pathOf(spec: Pick<RouteSpec, 'path'>, params: Record<string, unknown> = {}): string {
  return spec.path.replace(/:([A-Za-z]+)/g, (_m, name: string) =>
    encodeURIComponent(params[name] == null ? '' : String(params[name])),
  );
}

/** `?a=1&b=2` from the defined, non-empty entries; '' when there are none. */
export function queryStringOf(query: Record<string, unknown> | undefined): string {
  const entries = Object.entries(query ?? {})
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => [k, String(v)] as [string, string]);
  return entries.length === 0 ? '' : `?${new URLSearchParams(entries).toString()}`;
}
