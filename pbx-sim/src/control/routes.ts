import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { z } from 'zod';
import {
  fieldErrorsOf,
  PlaceCallRequest,
  SendDtmfRequest,
  SetPhoneRequest,
  type ErrorCode,
  type PhoneStatus,
} from '@cc1357/contracts';
import { SimError } from '../model/errors';
import type { Pbx } from '../model/pbx';
import { BodyError, readJsonBody, sendEmpty, sendJson } from '../http/util';
import type { RequestLogEntry } from '../ari/http';

/**
 * The steering API (`/control/...`): plays the outside world — the PSTN placing calls, the
 * caller's keypad, agent phones, network failures — and exposes snapshots for tests.
 */
export interface ControlDeps {
  pbx: Pbx;
  log: Logger;
  requests: () => RequestLogEntry[];
  clearRequests: () => void;
  dropSockets: (app?: string) => number;
}

const HangupBody = z.object({ cause: z.number().int().min(0).max(127).optional() }).strict();
const DropBody = z.object({ app: z.string().min(1).max(128).optional() }).strict();
const ENDPOINT = /^[A-Za-z]+\/[\w.+@-]+$/;

class ControlError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly fields?: { path: string; message: string }[],
  ) {
    super(message);
  }
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (!result.success) {
    const fields = fieldErrorsOf(result.error);
    throw new ControlError(
      400,
      'BAD_REQUEST',
      `Invalid request: ${fields.map((f) => `${f.path}: ${f.message}`).join('; ')}`,
      fields,
    );
  }
  return result.data;
}

function phoneStatus(pbx: Pbx, endpoint: string): PhoneStatus {
  const phone = pbx.outside.phone(endpoint);
  return {
    endpoint,
    mode: phone.mode,
    ringingChannelId: phone.ringingChannelId,
    activeChannelId: phone.activeChannelId,
  };
}

function decode(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new ControlError(400, 'BAD_REQUEST', `malformed URL encoding: ${raw}`);
  }
}

function endpointOf(raw: string): string {
  const endpoint = decode(raw);
  if (!ENDPOINT.test(endpoint)) {
    throw new ControlError(400, 'BAD_REQUEST', `endpoint must look like PJSIP/1001, got '${endpoint}'`, [
      { path: 'endpoint', message: 'expected <TECH>/<resource>' },
    ]);
  }
  return endpoint;
}

function channelOf(pbx: Pbx, id: string) {
  const ch = pbx.getChannel(decode(id));
  if (!ch) throw new ControlError(404, 'NOT_FOUND', `channel ${decode(id)} not found`);
  return ch;
}

type Handler = (m: string[], body: unknown, deps: ControlDeps) => { status: number; body?: unknown };

const ROUTES: { method: string; pattern: RegExp; handler: Handler }[] = [
  {
    method: 'POST',
    pattern: /^\/calls$/,
    handler: (_m, body, { pbx }) => {
      const req = parse(PlaceCallRequest, body);
      const call = pbx.outside.placeCall(req.from, req.to, req.callerName);
      return { status: 200, body: { channelId: call.channelId, route: call.route } };
    },
  },
  {
    method: 'GET',
    pattern: /^\/calls\/([^/]+)$/,
    handler: ([id = ''], _b, { pbx }) => {
      const call = pbx.outside.calls.get(decode(id));
      if (!call) throw new ControlError(404, 'NOT_FOUND', `call ${decode(id)} not found`);
      return { status: 200, body: call };
    },
  },
  {
    method: 'POST',
    pattern: /^\/channels\/([^/]+)\/dtmf$/,
    handler: ([id = ''], body, { pbx }) => {
      const req = parse(SendDtmfRequest, body);
      pbx.outside.pressDigits(channelOf(pbx, id), req.digits, req.gapMs);
      return { status: 204 };
    },
  },
  {
    method: 'POST',
    pattern: /^\/channels\/([^/]+)\/hangup$/,
    handler: ([id = ''], body, { pbx }) => {
      const req = parse(HangupBody, body);
      pbx.outside.remoteHangup(channelOf(pbx, id), req.cause ?? 16);
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    pattern: /^\/channels$/,
    handler: (_m, _b, { pbx }) => ({
      status: 200,
      body: [...pbx.channels.values()]
        .filter((c) => !c.hungUp)
        .map((c) => ({ ...pbx.channelJson(c), bridge_id: c.bridgeId, stasis_app: c.stasisApp })),
    }),
  },
  {
    method: 'GET',
    pattern: /^\/bridges$/,
    handler: (_m, _b, { pbx }) => ({
      status: 200,
      body: pbx.bridges.list().map((b) => ({ ...pbx.bridges.json(b), moh: b.moh })),
    }),
  },
  {
    method: 'PUT',
    pattern: /^\/phones\/(.+)$/,
    handler: ([raw = ''], body, { pbx }) => {
      const endpoint = endpointOf(raw);
      const req = parse(SetPhoneRequest, body);
      const phone = pbx.outside.phone(endpoint);
      phone.mode = req.mode;
      phone.answerAfterMs = req.answerAfterMs;
      return { status: 200, body: phoneStatus(pbx, endpoint) };
    },
  },
  {
    method: 'POST',
    pattern: /^\/phones\/(.+)\/(answer|reject)$/,
    handler: ([raw = '', action], _b, { pbx }) => {
      const endpoint = endpointOf(raw);
      try {
        if (action === 'answer') pbx.outside.answerPhone(endpoint);
        else pbx.outside.rejectPhone(endpoint);
      } catch (err) {
        if (err instanceof SimError) throw new ControlError(409, 'INVALID_STATE', err.message);
        throw err;
      }
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    pattern: /^\/phones\/(.+)$/,
    handler: ([raw = ''], _b, { pbx }) => ({ status: 200, body: phoneStatus(pbx, endpointOf(raw)) }),
  },
  {
    method: 'POST',
    pattern: /^\/ws\/drop$/,
    handler: (_m, body, deps) => {
      const req = parse(DropBody, body);
      deps.dropSockets(req.app);
      return { status: 204 };
    },
  },
  { method: 'GET', pattern: /^\/requests$/, handler: (_m, _b, deps) => ({ status: 200, body: deps.requests() }) },
  {
    method: 'DELETE',
    pattern: /^\/requests$/,
    handler: (_m, _b, deps) => {
      deps.clearRequests();
      return { status: 204 };
    },
  },
];

export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: ControlDeps,
): Promise<void> {
  const path = url.pathname.slice('/control'.length) || '/';
  const method = req.method ?? 'GET';
  try {
    const candidates = ROUTES.filter((r) => r.pattern.test(path));
    if (candidates.length === 0) throw new ControlError(404, 'NOT_FOUND', `no such control resource: ${path}`);
    const route = candidates.find((r) => r.method === method);
    if (!route) throw new ControlError(405, 'BAD_REQUEST', `${method} not allowed on ${path}`);
    const body = method === 'GET' ? null : await readJsonBody(req);
    const m = route.pattern.exec(path)?.slice(1) ?? [];
    const result = route.handler(m, body, deps);
    if (result.body === undefined) sendEmpty(res, result.status);
    else sendJson(res, result.status, result.body);
  } catch (err) {
    if (err instanceof ControlError) {
      sendJson(res, err.status, {
        error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) },
      });
    } else if (err instanceof BodyError) {
      sendJson(res, 400, { error: { code: 'BAD_REQUEST', message: err.message } });
    } else {
      deps.log.error({ err, method, path }, 'control handler crashed');
      sendJson(res, 500, { error: { code: 'INTERNAL', message: 'internal error' } });
    }
  }
}
