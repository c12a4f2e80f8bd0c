/**
 * Reading the reference traces in shared/asterisk-traces and comparing a pbx-sim run with them,
 * following the normalization rules of their README.
 */
import fs from 'node:fs';
import path from 'node:path';

export const TRACE_DIR =
  process.env.CC1357_TRACE_DIR ?? path.resolve(import.meta.dirname, '../../../../shared/asterisk-traces');
/** pbx-sim's own reference traces (recorded with record.ts, see traces/README.md). */
export const OWN_TRACE_DIR = path.resolve(import.meta.dirname, '../traces');

export type Json = Record<string, unknown>;

export interface TraceStep extends Json {
  t: number;
  event?: string;
  request?: string;
  params?: Record<string, string | number>;
  status?: number;
  body?: unknown;
  actor?: string;
  ws?: string;
  ws_event?: string;
  note?: string;
  noise?: boolean;
}

export interface Trace {
  scenario: string;
  /** Apps with an event socket during the scenario (default: cc-ivr and sim-caller). */
  apps?: string[];
  symbols: Record<string, string>;
  unstable_order: string[];
  other_run_orders?: { run: number; keys: string[] }[];
  steps: TraceStep[];
}

export function loadTrace(file: string, dir = TRACE_DIR): Trace {
  return JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Trace;
}

/** Scenario files (`P1-….json`, `R1-….json`) in a trace folder; none if it is absent. */
export function traceFiles(dir = TRACE_DIR): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => /^[A-Z]\d.*\.json$/.test(f))
    .sort();
}

/** Noise per the README: no call-control meaning (ChannelVarset of STASISSTATUS is not noise). */
export function isNoise(type: string, variable?: unknown): boolean {
  if (type === 'ChannelVarset') return variable !== 'STASISSTATUS';
  return ['ChannelDialplan', 'ChannelCallerId', 'ChannelConnectedLine'].includes(type);
}

const obj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});

/** The step key of the README ("StasisStart caller", "REQ POST /channels by pstn #2", ...), without the #n. */
export function baseKey(step: TraceStep, withWs: boolean): string {
  if (step.request) return `REQ ${step.request}${step.actor ? ` by ${step.actor}` : ''}`;
  if (step.note) return `NOTE ${step.note}`;
  const ev = step.event ?? '';
  const at = withWs ? ` @${step.ws ?? 'cc-ivr'}` : '';
  const ch = obj(step.channel);
  switch (ev) {
    case 'Dial':
      return `Dial${at} peer=${String(obj(step.peer).id)} dialstatus=${String(step.dialstatus ?? '')}`;
    case 'ChannelStateChange':
      return `${ev}${at} ${String(ch.id)} ->${String(ch.state)}`;
    case 'PlaybackStarted':
    case 'PlaybackContinuing':
    case 'PlaybackFinished':
      return `${ev}${at} pb=${String(obj(step.playback).id)}:${String(obj(step.playback).state)}`;
    case 'RecordingStarted':
    case 'RecordingFinished':
    case 'RecordingFailed':
      return `${ev}${at} rec=${String(obj(step.recording).name)}:${String(obj(step.recording).state)}`;
    case 'ChannelEnteredBridge':
    case 'ChannelLeftBridge':
      return `${ev}${at} ${String(ch.id)} bridge=${String(obj(step.bridge).id)}`;
    case 'BridgeCreated':
    case 'BridgeDestroyed':
      return `${ev}${at} bridge=${String(obj(step.bridge).id)}`;
    case 'ChannelDtmfReceived':
      return `${ev}${at} ${String(ch.id)} digit=${String(step.digit)}`;
    case 'ChannelVarset':
      return `${ev}${at} ${String(ch.id)} ${String(step.variable)}`;
    default:
      return step.channel ? `${ev}${at} ${String(ch.id)}` : `${ev}${at}`;
  }
}

/** Adds " #n" to repeated keys, as the trace files do. */
export function numberKeys(steps: TraceStep[], withWs: boolean): string[] {
  const seen = new Map<string, number>();
  return steps.map((s) => {
    const base = baseKey(s, withWs);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} #${n}`;
  });
}

export function unstablePairs(trace: Trace): Set<string> {
  const set = new Set<string>();
  for (const pair of trace.unstable_order) {
    const [a, b] = pair.split('  <->  ');
    if (a && b) {
      set.add(`${a}|${b}`);
      set.add(`${b}|${a}`);
    }
  }
  return set;
}

