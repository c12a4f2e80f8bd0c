import type { IncomingMessage, ServerResponse } from 'node:http';

/** Small HTTP helpers shared by the ARI and steering adapters. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendEmpty(res: ServerResponse, status: number): void {
  res.writeHead(status);
  res.end();
}

const MAX_BODY = 1024 * 1024;

export class BodyError extends Error {}

/** Read and parse a JSON body; empty → null. */
export async function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown> | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY) throw new BodyError('Request body too large');
    chunks.push(buf);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BodyError('Request body is not valid JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new BodyError('Request body must be a JSON object');
  return parsed as Record<string, unknown>;
}

/** Basic auth or `?api_key=user:pass` (what ari-client uses for its WebSocket). */
export function isAuthorized(req: IncomingMessage, query: URLSearchParams, user: string, pass: string): boolean {
  const expected = `${user}:${pass}`;
  const apiKey = query.get('api_key');
  if (apiKey !== null) return apiKey === expected;
  const header = req.headers.authorization ?? '';
  const m = /^Basic\s+(.+)$/i.exec(header);
  if (!m?.[1]) return false;
  return Buffer.from(m[1], 'base64').toString('utf8') === expected;
}

/** Asterisk's HTTP server puts this on every answer that is not a static file (main/http.c). */
export const NO_CACHE = { 'Cache-Control': 'no-cache, no-store' };

export const UNAUTHORIZED_BODY = { message: 'Authentication required' };
export const WWW_AUTHENTICATE = { 'WWW-Authenticate': 'Basic realm="Asterisk REST Interface"' };
