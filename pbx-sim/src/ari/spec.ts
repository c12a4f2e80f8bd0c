import type { IncomingMessage } from 'node:http';
import type { Pbx } from '../model/pbx';

/**
 * The typed route table ARI is served from. The same table produces the Swagger 1.2 documents
 * under `/ari/api-docs/` (so ari-client builds its API from exactly what we implement) and is
 * checked against Asterisk's reference spec by the contract test.
 */
export type ResourceName =
  | 'asterisk'
  | 'endpoints'
  | 'channels'
  | 'bridges'
  | 'recordings'
  | 'sounds'
  | 'playbacks'
  | 'deviceStates'
  | 'mailboxes'
  | 'events'
  | 'applications';

export type DataType = 'string' | 'int' | 'long' | 'boolean' | 'containers' | 'object';

export interface ParamSpec {
  name: string;
  description: string;
  paramType: 'path' | 'query' | 'body';
  dataType: DataType;
  required: boolean;
  allowMultiple: boolean;
  defaultValue?: string | number | boolean;
  allowableValues?: string[];
  /** Asterisk's own answer when a required value is missing (defaults to 400 "Missing parameter <name>"). */
  missing?: { status: number; message: string };
  /**
   * Asterisk's handler checks this required value itself, after other checks (its generated
   * code does not), so the router leaves a missing one to the handler.
   */
  checkedByHandler?: boolean;
}

export type ParamValue = string | number | boolean | string[] | Record<string, unknown> | undefined;
export type Params = Record<string, ParamValue>;

export interface AriContext {
  pbx: Pbx;
  params: Params;
  req: IncomingMessage;
  /** The request's JSON body as a whole (null when none): a route whose body IS its one parameter (eventFilter) reads it here. */
  body?: Record<string, unknown> | null;
}

export type AriResult =
  { status: 200 | 201; body: unknown } | { status: 204 } | { status: 200; binary: Buffer; contentType: string };

export interface RouteSpec {
  resource: ResourceName;
  path: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  nickname: string;
  summary: string;
  responseClass: string;
  params: ParamSpec[];
  upgrade?: 'websocket';
  /** A promise for requests Asterisk answers only once the channel's control thread ran them (see bridges' moves). */
  handler?: (ctx: AriContext) => AriResult | Promise<AriResult>;
}

type Opts = Partial<
  Pick<ParamSpec, 'required' | 'allowMultiple' | 'defaultValue' | 'allowableValues' | 'missing' | 'checkedByHandler'>
>;

export function pathParam(name: string, description: string, opts: Opts = {}): ParamSpec {
  return { name, description, paramType: 'path', dataType: 'string', required: true, allowMultiple: false, ...opts };
}

export function queryParam(name: string, dataType: DataType, description: string, opts: Opts = {}): ParamSpec {
  return { name, description, paramType: 'query', dataType, required: false, allowMultiple: false, ...opts };
}

export function bodyParam(name: string, dataType: DataType, description: string, opts: Opts = {}): ParamSpec {
  return { name, description, paramType: 'body', dataType, required: false, allowMultiple: false, ...opts };
}

export const ok = (body: unknown): AriResult => ({ status: 200, body });
export const created = (body: unknown): AriResult => ({ status: 201, body });
export const noContent = (): AriResult => ({ status: 204 });

export function str(p: Params, name: string): string | undefined {
  const v = p[name];
  return typeof v === 'string' ? v : undefined;
}
export function num(p: Params, name: string): number | undefined {
  const v = p[name];
  return typeof v === 'number' ? v : undefined;
}
export function bool(p: Params, name: string): boolean | undefined {
  const v = p[name];
  return typeof v === 'boolean' ? v : undefined;
}
export function list(p: Params, name: string): string[] {
  const v = p[name];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
}
export function obj(p: Params, name: string): Record<string, string> | undefined {
  const v = p[name];
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  return Object.fromEntries(Object.entries(v).map(([k, val]) => [k, String(val)]));
}
