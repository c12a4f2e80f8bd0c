import type { CallOfferedV1, QueueId } from '@cc1357/contracts';
import type { ChainableCommander, Redis } from 'ioredis';
import type { AgentRecord } from '../../core/agent-state';
import type { LiveCall } from '../../core/call';
import { LuaScript } from './lua-script';

/**
 * Live state in Redis, shared by every telephony process: agents (versioned, written with
 * compare-and-set), calls, the channel → call index and one sorted set per queue.
 *
 * Keys (all under the configured prefix):
 *   agents        hash agentId → AgentRecord JSON      agents:v  hash agentId → version
 *   calls         hash callId → LiveCall JSON
 *   chan:<node>   hash channelId → callId  (per node: channel ids of two Asterisks can collide)
 *   queue:<id>    zset callId scored by queueScore()
 *   offers        hash callId → CallOfferedV1 JSON: the offer as the agent's console was sent it,
 *                 so a console that reconnects mid-ring sees the same pop (written when the call
 *                 is offered, removed when the offer ends or the call is forgotten)
 *   agents:fv     integer bumped on every agent write      agents:chg  zset agentId scored by the
 *                 agents:fv of its last write: who changed since a version, so a reader keeps its
 *                 copy of the floor current without reading 2,000 agents on every ACD pass
 *   refused:<day> hash queue → callers admission control turned away that Seoul day (expires)
 *   door-refused:<day>  callers turned away at a closed door that Seoul day, every node (expires)
 *   nodes:door-closed   zset node → wall-clock ms of its last beat with its door closed (node-beats.ts)
 */

// Write an agent only if nobody changed it since we read it (optimistic concurrency).
const CAS_AGENT = new LuaScript(`
local v = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
if v ~= tonumber(ARGV[2]) then return -1 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
redis.call('HSET', KEYS[2], ARGV[1], v + 1)
redis.call('ZADD', KEYS[4], redis.call('INCR', KEYS[3]), ARGV[1])
return v + 1
`);

// An agent's record and version read together (see agentsWithVersions): ARGV are agent ids; the
// answer is the records and the versions, in their order (nil where absent).
const READ_AGENTS = new LuaScript(
  `return { redis.call('HMGET', KEYS[1], unpack(ARGV)), redis.call('HMGET', KEYS[2], unpack(ARGV)) }`,
);
/** Agents per READ_AGENTS call: well inside Lua's unpack limit (about 8,000 values). */
const AGENTS_PER_READ = 1_000;
/** Lines per LPOP of a node's offer list. */
const OFFERS_PER_TAKE = 1_000;

// The ACD's reservations, in queue order: each takes its call off the queue AND moves its agent to
// `reserved` in one step, or does neither. Two processes racing for one agent: exactly one sees
// its version. ARGV[1] is how many; each then has six arguments: call, agent, the agent's expected
// version, its record, the offer, and the KEYS index of the caller's node's offer list (0: ours).
// Per reservation the answer is the floor version it wrote (≥ 1), which also numbers the
// reservations in the order Redis made them; 0: the call left the queue (the next one is tried);
// -1: the agent changed, and the script stops there, so a later caller is never reserved in a step
// where an earlier one lost their agent. One round trip for a whole round: one trip per
// reservation, each behind the busy event loop, was the biggest part of a dispatch pass.
const RESERVE_IN_ORDER = new LuaScript(`
local out = {}
for i = 0, tonumber(ARGV[1]) - 1 do
  local b = 2 + i * 6
  local callId, agentId = ARGV[b], ARGV[b + 1]
  if not redis.call('ZSCORE', KEYS[1], callId) then
    out[#out + 1] = 0
  else
    local v = tonumber(redis.call('HGET', KEYS[3], agentId) or '0')
    if v ~= tonumber(ARGV[b + 2]) then
      out[#out + 1] = -1
      return out
    end
    redis.call('ZREM', KEYS[1], callId)
    redis.call('HSET', KEYS[2], agentId, ARGV[b + 3])
    redis.call('HSET', KEYS[3], agentId, v + 1)
    local fv = redis.call('INCR', KEYS[4])
    redis.call('ZADD', KEYS[5], fv, agentId)
    local offers = tonumber(ARGV[b + 5])
    if offers > 0 then redis.call('RPUSH', KEYS[offers], fv .. ' ' .. ARGV[b + 4]) end
    out[#out + 1] = fv
  end
end
return out
`);

