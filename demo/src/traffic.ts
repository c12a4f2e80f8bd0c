import { QUEUES, type QueueId } from '@cc1357/contracts';
import { SEED_USERS } from '@cc1357/crm-api';
import { DEFAULT_MIX, MENU_CHOICES, type CallerMix, type MenuChoice } from './caller-plan';

/**
 * How much traffic the demo's simulated agents can take. A floor that is always backed up
 * (8 waiting, service level 50 %) shows nothing a counselor can learn from; the default call
 * rate keeps every group of queues, and the agents skilled for them, at most half busy and
 * answering 80 % of calls within the queues' 20 s (Erlang C), so the human counselor sees calls
 * and quiet moments. `--rate N` raises it on purpose.
 */

/** The simulated agents' pace in `npm run demo` (real time; pbx-sim scales media, the bots scale these). */
export const DEMO_AGENT_TIMING = {
  ringMs: [2_000, 6_000] as [number, number],
  talkMs: [30_000, 120_000] as [number, number],
  wrapUpSeconds: 15,
};

/** Share of the time the agents of any group of queues may be busy at the default rate. */
export const TARGET_OCCUPANCY = 0.5;
/** Share of calls every group must answer within its threshold at the default rate. */
export const TARGET_SERVICE_LEVEL = 0.8;
/** The queues' service-level threshold (contracts QUEUES: 20 s for every queue). */
const SERVICE_LEVEL_SECONDS = Math.min(...QUEUES.map((q) => q.serviceLevelSeconds));

export interface Staffing {
  /** Skills (queues) of each agent taking calls. */
  agents: ReadonlyArray<readonly QueueId[]>;
  choices: readonly MenuChoice[];
  mix: CallerMix;
  /** Agent time per answered call: ring + talk + wrap-up (seconds). */
  handleSeconds: number;
}

const mean = ([a, b]: [number, number]) => (a + b) / 2;

export function demoHandleSeconds(timing = DEMO_AGENT_TIMING): number {
  return (mean(timing.ringMs) + mean(timing.talkMs)) / 1000 + timing.wrapUpSeconds;
}

/** Agents busy (Erlangs) per queue at `rate` calls a minute: only talking callers take agent time. */
function loadPerCallPerMinute(staffing: Staffing): Map<QueueId, number> {
  const total = staffing.choices.reduce((sum, c) => sum + c.weight, 0);
  const talkShare = 1 - staffing.mix.abandonShare - staffing.mix.ivrHangupShare;
  const load = new Map<QueueId, number>();
  for (const c of staffing.choices)
    load.set(c.queue, (load.get(c.queue) ?? 0) + (c.weight / total) * talkShare * (staffing.handleSeconds / 60));
  return load;
}

/**
 * Erlang C: the chance a caller waits at all, with `agents` serving `erlangs` of offered load
 * (textbook formula via the Erlang B recursion; 1 when the load reaches the agents).
 */
export function erlangC(agents: number, erlangs: number): number {
  if (agents <= 0 || erlangs >= agents) return 1;
  let b = 1;
  for (let k = 1; k <= agents; k++) b = (erlangs * b) / (k + erlangs * b);
  return (agents * b) / (agents - erlangs * (1 - b));
}

/** Share of callers answered within `seconds` (Erlang C with exponential handle times). */
export function serviceLevel(agents: number, erlangs: number, seconds: number, handleSeconds: number): number {
  if (erlangs <= 0) return 1;
  if (erlangs >= agents) return 0;
  return 1 - erlangC(agents, erlangs) * Math.exp((-(agents - erlangs) * seconds) / handleSeconds);
}

export interface GroupLoad {
  queues: QueueId[];
  agents: number;
  erlangs: number;
  occupancy: number;
  serviceLevel: number;
}

/**
 * Every set of queues with the agents who can take any of them (the bound a skills-based router
 * cannot beat), their load at `rate` calls a minute, occupancy and Erlang C service level. One
 * agent alone on a popular queue shows up here even when the floor as a whole is idle.
 */
export function groupLoads(staffing: Staffing, rate: number): GroupLoad[] {
  const load = loadPerCallPerMinute(staffing);
  const queues = [...load.keys()];
  const groups: GroupLoad[] = [];
  for (let mask = 1; mask < 1 << queues.length; mask++) {
    const group = queues.filter((_, i) => mask & (1 << i));
    const agents = staffing.agents.filter((skills) => skills.some((s) => group.includes(s))).length;
    const erlangs = rate * group.reduce((sum, q) => sum + (load.get(q) ?? 0), 0);
    groups.push({
      queues: group,
      agents,
      erlangs,
      occupancy: agents === 0 ? Number.POSITIVE_INFINITY : erlangs / agents,
      serviceLevel: serviceLevel(agents, erlangs, SERVICE_LEVEL_SECONDS, staffing.handleSeconds),
    });
  }
  return groups;
}

/** The busiest group at `rate`, and the worst-served one. */
export function worstGroups(staffing: Staffing, rate: number): { busiest: GroupLoad; worstServed: GroupLoad } {
  const groups = groupLoads(staffing, rate);
  return {
    busiest: groups.reduce((a, b) => (b.occupancy > a.occupancy ? b : a)),
    worstServed: groups.reduce((a, b) => (b.serviceLevel < a.serviceLevel ? b : a)),
  };
}

/** The highest rate (calls/min, in steps of 0.25) at which every group stays within both targets. */
export function fittingRate(
  staffing: Staffing,
  targets = { occupancy: TARGET_OCCUPANCY, serviceLevel: TARGET_SERVICE_LEVEL },
): number {
  let rate = 0;
  for (let next = 0.25; next <= 60; next += 0.25) {
    const { busiest, worstServed } = worstGroups(staffing, next);
    if (busiest.occupancy > targets.occupancy || worstServed.serviceLevel < targets.serviceLevel) break;
    rate = next;
  }
  return rate;
}

/** The seeded simulated agents (bot…) and their skills: who answers in `npm run demo`. */
export const DEMO_BOTS = SEED_USERS.filter((u) => u.username.startsWith('bot'));

export const DEMO_STAFFING: Staffing = {
  agents: DEMO_BOTS.map((b) => b.skills as QueueId[]),
  choices: MENU_CHOICES,
  mix: DEFAULT_MIX,
  handleSeconds: demoHandleSeconds(),
};

/** `npm run demo`'s default calls per minute: what the simulated agents take with room to spare. */
export const DEFAULT_RATE = fittingRate(DEMO_STAFFING);
