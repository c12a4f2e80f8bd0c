import { ariError } from '../model/errors';
import { ROUTES } from './routes';
import type { ParamSpec, Params, ParamValue, RouteSpec } from './spec';

/** Matches `/ari/...` paths to ROUTES and turns query/body/path values into typed params. */
interface Compiled {
  spec: RouteSpec;
  segments: string[];
  literalCount: number;
}

const compiled: Compiled[] = ROUTES.map((spec) => {
  const segments = spec.path.split('/').slice(1);
  return { spec, segments, literalCount: segments.filter((s) => !s.startsWith('{')).length };
});

export type Match =
  { kind: 'route'; spec: RouteSpec; pathParams: Record<string, string> } | { kind: 'notFound' } | { kind: 'badMethod' };

function matchSegments(route: Compiled, parts: string[]): Record<string, string> | null {
  if (route.segments.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const seg = route.segments[i] ?? '';
    const part = parts[i] ?? '';
    if (seg.startsWith('{')) {
      if (!part) return null;
      try {
        params[seg.slice(1, -1)] = decodeURIComponent(part);
      } catch {
        return null;
      }
    } else if (seg !== part) return null;
  }
  return params;
}

/** `path` is the part after `/ari`, still URL-encoded (so `cc%2Fcall-1` stays one segment). */
export function matchRoute(method: string, path: string): Match {
  const parts = path.split('/').slice(1);
  const hits = compiled
    .map((route) => ({ route, params: matchSegments(route, parts) }))
    .filter((h): h is { route: Compiled; params: Record<string, string> } => h.params !== null)
    .sort((a, b) => b.route.literalCount - a.route.literalCount);
  if (hits.length === 0) return { kind: 'notFound' };
  // A literal segment beats a placeholder (POST /channels/create is not originateWithId).
  const best = hits.filter((h) => h.route.literalCount === hits[0]?.route.literalCount);
  const hit = best.find((h) => h.route.spec.method === method) ?? hits.find((h) => h.route.spec.method === method);
  if (!hit) return { kind: 'badMethod' };
  return { kind: 'route', spec: hit.route.spec, pathParams: hit.params };
}

function coerce(p: ParamSpec, raw: unknown): ParamValue {
  if (p.paramType === 'body') return raw as ParamValue;
  const values = (Array.isArray(raw) ? raw : [raw]).map(String);
  const one = values[values.length - 1] ?? '';
  switch (p.dataType) {
    case 'int':
    case 'long': {
      const n = Number(one);
      if (one.trim() === '' || !Number.isFinite(n) || !Number.isInteger(n))
        throw ariError(400, `Invalid value for ${p.name}: ${one}`);
      return n;
    }
    case 'boolean':
      if (['true', '1', 'yes'].includes(one.toLowerCase())) return true;
      if (['false', '0', 'no'].includes(one.toLowerCase())) return false;
      throw ariError(400, `Invalid value for ${p.name}: ${one}`);
    default:
      if (p.allowMultiple) return values.flatMap((v) => v.split(',')).filter((v) => v !== '');
      return one;
  }
}

export function parseParams(
  spec: RouteSpec,
  pathParams: Record<string, string>,
  query: URLSearchParams,
  body: Record<string, unknown> | null,
): Params {
  const params: Params = {};
  for (const p of spec.params) {
    let raw: unknown;
    if (p.paramType === 'path') raw = pathParams[p.name];
    else if (p.paramType === 'query') {
      const all = query.getAll(p.name);
      raw = all.length ? all : undefined;
    } else {
      raw = body ? (body[p.name] ?? undefined) : undefined;
      // Plain HTTP clients may also pass `variables` as a JSON string in the query.
      if (raw === undefined && query.has(p.name)) {
        try {
          raw = JSON.parse(query.get(p.name) ?? '');
        } catch {
          throw ariError(400, `Invalid JSON in ${p.name}`);
        }
      }
    }
    const empty = raw === undefined || (Array.isArray(raw) && raw.every((v) => v === ''));
    if (empty) {
      if (p.required && !p.checkedByHandler) {
        const missing = p.missing ?? { status: 400, message: `Missing parameter ${p.name}` };
        throw ariError(missing.status, missing.message);
      }
      if (p.defaultValue !== undefined) params[p.name] = p.defaultValue;
      continue;
    }
    params[p.name] = coerce(p, raw);
  }
  return params;
}
