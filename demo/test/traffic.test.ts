import { describe, expect, it } from 'vitest';
import { DEFAULT_MIX } from '../src/caller-plan';
import { parseDemoOptions } from '../src/options';
import {
  DEFAULT_RATE,
  DEMO_STAFFING,
  erlangC,
  fittingRate,
  groupLoads,
  serviceLevel,
  TARGET_OCCUPANCY,
  TARGET_SERVICE_LEVEL,
  worstGroups,
  type Staffing,
} from '../src/traffic';

const noLoss = { ...DEFAULT_MIX, abandonShare: 0, ivrHangupShare: 0 };

describe('demo traffic fits the staffed agents', () => {
  it('Erlang C: textbook values', () => {
    expect(erlangC(1, 0.5)).toBeCloseTo(0.5); // one agent: a caller waits as often as the agent is busy
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3);
    expect(erlangC(2, 2)).toBe(1);
    expect(serviceLevel(1, 0.5, 20, 60)).toBeCloseTo(1 - 0.5 * Math.exp((-0.5 * 20) / 60));
    expect(serviceLevel(3, 0, 20, 60)).toBe(1);
    expect(serviceLevel(2, 3, 20, 60)).toBe(0);
  });

  it('one queue, two agents, a minute per call: busy share and service level bound the rate', () => {
    const staffing: Staffing = {
      agents: [['fund'], ['fund']],
      choices: [{ digits: '1', queue: 'fund', weight: 1 }],
      mix: noLoss,
      handleSeconds: 60,
    };
    expect(worstGroups(staffing, 2).busiest.occupancy).toBeCloseTo(1);
    expect(fittingRate(staffing, { occupancy: 0.5, serviceLevel: 0 })).toBe(1);
    // At 1 call/min (1 Erlang on 2 agents) only 76 % are answered within 20 s; 0.75/min makes 85 %.
    expect(fittingRate(staffing, { occupancy: 0.5, serviceLevel: 0.8 })).toBe(0.75);
  });

  it('a queue only one agent can take is the bottleneck, however idle the rest of the floor', () => {
    const staffing: Staffing = {
      agents: [['fund'], ['fund'], ['fund'], ['startup']],
      choices: [
        { digits: '1', queue: 'fund', weight: 1 },
        { digits: '21', queue: 'startup', weight: 1 },
      ],
      mix: noLoss,
      handleSeconds: 60,
    };
    expect(worstGroups(staffing, 1)).toMatchObject({
      busiest: { queues: ['startup'], occupancy: 0.5 },
      worstServed: { queues: ['startup'] },
    });
  });

  it('the default rate keeps every group of queues at most half busy, answering 80 % within 20 s', () => {
    expect(parseDemoOptions([], {}).rate).toBe(DEFAULT_RATE);
    expect(DEFAULT_RATE).toBeGreaterThanOrEqual(0.5);
    for (const group of groupLoads(DEMO_STAFFING, DEFAULT_RATE)) {
      expect(group.occupancy, group.queues.join('+')).toBeLessThanOrEqual(TARGET_OCCUPANCY);
      expect(group.serviceLevel, group.queues.join('+')).toBeGreaterThanOrEqual(TARGET_SERVICE_LEVEL);
    }
    // The old default (6/min) asked more than the simulated agents can answer: queues only grow.
    expect(worstGroups(DEMO_STAFFING, 6).busiest.occupancy).toBeGreaterThan(1);
    expect(parseDemoOptions(['--rate', '6'], {}).rate).toBe(6);
  });
});

describe('demo options', () => {
  it('the smoke run serves a console only on the port it is given; the demo defaults to 8080', () => {
    expect(parseDemoOptions(['--smoke'], {}).port).toBeNull();
    expect(parseDemoOptions(['--smoke', '--port', '9123'], {}).port).toBe(9123);
    expect(parseDemoOptions([], {}).port).toBe(8080);
  });

  it('both runs read DATABASE_URL', () => {
    const env = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/elsewhere' };
    expect(parseDemoOptions(['--smoke'], env).databaseUrl).toBe(env.DATABASE_URL);
    expect(parseDemoOptions([], env).databaseUrl).toBe(env.DATABASE_URL);
  });
});
