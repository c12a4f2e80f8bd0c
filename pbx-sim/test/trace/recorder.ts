/**
 * Records one reference scenario against a real Asterisk over ARI (REST with fetch, events with
 * ws) and writes it in the format of shared/asterisk-traces/README.md, normalised with the same
 * Normalizer the conformance test uses. A scenario is run several times with fresh ids; steps
 * whose relative order differed between runs are marked unstable.
 */
import WebSocket from 'ws';
import { Normalizer, isNoise, numberKeys, type Json, type SymbolMap, type Trace, type TraceStep } from './lib';

export interface Target {
  /** `http://127.0.0.1:18188` (the `/ari` prefix is added). */
  url: string;
  user: string;
  password: string;
}

export interface ScenarioDef {
  scenario: string;
  title: string;
  description: string;
  /** Every id the scenario uses, with what it is (`caller;1`, `agent;2` included). */
  symbols: Record<string, string>;
  run(r: Recorder): Promise<void>;
}

type Params = Record<string, string | number>;
type RawEvent = Json & { type: string };

const QUIET_MS = 600;
const WAIT_MS = 15_000;

/**
 * Symbols → real ids for one run. Every id has the same length (`<run prefix><nn>`): Asterisk
 * finds a channel by a unique id *prefix*, so `x-caller` would clash with a live `x-caller;1`.
 */
class RunSymbols implements SymbolMap {
  private readonly toReal = new Map<string, string>();
  private readonly toSym = new Map<string, string>();
  constructor(symbols: Record<string, string>, prefix: string) {
    Object.keys(symbols).forEach((sym, i) => {
      const real = `${prefix}${String(i).padStart(2, '0')}`;
      this.toReal.set(sym, real);
      this.toSym.set(real, sym);
    });
  }
  has(sym: string): boolean {
    return this.toReal.has(sym);
  }
  real(sym: string): string {
    const real = this.toReal.get(sym);
    if (!real) throw new Error(`unknown symbol ${sym}`);
    return real;
  }
  /** `{caller}` → real id inside a string. */
  fill(text: string, encode = false): string {
    return text.replace(/\{([^{}]+)\}/g, (m, sym: string) =>
      this.has(sym) ? (encode ? encodeURIComponent(this.real(sym)) : this.real(sym)) : m,
    );
  }
  id(real: string): string {
    return this.toSym.get(real) ?? real;
  }
  text(text: string): string {
    let out = text;
    // Longest first is not needed (equal lengths), but keep it deterministic.
    for (const [real, sym] of this.toSym) out = out.split(real).join(`{${sym}}`);
    return out;
  }
}

export class Recorder {
  readonly steps: TraceStep[] = [];
  readonly events: { app: string; e: RawEvent }[] = [];
  private readonly sockets = new Map<string, WebSocket>();
  private readonly started = Date.now();
  private readonly sy: RunSymbols;
  private readonly norm: Normalizer;
  private lastEventAt = Date.now();

  constructor(
    private readonly target: Target,
    private readonly def: ScenarioDef,
    readonly prefix: string,
  ) {
    this.sy = new RunSymbols(def.symbols, prefix);
    this.norm = new Normalizer(this.sy);
  }

  private t(): number {
    return Math.round((Date.now() - this.started) / 10) * 10;
  }

  /** The real id of a symbol (`caller` → `R1a-caller`). */
  id(sym: string): string {
    return this.sy.real(sym);
  }

  get apps(): string[] {
    return [...this.sockets.keys()];
  }

  async open(apps: string[]): Promise<void> {
    for (const app of apps) {
      const url = `${this.target.url.replace(/^http/, 'ws')}/ari/events?app=${encodeURIComponent(app)}&api_key=${encodeURIComponent(`${this.target.user}:${this.target.password}`)}`;
      const ws = new WebSocket(url);
      ws.on('message', (data) => {
        const e = JSON.parse(data.toString()) as RawEvent;
        this.lastEventAt = Date.now();
        this.events.push({ app, e });
        const { t: _none, ...normalised } = this.norm.event(e);
        const step: TraceStep = { t: this.t(), ...normalised, ws: app };
        if (isNoise(e.type, e.variable)) step.noise = true;
        this.steps.push(step);
      });
      await new Promise<void>((resolve, reject) => ws.once('open', () => resolve()).once('error', reject));
      this.sockets.set(app, ws);
      this.steps.push({ t: this.t(), ws_event: 'open', ws: app } as TraceStep);
    }
  }

  /**
   * One ARI request. `path` and string params may hold `{sym}`; a `name` or
   * `destinationRecordingName` param that is a bare symbol is a recording name (as in the traces).
   */
  async req(
    method: string,
    path: string,
    params: Params = {},
    actor?: string,
  ): Promise<{ status: number; body: unknown }> {
    const url = new URL(`${this.target.url}/ari${this.sy.fill(path, true)}`);
    for (const [k, v] of Object.entries(params)) {
      const bare = (k === 'name' || k === 'destinationRecordingName') && String(v) in this.def.symbols;
      url.searchParams.set(k, bare ? this.sy.real(String(v)) : this.sy.fill(String(v)));
    }
    const auth = `Basic ${Buffer.from(`${this.target.user}:${this.target.password}`).toString('base64')}`;
    const res = await fetch(url, { method, headers: { authorization: auth } });
    const type = res.headers.get('content-type') ?? '';
    const buf = Buffer.from(await res.arrayBuffer());
    let body: unknown;
    if (buf.length > 0 && type.includes('json')) body = this.norm.body(JSON.parse(buf.toString('utf8')));
    else if (buf.length > 0)
      body = { _binary: true, bytes: buf.length, content_type: type, magic: buf.subarray(0, 4).toString('latin1') };
    const step: TraceStep = { t: this.t(), request: `${method} ${path}` };
    if (Object.keys(params).length > 0) step.params = params;
    step.status = res.status;
    if (body !== undefined) step.body = body;
    if (actor) step.actor = actor;
    this.steps.push(step);
    return { status: res.status, body };
  }