// A new place in a queue: never ahead of a place already taken at the same priority. A node stamps
// its caller's place on its own clock, and the stamp reaches Redis some ms later; meanwhile another
// node's caller, stamped later, may have taken a place and even been served. Without this, the late
// stamp would be put ahead of callers already served (18 pairs in 2,400 calls over 3 nodes). So a
// place is after the highest place taken at its priority (KEYS[2], field ARGV[3]) — by 1 ms at
// least, as equal scores are ordered by call id — and the queue's order is the order places reached
// it. Returns the score given (a string: Lua numbers come back as integers).
const TAKE_PLACE = new LuaScript(`
local s = tonumber(ARGV[2])
local high = tonumber(redis.call('HGET', KEYS[2], ARGV[3]) or '')
if high and s <= high then s = high + 1 end
redis.call('HSET', KEYS[2], ARGV[3], s)
redis.call('ZADD', KEYS[1], s, ARGV[1])
return tostring(s)
`);

/** How often setOfferPop re-reads an offer that changed under it before it gives up. */
const SET_POP_TRIES = 8;
// Replace a hash field only if it still holds what was read (cjson is not used: it turns [] into {}).
const REPLACE_FIELD = new LuaScript(`
if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
return 1
`);

// Trim the head of a list only while `owner` still holds the lock, and keep holding it: a drainer
// whose lock expired mid-drain must not trim what the next holder is also trimming (both trimming
// one delivered batch removes a batch nobody delivered).
const TRIM_IF_LOCKED = new LuaScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('LTRIM', KEYS[2], ARGV[2], -1)
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
`);

// Compare-and-delete: never release a lock someone else took after ours expired.
const UNLOCK = new LuaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`);

/** An agent reserved for a caller by another node: the caller's node rings them. */
export interface ReservedOffer {
  callId: string;
  agentId: string;
  /** The reservation's `order` (ReserveResult). */
  order: number;
}

export interface Versioned<T> {
  value: T;
  version: number;
}

/**
 * `order` numbers the reservations in the order Redis made them (within one life of its data):
 * what first in, first out is judged by, free of the clocks of the nodes that made them.
 */
export type ReserveResult = { reserved: true; order: number } | 'callGone' | 'agentChanged';

/** One of `reserveInOrder`'s reservations: `agent` is the record as reserved for `callId`. */
export interface Reservation {
  callId: string;
  agent: AgentRecord;
  expectedVersion: number;
  /** The caller's node when it is not this one: the offer goes on that node's list. */
  forNode?: string | undefined;
}

export class LiveState {
  constructor(
    readonly redis: Redis,
    readonly prefix: string,
  ) {}

  key(name: string): string {
    return `${this.prefix}${name}`;
  }

  /* ---------- agents ---------- */

  async getAgent(agentId: string): Promise<Versioned<AgentRecord> | null> {
    const [found] = await this.agentsWithVersions([agentId]);
    return found ?? null;
  }

  async listAgents(): Promise<Versioned<AgentRecord>[]> {
    const [all, versions] = unwrap(
      await this.redis.multi().hgetall(this.key('agents')).hgetall(this.key('agents:v')).exec(),
      'reading the floor',
    ) as [Record<string, string>, Record<string, string>];
    return Object.entries(all)
      .map(([id, json]) => ({ value: JSON.parse(json) as AgentRecord, version: Number(versions[id] ?? 0) }))
      .sort((a, b) => a.value.agentId.localeCompare(b.value.agentId));
  }

