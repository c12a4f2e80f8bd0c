import { randomBytes } from 'node:crypto';
import { QUEUE_IDS, type QueueId, queueById } from '@cc1357/contracts';
import { Redis } from 'ioredis';
import { LiveState, type Versioned } from '../../telephony/src/adapters/redis/live-state';
import { pickForEach } from '../../telephony/src/app/calls/acd-dispatcher';
import { AgentFloor } from '../../telephony/src/app/calls/agent-floor';
import { type AgentRecord, applyAgentEvent } from '../../telephony/src/core/agent-state';
import type { LiveCall } from '../../telephony/src/core/call';
import { TEST_REDIS_URL, deleteKeysWithPrefix } from '../../telephony/test/support/redis';
import { knob } from '../args';
import { type AcdFloor, makeAcdFloor, queuedInOrder } from '../harness/acd-floor';
import { pct } from '../harness/floor';
import type { Scenario } from '../types';

/**
 * `acd` (issue 16: ACD decision latency with 1,000 calls queued and 200 agents). The floor is
 * made by telephony's own machines (bench/harness/acd-floor.ts): `--acd-calls` callers queued over
 * the seven queues (priorities, one in ten with `missedBy`), `--acd-agents` Ready counselors with
 * skills and levels of those queues.
 *
 * - pick_*: the pure decision, telephony's `pickForEach` (core `rankReady` under it) over every
 *   waiting call of each queue in queue order, against one snapshot of the floor. Queue after queue
 *   as the dispatcher goes, the agents picked for one queue are taken (reserved in the snapshot)
 *   before the next; only the `pickForEach` calls are timed (summed). `picked` = calls given an
 *   agent per decision (each queue stops at its first call nobody is left for).
 * - pass_*: one dispatch pass's Redis side as `AcdDispatcher.dispatchOnce` does it, against the
 *   real Redis under a key prefix of its own: per queue the head (`LiveState.queueHead`, 20), the
 *   calls (`getCalls`), the floor snapshot once per pass (a real `AgentFloor.current()`, kept from
 *   pass to pass as the dispatcher keeps it: its pull reads the agents written since the last
 *   pass), `pickForEach` and the picks' reservations (`applyAgentEvent` reserve +
 *   `LiveState.reserveInOrder`, a queue's picks in one Redis step, as the dispatcher makes them) —
 *   from the start to the last reservation done.
 *   Not in it: the per-pick checks that need a PBX or consoles (console away, phone in another
 *   call), the virtual-hold place, the offer itself (which runs on its own after the reservation),
 *   and the retry rounds (one process: no reservation loses). Between passes, untimed, the reserved
 *   agents are written Ready again and their calls queued again (`pass_reserved` per pass).
 */
export const acd: Scenario = {
  name: 'acd',
  async run(ctx) {
    const size = {
      calls: knob(ctx, 'acd-calls', { quick: 1_000, full: 1_000 }),
      agents: knob(ctx, 'acd-agents', { quick: 200, full: 200 }),
    };
    const pickSamples = knob(ctx, 'acd-pick-samples', { quick: 200, full: 2_000 });
    const passSamples = knob(ctx, 'acd-pass-samples', { quick: 30, full: 300 });
    if (pickSamples < 1 || passSamples < 1)
      throw new Error('--acd-pick-samples and --acd-pass-samples must be at least 1');
    const floor = makeAcdFloor(size);
    const missed = floor.calls.filter((c) => c.call.missedBy.length > 0).length;
    ctx.log(`${floor.calls.length} calls queued (${missed} with missedBy), ${floor.agents.length} agents Ready`);

    const pick = timePicks(floor, pickSamples);
    ctx.log(
      `pick: p50 ${pct(pick.times, 0.5)} ms, p99 ${pct(pick.times, 0.99)} ms, ${pick.picked} calls given an agent`,
    );

    const pass = await timePasses(floor, passSamples, ctx.log);
    ctx.log(
      `pass: p50 ${pct(pass.times, 0.5)} ms, p99 ${pct(pass.times, 0.99)} ms, ${pass.reserved} reserved per pass`,
    );

    return {
      figures: {
        calls: floor.calls.length,
        agents: floor.agents.length,
        picked: pick.picked,
        pick_p50_ms: pct(pick.times, 0.5),
        pick_p99_ms: pct(pick.times, 0.99),
        pass_p50_ms: pct(pass.times, 0.5),
        pass_p99_ms: pct(pass.times, 0.99),
        pass_reserved: pass.reserved,
      },
      detail: {
        missedBy: missed,
        byQueue: Object.fromEntries(QUEUE_IDS.map((q) => [q, floor.calls.filter((c) => c.queue === q).length])),
        pickSamples,
        passSamples,
        pickMaxMs: pct(pick.times, 1),
        passMaxMs: pct(pass.times, 1),
      },
    };
  },
};

