import { describe, expect, it } from 'vitest';
import type { FloorCall } from '../harness/floor';
import { type Placed, judgeRecovery } from '../scenarios/overload-recovery';

const options = { normalCps: 1, afterSeconds: 10, maxOfferWaitMs: 1_000 };

/** A call placed `at` s from the overload's end, with its events (ms): arrival → queue → offer. */
function placed(
  id: string,
  phase: Placed['phase'],
  at: number,
  timing: { queuedAfter?: number; offeredAfter?: number } | 'refused' | 'callback' | 'door' | 'lost' = {},
): { placed: Placed; events: [string, Map<string, number>] } {
  const call: FloorCall = {
    from: id,
    node: 0,
    channelId: `ch-${id}`,
    callId: id,
    placedAt: 0,
    offerReceivedAt: null,
    offerLagMs: null,
    offeredAtEpoch: null,
    popReadyLagMs: null,
    popStatus: null,
    connectedAt: 1,
    endedAt: 2,
    endReason: 'callerHangup',
    agentId: '1',
    error: timing === 'lost' ? 'the call never left the IVR in 60 s' : null,
    refusedAtDoor: timing === 'door',
  };
  const e = new Map<string, number>([['call.arrived', 0]]);
  if (timing === 'callback') e.set('callback.requested', 10);
  else if (timing === 'refused' || timing === 'lost' || timing === 'door') e.set('call.ended', 10);
  else {
    const queued = timing.queuedAfter ?? 100;
    const offered = queued + (timing.offeredAfter ?? 10);
    e.set('queue.entered', queued).set('agent.offered', offered);
    e.set('call.connected', offered + 10).set('call.ended', offered + 100);
  }
  return { placed: { phase, at, call }, events: [id, e] };
}

function judge(rows: ReturnType<typeof placed>[], refused: string[] = []) {
  return judgeRecovery(
    rows.map((r) => r.placed),
    new Map(rows.map((r) => r.events)),
    new Set(refused),
    options,
    2,
  );
}

describe('overload recovery judgement', () => {
  const baseline = [placed('b1', 'before', -70), placed('b2', 'before', -65)];

  it('recovers at the first call after which every call is served normally', () => {
    const result = judge(
      [
        ...baseline,
        placed('o1', 'overload', -30, 'callback'),
        placed('o2', 'overload', -10, 'refused'),
        placed('o3', 'overload', -5, 'door'),
        placed('a1', 'after', 0.5, { offeredAfter: 5_000 }), // waited in the queue
        placed('a2', 'after', 4, { queuedAfter: 30_000 }), // held in a slow IVR
        placed('a3', 'after', 7.25),
        placed('a4', 'after', 9),
      ],
      ['o2'],
    );
    expect(result).toMatchObject({
      recovered: true,
      recoverySeconds: 7.3,
      placed: { before: 2, overload: 3, after: 4 },
      servedNormally: { before: 2, overload: 0, after: 2 },
      shed: { overload: 3, after: 0 },
      afterOffPath: { 'offer wait too long': 1, 'arrival to offer slower than the baseline': 1 },
    });
  });

  it('is 0 s when every call after the overload is served normally', () => {
    expect(judge([...baseline, placed('a1', 'after', 0.2), placed('a2', 'after', 1)])).toMatchObject({
      recovered: true,
      recoverySeconds: 0,
    });
  });

  it('has not recovered when the last call is still not served normally', () => {
    const result = judge([...baseline, placed('a1', 'after', 1), placed('a2', 'after', 9, 'lost')]);
    expect(result).toMatchObject({ recovered: false, recoverySeconds: 10 });
    expect(result.afterOffPath).toEqual({ 'the call never left the IVR in N s': 1 });
  });

  it('counts a caller shed after the overload as not yet normal', () => {
    const result = judge([...baseline, placed('a1', 'after', 2, 'callback'), placed('a2', 'after', 3)]);
    expect(result).toMatchObject({ recovered: true, recoverySeconds: 3, shed: { overload: 0, after: 1 } });
  });

  it('by p99: a window of 100 or more calls may hold 1 % off the path, and a smaller one none', () => {
    const rows = [...baseline];
    // 0–5 s: 10 calls, one slow: bad (a window under 100 calls allows none).
    for (let i = 0; i < 10; i++) rows.push(placed(`w0-${i}`, 'after', i * 0.5, i === 3 ? { offeredAfter: 5_000 } : {}));
    // 5–10 s: 200 calls, two slow (1 %): normal by p99, yet the strict judgement waits past the last.
    for (let i = 0; i < 200; i++)
      rows.push(placed(`w1-${i}`, 'after', 5 + i * 0.024, i === 50 || i === 190 ? { offeredAfter: 5_000 } : {}));
    const result = judge(rows);
    expect(result).toMatchObject({ recoveredP99: true, recoveryP99Seconds: 5, recovered: true });
    expect(result.recoverySeconds).toBeCloseTo(9.6, 1);
  });

  it('by p99: three slow calls in 200 keep that window off, and a last window off has not recovered', () => {
    const rows = [...baseline];
    for (let i = 0; i < 200; i++)
      rows.push(placed(`w0-${i}`, 'after', i * 0.024, i < 3 ? { offeredAfter: 5_000 } : {}));
    for (let i = 0; i < 5; i++) rows.push(placed(`w1-${i}`, 'after', 5 + i, {}));
    expect(judge(rows)).toMatchObject({ recoveredP99: true, recoveryP99Seconds: 5 });
    rows.push(placed('late', 'after', 9.9, 'lost'));
    expect(judge(rows)).toMatchObject({ recoveredP99: false, recoveryP99Seconds: 10, recovered: false });
  });

  it('by p99: a call placed a moment after the phase ends counts in its last window', () => {
    const rows = [...baseline, placed('a1', 'after', 1), placed('late', 'after', 9.5, 'lost')];
    rows.push(placed('later', 'after', 10.02));
    expect(judge(rows)).toMatchObject({ recoveredP99: false, recoveryP99Seconds: 10 });
  });
});