  /**
   * The agents' records and versions, absent ones left out. Each pair is read in one step, as
   * every read of the pair: two bare reads can straddle another node's write (Redis takes a large
   * auto-pipelined batch in parts), and an old record with the new version would then pass
   * casAgent — a lost update. A script rather than MULTI/EXEC: it joins the auto-pipeline (a
   * transaction is a write of its own, and every agent change reads its agent first). Long lists
   * go in parts (Lua's unpack has a limit); each agent's pair is still one step.
   */
  private async agentsWithVersions(agentIds: readonly string[]): Promise<Versioned<AgentRecord>[]> {
    const parts: Promise<unknown>[] = [];
    for (let i = 0; i < agentIds.length; i += AGENTS_PER_READ) {
      const ids = agentIds.slice(i, i + AGENTS_PER_READ);
      parts.push(READ_AGENTS.run(this.redis, 2, this.key('agents'), this.key('agents:v'), ...ids));
    }
    const read = (await Promise.all(parts)) as [(string | null)[], (string | null)[]][];
    const records = read.flatMap(([r]) => r);
    const versions = read.flatMap(([, v]) => v);
    const agents: Versioned<AgentRecord>[] = [];
    records.forEach((json, i) => {
      if (json) agents.push({ value: JSON.parse(json) as AgentRecord, version: Number(versions[i] ?? 0) });
    });
    return agents;
  }

  /** The floor version: how many agent writes the change list has seen (0 = none, or lost). */
  async floorVersion(): Promise<number> {
    return Number((await this.redis.get(this.key('agents:fv'))) ?? 0);
  }

  /**
   * The agents written since floor version `since` (0 = every agent ever logged), with the floor
   * version they bring the reader to. `floorVersion` below `since` means the counter was lost
   * (Redis restarted empty or was flushed): the reader must read the whole floor again.
   */
  async agentsChangedSince(since: number): Promise<{ floorVersion: number; agents: Versioned<AgentRecord>[] }> {
    // One transaction: every write up to the version read is in the change list read with it.
    const [fv, changed] = unwrap(
      await this.redis
        .multi()
        .get(this.key('agents:fv'))
        .zrangebyscore(this.key('agents:chg'), `(${since}`, '+inf')
        .exec(),
      `reading the agents changed since ${since}`,
    ) as [string | null, string[]];
    const floorVersion = Number(fv ?? 0);
    if (changed.length === 0) return { floorVersion, agents: [] };
    return { floorVersion, agents: await this.agentsWithVersions(changed) };
  }

  /** Writes the agent if its version is still `expectedVersion` (0 = absent); false otherwise. */
  async casAgent(agent: AgentRecord, expectedVersion: number): Promise<boolean> {
    const result = await CAS_AGENT.run(
      this.redis,
      4,
      this.key('agents'),
      this.key('agents:v'),
      this.key('agents:fv'),
      this.key('agents:chg'),
      agent.agentId,
      String(expectedVersion),
      JSON.stringify(agent),
    );
    return Number(result) > 0;
  }

  /**
   * Takes `callId` off the queue and writes `agent` (reserved for it) if the agent's version is
   * still `expectedVersion`, in one step. With `forNode` (the call is another telephony node's),
   * the pair also goes to that node's offer list in the same step (see `takeOffers`): the
   * reservation and the owner's duty to ring the agent can never part.
   */
  async reserve(
    queue: QueueId,
    callId: string,
    agent: AgentRecord,
    expectedVersion: number,
    forNode?: string,
  ): Promise<ReserveResult> {
    const [result] = await this.reserveInOrder(queue, [{ callId, agent, expectedVersion, forNode }]);
    return result!;
  }