  note(text: string): void {
    this.steps.push({ t: this.t(), note: text });
  }

  /** Wait for a (raw) event; `pred` sees real ids, so compare with `r.id(sym)`. */
  async waitFor(pred: (e: RawEvent, app: string) => boolean, what: string): Promise<RawEvent> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const hit = this.events.find(({ app, e }) => pred(e, app));
      if (hit) return hit.e;
      if (Date.now() > deadline) throw new Error(`${this.def.scenario}: timed out waiting for ${what}`);
      await sleep(10);
    }
  }

  /** Let time pass (media playing, a recording running); scenarios otherwise wait for events. */
  async pause(ms: number): Promise<void> {
    await sleep(ms);
  }

  /** Until no event has arrived for QUIET_MS. */
  async quiet(): Promise<void> {
    while (Date.now() - this.lastEventAt < QUIET_MS) await sleep(50);
  }

  close(): void {
    for (const [app, ws] of this.sockets) {
      ws.close();
      this.steps.push({ t: this.t(), ws_event: 'closed', ws: app } as TraceStep);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The keys the conformance test uses (events, requests, notes; every event carries `ws`). */
export function stepKeys(steps: TraceStep[], o: { noise: boolean }): string[] {
  return numberKeys(
    steps.filter((s) => (s.event && (o.noise || !s.noise)) || s.request || s.note),
    true,
  );
}

/**
 * Run a scenario `runs` times and build the trace: the first run's steps, with the pairs whose
 * relative order differed in another run marked as in the shared traces.
 */
export async function recordScenario(
  target: Target,
  def: ScenarioDef,
  runs: number,
  asterisk: string,
): Promise<Trace & Json> {
  const recorded: TraceStep[][] = [];
  let apps: string[] = [];
  for (let i = 0; i < runs; i++) {
    const r = new Recorder(
      target,
      def,
      `${def.scenario.split('-')[0]}${String.fromCharCode(97 + i)}${Date.now().toString(36).slice(-4)}-`,
    );
    try {
      await def.run(r);
      await r.quiet();
      apps = r.apps;
    } finally {
      r.close();
    }
    recorded.push(r.steps);
  }
  const [first = [], ...others] = recorded;
  // Noise (varsets, caller-id updates) is not compared, so it neither makes runs differ nor
  // takes part in the order; other_run_orders still lists every key, as in the shared traces.
  const firstKeys = stepKeys(first, { noise: false });
  const pos = (keys: string[]) => new Map(keys.map((k, i) => [k, i]));
  const unstable = new Set<string>();
  const otherRunOrders: { run: number; keys: string[] }[] = [];
  others.forEach((steps, i) => {
    const keys = stepKeys(steps, { noise: false });
    const p = pos(keys);
    const missing = firstKeys.filter((k) => !p.has(k));
    const extra = keys.filter((k) => !firstKeys.includes(k));
    if (missing.length || extra.length) {
      throw new Error(
        `${def.scenario}: run ${i + 2} differs from run 1 in its steps: missing ${missing.join(' | ')}; extra ${extra.join(' | ')}`,
      );
    }
    if (keys.join('\n') !== firstKeys.join('\n'))
      otherRunOrders.push({ run: i + 2, keys: stepKeys(steps, { noise: true }) });
    for (let a = 0; a < firstKeys.length; a++) {
      for (let b = a + 1; b < firstKeys.length; b++) {
        const ka = firstKeys[a] ?? '';
        const kb = firstKeys[b] ?? '';
        if ((p.get(kb) ?? 0) < (p.get(ka) ?? 0)) unstable.add(`${ka}  <->  ${kb}`);
      }
    }
  });
  // Mark the steps of the saved run, as the shared traces do.
  const keyed = first.filter((s) => (s.event && !s.noise) || s.request || s.note);
  keyed.forEach((s, i) => {
    const mine = firstKeys[i] ?? '';
    const partners = [...unstable].flatMap((pair) => {
      const [x, y] = pair.split('  <->  ');
      return x === mine ? [y] : y === mine ? [x] : [];
    });
    if (partners.length > 0) s.unstable_order = partners;
  });
  return {
    asterisk,
    scenario: def.scenario,
    title: def.title,
    description: def.description,
    driver: 'pbx-sim/test/trace/record.ts',
    runs,
    apps,
    symbols: def.symbols,
    unstable_order: [...unstable],
    steps: first,
    ...(otherRunOrders.length
      ? { other_run_orders: [{ run: 1, keys: stepKeys(first, { noise: true }) }, ...otherRunOrders] }
      : {}),
  };
}