/** `samples` decisions (after a tenth as warm-up); each returns the same picks. */
function timePicks(floor: AcdFloor, samples: number): { times: number[]; picked: number } {
  const byQueue = queuedInOrder(floor);
  const snapshot: Versioned<AgentRecord>[] = floor.agents.map((value) => ({ value, version: 2 }));
  const warmup = Math.ceil(samples / 10);
  const times: number[] = [];
  let picked = 0;
  for (let i = 0; i < warmup + samples; i++) {
    const agents = [...snapshot];
    let ms = 0;
    let count = 0;
    for (const queue of QUEUE_IDS) {
      const waiting = byQueue.get(queue);
      if (!waiting?.length) continue;
      const t = process.hrtime.bigint();
      const picks = pickForEach(waiting, agents, queueById(queue).skill, new Set());
      ms += Number(process.hrtime.bigint() - t) / 1e6;
      count += picks.length;
      for (const { call, agent } of picks) takeAgent(agents, agent, call, floor.now);
    }
    if (i >= warmup) times.push(ms);
    if (i > 0 && count !== picked) throw new Error(`decision ${i} gave ${count} picks, the first ${picked}`);
    picked = count;
  }
  return { times, picked };
}

/** The snapshot after the dispatcher's reservation of `agent` for `call`. */
function takeAgent(agents: Versioned<AgentRecord>[], agent: Versioned<AgentRecord>, call: LiveCall, now: Date): void {
  const reserved = applyAgentEvent(agent.value, { type: 'reserve', callId: call.callId }, now);
  if (!reserved.ok) throw new Error(reserved.message);
  agents[agents.indexOf(agent)] = { value: reserved.agent, version: agent.version + 1 };
}

async function timePasses(
  floor: AcdFloor,
  samples: number,
  log: (line: string) => void,
): Promise<{ times: number[]; reserved: number }> {
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect().catch((err: unknown) => {
    throw new Error(`acd needs Redis at ${TEST_REDIS_URL}: ${String(err)}`);
  });
  const prefix = `bench:acd:${randomBytes(5).toString('hex')}:`;
  const state = new LiveState(redis, prefix);
  try {
    const seeds = new Map(floor.agents.map((a) => [a.agentId, a]));
    await Promise.all(floor.agents.map((a) => state.casAgent(a, 0)));
    await Promise.all(floor.calls.map(({ call }) => state.saveCall(call)));
    await Promise.all(floor.calls.map(({ call, queue, score }) => state.enqueue(queue, call.callId, score)));
    const scoreOf = new Map(floor.calls.map((c) => [c.call.callId, c.score]));
    const agentFloor = new AgentFloor({ state, now: () => Date.now() });
    const warmup = Math.max(2, Math.ceil(samples / 10));
    const times: number[] = [];
    let reserved = -1;
    for (let i = 0; i < warmup + samples; i++) {
      const t = process.hrtime.bigint();
      const done = await dispatchPass(state, agentFloor, floor);
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      if (i >= warmup) times.push(ms);
      if (reserved >= 0 && done.length !== reserved)
        throw new Error(`pass ${i} reserved ${done.length}, the first ${reserved}`);
      reserved = done.length;
      // Untimed: the reserved agents Ready again (as they were), their calls back in their queue.
      const rewritten = await Promise.all(done.map((d) => state.casAgent(seeds.get(d.agentId)!, d.version)));
      if (rewritten.some((ok) => !ok)) throw new Error(`pass ${i}: an agent changed under the bench`);
      await Promise.all(done.map((d) => state.enqueue(d.queue, d.callId, scoreOf.get(d.callId)!)));
    }
    log(`${samples} passes (+${warmup} warm-up) under ${prefix}`);
    return { times, reserved };
  } finally {
    await deleteKeysWithPrefix(redis, prefix).finally(() => redis.quit());
  }
}

/** What `AcdDispatcher.dispatchOnce` does in Redis for one pass, up to the reservations. */
async function dispatchPass(
  state: LiveState,
  floor: AgentFloor,
  acd: AcdFloor,
): Promise<{ queue: QueueId; callId: string; agentId: string; version: number }[]> {
  let agents: Versioned<AgentRecord>[] | null = null;
  const done: { queue: QueueId; callId: string; agentId: string; version: number }[] = [];
  // Every queue's head at once, as the dispatcher reads them.
  const heads = await Promise.all(QUEUE_IDS.map((queue) => state.queueHead(queue, 20)));
  for (const [index, queue] of QUEUE_IDS.entries()) {
    const head = heads[index]!;
    if (head.length === 0) continue;
    const waiting = (await state.getCalls(head)).filter(
      (call): call is LiveCall => !!call && call.node === acd.node && call.state === 'queued',
    );
    if (waiting.length === 0) continue;
    agents ??= await floor.current();
    const picks = pickForEach(waiting, agents, queueById(queue).skill, new Set());
    // In queue order, in one Redis step, as the dispatcher reserves (it stops at the first that fails).
    const reserved = picks.map(({ call, agent }) => {
      const next = applyAgentEvent(agent.value, { type: 'reserve', callId: call.callId }, acd.now);
      if (!next.ok) throw new Error(next.message);
      return { call, agent, next: next.agent };
    });
    const results = await state.reserveInOrder(
      queue,
      reserved.map(({ call, agent, next }) => ({ callId: call.callId, agent: next, expectedVersion: agent.version })),
    );
    for (const [i, { call, agent, next }] of reserved.entries()) {
      const result = results[i];
      if (typeof result !== 'object')
        throw new Error(`reserving ${agent.value.agentId} for ${call.callId}: ${result ?? 'not tried'}`);
      agents[agents.indexOf(agent)] = { value: next, version: agent.version + 1 };
      done.push({ queue, callId: call.callId, agentId: agent.value.agentId, version: agent.version + 1 });
    }
  }
  return done;
}