  /**
   * `reserve` for several calls of one queue in one Redis step, in the order given. A call that
   * left the queue is skipped (`callGone`); at the first agent that changed (`agentChanged`) the
   * step stops: the answer is shorter than the list, and the calls after it were not tried.
   */
  async reserveInOrder(queue: QueueId, reservations: readonly Reservation[]): Promise<ReserveResult[]> {
    if (reservations.length === 0) return [];
    const keys = [
      this.key(`queue:${queue}`),
      this.key('agents'),
      this.key('agents:v'),
      this.key('agents:fv'),
      this.key('agents:chg'),
    ];
    const offerKeyIndex = new Map<string, number>();
    const args: string[] = [String(reservations.length)];
    for (const { callId, agent, expectedVersion, forNode } of reservations) {
      let index = 0;
      if (forNode !== undefined) {
        index = offerKeyIndex.get(forNode) ?? keys.push(this.key(`offers:${forNode}`));
        offerKeyIndex.set(forNode, index);
      }
      const offer: Omit<ReservedOffer, 'order'> = { callId, agentId: agent.agentId };
      args.push(
        callId,
        agent.agentId,
        String(expectedVersion),
        JSON.stringify(agent),
        JSON.stringify(offer),
        String(index),
      );
    }
    const answers = (await RESERVE_IN_ORDER.run(this.redis, keys.length, ...keys, ...args)) as number[];
    return answers.map((result) =>
      result > 0 ? { reserved: true, order: result } : result === 0 ? 'callGone' : 'agentChanged',
    );
  }

  /** Empties `node`'s offer list: the agents other nodes reserved for its callers, oldest first. */
  async takeOffers(node: string): Promise<ReservedOffer[]> {
    const key = this.key(`offers:${node}`);
    // LPOP with a count takes lines off in one command (no transaction: every ACD pass asks, and
    // one node's list is empty all but always); a list longer than that is taken in more parts.
    const lines: string[] = [];
    for (;;) {
      const part = await this.redis.lpop(key, OFFERS_PER_TAKE);
      if (!part) break;
      lines.push(...part);
      if (part.length < OFFERS_PER_TAKE) break;
    }
    const offers: ReservedOffer[] = [];
    for (const line of lines) {
      try {
        const space = line.indexOf(' ');
        offers.push({
          ...(JSON.parse(line.slice(space + 1)) as Omit<ReservedOffer, 'order'>),
          order: Number(line.slice(0, space)),
        });
      } catch {
        // Only RESERVE writes this list; an unreadable line is not an offer anyone can make.
      }
    }
    return offers;
  }

  /* ---------- calls ---------- */

  /** Writes the call and its channels; `also` adds writes that must land in the same step (an event). */
  saveCall(call: LiveCall, also?: (multi: ChainableCommander) => void): Promise<void> {
    return this.writeCall(call, JSON.stringify(call), channelsOf(call), also);
  }

  /**
   * `saveCall` with the call already serialized and its channels listed (`channelsOf`): a
   * subclass that keeps them too builds each once.
   */
  protected async writeCall(
    call: LiveCall,
    json: string,
    channels: Record<string, string>,
    also?: (multi: ChainableCommander) => void,
  ): Promise<void> {
    // Every channel of the call in one HSET (a command per channel was a third of a save's commands).
    const multi = this.redis
      .multi()
      .hset(this.key('calls'), call.callId, json)
      .hset(this.key(`chan:${call.node}`), channels);
    also?.(multi);
    await multi.exec();
  }

  async getCall(callId: string): Promise<LiveCall | null> {
    const json = await this.redis.hget(this.key('calls'), callId);
    return json ? (JSON.parse(json) as LiveCall) : null;
  }

  /** Whether Redis holds the call (never answered from a process's own copy: a rebuild asks this). */
  async hasCallInRedis(callId: string): Promise<boolean> {
    return (await this.redis.hexists(this.key('calls'), callId)) === 1;
  }

  async callIdOfChannel(node: string, channelId: string): Promise<string | null> {
    return this.redis.hget(this.key(`chan:${node}`), channelId);
  }

  /** Several calls in one round trip, in the order asked (null where a call is gone). */
  async getCalls(callIds: string[]): Promise<(LiveCall | null)[]> {
    if (callIds.length === 0) return [];
    const found = await this.redis.hmget(this.key('calls'), ...callIds);
    return found.map((json) => (json ? (JSON.parse(json) as LiveCall) : null));
  }

