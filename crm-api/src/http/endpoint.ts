import type { RouteSpec } from '@cc1357/contracts';
import type { Request, RequestHandler, Response, Router } from 'express';
import type { z } from 'zod';
import type { ServiceContext } from '../services/context';
import { allow, authenticate } from './auth';
import { parseOr400 } from './validate';

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/** A request's parts, parsed with the route's contract schemas (a failure was already a 400). */
export interface EndpointInput<R extends RouteSpec> {
  params: Out<R['params']>;
  query: Out<R['query']>;
  /** JSON bodies parsed with the route's schema; CSV bodies are the raw bytes (a Buffer). */
  body: R['bodyType'] extends 'csv' ? Buffer : Out<R['body']>;
}

export type EndpointHandler<R extends RouteSpec> = (
  input: EndpointInput<R>,
  req: Request,
  res: Response,
) => Promise<void>;

/**
 * Mounts a handler on a route of CRM_ROUTES: its method and path (and aliases), the token
 * check and role list it declares, then `before` (e.g. a raw body reader: the role is
 * checked before the body is read), then the handler with params, query and body parsed by
 * the route's schemas. The path, the roles and the shapes come from the contract, so crm-api
 * and its clients cannot disagree on them.
 */
export function mount<R extends RouteSpec>(
  router: Router,
  ctx: ServiceContext,
  spec: R,
  handler: EndpointHandler<R>,
  before: RequestHandler[] = [],
): void {
  const guard: RequestHandler[] =
    spec.roles === 'public'
      ? []
      : spec.roles === 'signedIn'
        ? [authenticate(ctx.authSecret, ctx.now)]
        : [authenticate(ctx.authSecret, ctx.now), allow(...spec.roles)];
  const paths = [spec.path, ...(spec.aliases ?? [])];
  const method = spec.method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete';
  router[method](paths, ...guard, ...before, async (req: Request, res: Response) => {
    const input = {
      params: spec.params ? parseOr400(spec.params, req.params) : undefined,
      query: spec.query ? parseOr400(spec.query, req.query) : undefined,
      body: spec.bodyType === 'csv' ? req.body : spec.body ? parseOr400(spec.body, req.body) : undefined,
    } as EndpointInput<R>;
    await handler(input, req, res);
  });
}
