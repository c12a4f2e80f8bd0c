import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { SimError } from '../model/errors';
import type { Pbx } from '../model/pbx';
import { BodyError, NO_CACHE, readJsonBody, sendEmpty, sendJson } from '../http/util';
import { apiDoc, resourcesDoc } from './docs';
import { matchRoute, parseParams } from './router';
import type { ResourceName } from './spec';

export interface RequestLogEntry {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  at: string;
}

/** Thin adapter: `/ari/...` HTTP request → route handler → Asterisk-shaped answer. */
export async function handleAri(
  pbx: Pbx,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  log: Logger,
  record: (entry: RequestLogEntry) => void,
): Promise<void> {
  const method = req.method ?? 'GET';
  const path = url.pathname.slice('/ari'.length) || '/';
  const host = req.headers.host ?? '127.0.0.1';
  let status = 500;
  // Every ARI answer (JSON, empty or a recording file) carries it, as on Asterisk.
  for (const [name, value] of Object.entries(NO_CACHE)) res.setHeader(name, value);
  const reply = (s: number, body?: unknown) => {
    status = s;
    if (body === undefined) sendEmpty(res, s);
    else sendJson(res, s, body);
  };
  try {
    const doc = /^\/api-docs\/([A-Za-z]+)\.json$/.exec(path);
    if (doc && method === 'GET') {
      const body = doc[1] === 'resources' ? resourcesDoc(host) : apiDoc(doc[1] as ResourceName, host);
      if (body) reply(200, body);
      else reply(404, { message: 'Resource not found' });
      return;
    }
    const match = matchRoute(method, path);
    if (match.kind === 'notFound') return reply(404, { message: 'Resource not found' });
    if (match.kind === 'badMethod') return reply(405, { message: 'Invalid method' });
    if (!match.spec.handler) return reply(400, { message: 'This resource needs a WebSocket upgrade' });
    const body = method === 'GET' ? null : await readJsonBody(req);
    const params = parseParams(match.spec, match.pathParams, url.searchParams, body);
    const result = await match.spec.handler({ pbx, params, req, body });
    if ('binary' in result) {
      status = 200;
      res.writeHead(200, { 'Content-Type': result.contentType, 'Content-Length': result.binary.length });
      res.end(result.binary);
    } else if (result.status === 204) reply(204);
    else reply(result.status, result.body);
  } catch (err) {
    if (err instanceof SimError) reply(err.status, err.body);
    else if (err instanceof BodyError) reply(400, { message: err.message });
    else {
      log.error({ err, method, path }, 'ARI handler crashed');
      reply(500, { message: 'Internal Server Error' });
    }
  } finally {
    const query = Object.fromEntries(url.searchParams);
    delete query.api_key;
    record({ method, path, query, status, at: new Date().toISOString() });
  }
}