  async listCalls(): Promise<LiveCall[]> {
    const all = await this.redis.hvals(this.key('calls'));
    return all.map((json) => JSON.parse(json) as LiveCall);
  }

  async deleteCall(call: LiveCall, channelIds: string[]): Promise<void> {
    const multi = this.redis.multi().hdel(this.key('calls'), call.callId);
    if (channelIds.length > 0) multi.hdel(this.key(`chan:${call.node}`), ...channelIds);
    await multi.exec();
  }

  /* ---------- offers ---------- */

  async saveOffer(offer: CallOfferedV1): Promise<void> {
    await this.redis.hset(this.key('offers'), offer.callId, JSON.stringify(offer));
  }

  async getOffer(callId: string): Promise<CallOfferedV1 | null> {
    const json = await this.redis.hget(this.key('offers'), callId);
    return json ? (JSON.parse(json) as CallOfferedV1) : null;
  }

  /** Several offers in one round trip (the wallboard's calls in progress); absent ones are left out. */
  async getOffers(callIds: string[]): Promise<Map<string, CallOfferedV1>> {
    if (callIds.length === 0) return new Map();
    const found = await this.redis.hmget(this.key('offers'), ...callIds);
    const out = new Map<string, CallOfferedV1>();
    found.forEach((json, i) => json && out.set(callIds[i]!, JSON.parse(json) as CallOfferedV1));
    return out;
  }

  /**
   * Sets the pop of a stored offer, only while that offer stands (HSETs nothing once the offer
   * was removed, so a late pop never brings back an ended offer). True when it was set.
   */
  async setOfferPop(callId: string, pop: CallOfferedV1['pop']): Promise<boolean> {
    // Only a pop and the offer's removal change a stored offer, so a second try all but always
    // wins; the bound keeps a key that somehow changes on every read from spinning forever.
    for (let attempt = 1; attempt <= SET_POP_TRIES; attempt++) {
      const json = await this.redis.hget(this.key('offers'), callId);
      if (!json) return false;
      const next = JSON.stringify({ ...(JSON.parse(json) as CallOfferedV1), pop });
      const result = await REPLACE_FIELD.run(this.redis, 1, this.key('offers'), callId, json, next);
      if (Number(result) === 1) return true; // else the offer changed meanwhile: read it again
    }
    throw new Error(`the stored offer of call ${callId} changed on each of ${SET_POP_TRIES} tries to set its pop`);
  }

  async deleteOffer(callId: string): Promise<void> {
    await this.redis.hdel(this.key('offers'), callId);
  }

  /* ---------- queues ---------- */

  /** Puts the call back at a place it already had (`score` kept as is). */
  async enqueue(queue: QueueId, callId: string, score: number): Promise<void> {
    await this.redis.zadd(this.key(`queue:${queue}`), score, callId);
  }

  /**
   * A new place for the call: `score`, or the highest place already taken in `queue` at `priority`
   * when that is later (see TAKE_PLACE). Returns the score the call got.
   */
  async takePlace(queue: QueueId, callId: string, score: number, priority: number): Promise<number> {
    const placed = await TAKE_PLACE.run(
      this.redis,
      2,
      this.key(`queue:${queue}`),
      this.key(`queue-high:${queue}`),
      callId,
      String(score),
      String(priority),
    );
    return Number(placed);
  }

  async dequeue(queue: QueueId, callId: string): Promise<void> {
    await this.redis.zrem(this.key(`queue:${queue}`), callId);
  }

  /** The first `limit` calls waiting in `queue`, in order. */
  async queueHead(queue: QueueId, limit: number): Promise<string[]> {
    return this.redis.zrange(this.key(`queue:${queue}`), '0', String(limit - 1));
  }