/** Maps trace symbols to the ids used in a sim run and back. */
export class Symbols {
  private readonly ordered: string[];
  readonly symbols: Record<string, string>;
  constructor(
    trace: Trace,
    readonly prefix: string,
  ) {
    // Some traces use `{x;1}` without listing it in `symbols`; collect every `{id}` token too.
    const extra: Record<string, string> = {};
    for (const st of trace.steps) {
      for (const m of JSON.stringify([st.request ?? '', st.params ?? {}]).matchAll(/\{([^{}"]+)\}/g)) {
        if (m[1] && m[1] !== 'n') extra[m[1]] = 'id used in the trace';
      }
    }
    this.symbols = { ...extra, ...trace.symbols };
    this.ordered = Object.keys(this.symbols).sort((a, b) => b.length - a.length);
  }
  real(sym: string): string {
    return `${this.prefix}${sym}`;
  }
  /** `{caller}` → real id inside a string. */
  fill(text: string, encode = false): string {
    return text.replace(/\{([^{}]+)\}/g, (m, sym: string) =>
      sym in this.symbols ? (encode ? encodeURIComponent(this.real(sym)) : this.real(sym)) : m,
    );
  }
  id(real: string): string {
    return real.startsWith(this.prefix) && this.prefix ? real.slice(this.prefix.length) : real;
  }
  /** Real ids inside a string → `{sym}`. */
  text(text: string): string {
    let out = text;
    for (const sym of this.ordered) out = out.split(this.real(sym)).join(`{${sym}}`);
    return out;
  }
}

function dropEmpty(o: Json): Json {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== ''));
}

/** What normalising needs from a symbol table: real id → symbol, inside strings too. */
export interface SymbolMap {
  id(real: string): string;
  text(text: string): string;
}

export class Normalizer {
  constructor(private readonly sy: SymbolMap) {}

  channel(c: Json): Json {
    const name = this.sy.text(String(c.name ?? '')).replace(/-[0-9a-f]{8}(;\d)?$/, '-{n}$1');
    return dropEmpty({
      id: this.sy.id(String(c.id)),
      name,
      state: c.state,
      dialplan_app: obj(c.dialplan).app_name ?? c.dialplan_app,
    });
  }

  bridge(b: Json): Json {
    return dropEmpty({
      id: this.sy.id(String(b.id)),
      bridge_type: b.bridge_type,
      technology: b.technology,
      bridge_class: b.bridge_class,
      name: b.name,
      channels: ((b.channels as string[]) ?? []).map((c) => this.sy.id(c)).sort(),
      video_mode: b.video_mode,
    });
  }

  playback(p: Json): Json {
    return dropEmpty({
      id: this.sy.id(String(p.id)),
      state: p.state,
      media_uri: p.media_uri,
      target_uri: this.sy.text(String(p.target_uri ?? '')),
      next_media_uri: p.next_media_uri,
    });
  }

  recording(r: Json): Json {
    return dropEmpty({
      name: this.sy.id(String(r.name)),
      format: r.format,
      state: r.state,
      target_uri: r.target_uri === undefined ? undefined : this.sy.text(String(r.target_uri)),
      duration: r.duration,
      talking_duration: r.talking_duration,
      silence_duration: r.silence_duration,
      cause: r.cause,
    });
  }

  /** A sim event → the README's step shape (without t). */
  event(e: Json): TraceStep {
    const out: Json = { event: e.type };
    for (const [k, v] of Object.entries(e)) {
      if (['type', 'timestamp', 'asterisk_id', 'application'].includes(k)) continue;
      if (k === 'channel' || k === 'peer' || k === 'caller' || k === 'replace_channel') out[k] = this.channel(obj(v));
      else if (k === 'bridge') out[k] = this.bridge(obj(v));
      else if (k === 'playback') out[k] = this.playback(obj(v));
      else if (k === 'recording') out[k] = this.recording(obj(v));
      else out[k] = typeof v === 'string' ? this.sy.text(v) : v;
    }
    return out as TraceStep;
  }

  /** A response body, recognised by its fields. */
  body(b: unknown): unknown {
    if (b === undefined || b === null || typeof b !== 'object') return b;
    if (Array.isArray(b)) return b.map((x) => this.body(x));
    const o = b as Json;
    if ('bridge_type' in o) return this.bridge(o);
    if ('media_uri' in o) return this.playback(o);
    if ('dialplan' in o) return this.channel(o);
    if ('format' in o) return this.recording(o);
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'string' ? this.sy.text(v) : v]));
  }
}

/** A trace step reduced to what is compared: events whole (minus bookkeeping), requests by status + body. */
export function comparable(step: TraceStep): Json {
  if (step.request) return dropEmpty({ status: step.status, body: step.body });
  const { t: _t, noise: _n, unstable_order: _u, ws: _w, ...rest } = step;
  const out: Json = { ...rest };
  if (out.bridge)
    out.bridge = { ...obj(out.bridge), channels: [...((obj(out.bridge).channels as string[]) ?? [])].sort() };
  return out;
}