  /** The first `limit` calls waiting in `queue` with their place scores (core/acd queueScore), in order. */
  async queueHeadScored(queue: QueueId, limit: number): Promise<Array<{ callId: string; score: number }>> {
    const flat = await this.redis.zrange(this.key(`queue:${queue}`), '0', String(limit - 1), 'WITHSCORES');
    const out: Array<{ callId: string; score: number }> = [];
    for (let i = 0; i + 1 < flat.length; i += 2) out.push({ callId: flat[i]!, score: Number(flat[i + 1]) });
    return out;
  }

  async queueLength(queue: QueueId): Promise<number> {
    return this.redis.zcard(this.key(`queue:${queue}`));
  }

  async isQueued(queue: QueueId, callId: string): Promise<boolean> {
    return (await this.redis.zscore(this.key(`queue:${queue}`), callId)) !== null;
  }

  /* ---------- admission control ---------- */

  /** One more caller refused at `queue`'s door on Seoul day `day` (kept two days, for the wallboard). */
  async countRefused(day: string, queue: QueueId): Promise<void> {
    const key = this.key(`refused:${day}`);
    await this.redis
      .multi()
      .hincrby(key, queue, 1)
      .expire(key, 2 * 86_400)
      .exec();
  }

  /** Callers refused per queue on Seoul day `day` (queues with none are absent). */
  async refusedOn(day: string): Promise<Partial<Record<QueueId, number>>> {
    const all = await this.redis.hgetall(this.key(`refused:${day}`));
    return Object.fromEntries(Object.entries(all).map(([queue, n]) => [queue, Number(n)]));
  }

  /**
   * One more caller turned away at a closed door on Seoul day `day`, whichever node (kept two days,
   * for the wallboard). Throws when Redis did not count it.
   */
  async countDoorRefused(day: string): Promise<void> {
    const key = this.key(`door-refused:${day}`);
    const replies = await this.redis
      .multi()
      .incr(key)
      .expire(key, 2 * 86_400)
      .exec();
    const failed = (replies ?? []).find(([err]) => err)?.[0];
    if (failed || !replies) throw new Error(`counting a caller refused at the door failed: ${String(failed)}`);
  }

  /** Callers turned away at a closed door on Seoul day `day`, over every node. */
  async doorRefusedOn(day: string): Promise<number> {
    return Number((await this.redis.get(this.key(`door-refused:${day}`))) ?? 0);
  }

  /* ---------- locks ---------- */

  /** A short lock (SET NX PX) so only one process runs a job at a time; true if we hold it. */
  async tryLock(name: string, owner: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(this.key(`lock:${name}`), owner, 'PX', ttlMs, 'NX')) === 'OK';
  }

  /**
   * Drops the first `count` entries of list `key` only if `owner` still holds lock `name`, and
   * renews the lock for `ttlMs`; false (nothing trimmed) when the lock passed to another process.
   */
  async trimIfLocked(name: string, owner: string, key: string, count: number, ttlMs: number): Promise<boolean> {
    const result = await TRIM_IF_LOCKED.run(
      this.redis,
      2,
      this.key(`lock:${name}`),
      key,
      owner,
      String(count),
      String(ttlMs),
    );
    return Number(result) === 1;
  }

  /** Releases the lock only if `owner` still holds it (it may have expired and passed to another). */
  async unlock(name: string, owner: string): Promise<void> {
    await UNLOCK.run(this.redis, 1, this.key(`lock:${name}`), owner);
  }
}

/** A transaction's replies, or the first error it met (`what` says what was being read). */
function unwrap(replies: [Error | null, unknown][] | null, what: string): unknown[] {
  if (!replies) throw new Error(`${what} failed: the transaction was discarded`);
  for (const [err] of replies) if (err) throw new Error(`${what} failed: ${err.message}`);
  return replies.map(([, value]) => value);
}

/** The call's channels as the `chan:<node>` index holds them: channel id → call id. */
export function channelsOf(call: LiveCall): Record<string, string> {
  const channels: Record<string, string> = { [call.callerChannelId]: call.callId };
  for (const id of [call.agentChannelId, call.partnerChannelId, call.consult?.channelId])
    if (id) channels[id] = call.callId;
  return channels;
}
