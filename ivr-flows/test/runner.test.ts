import { describe, expect, it } from 'vitest';
import { startIvr, stepIvr } from '../src/runner/machine';
import { AT_OPEN, buildFlow, runTable } from './helpers';

const menuFlow = buildFlow({
  'main.yaml': `
flow: main
entry: hello
nodes:
  hello: { type: play, prompts: [hello], bargeIn: true, next: menu }
  menu:
    type: menu
    prompts: [menu]
    options: { '1': q1, '2': sub, '3': play-on }
    timeoutMs: 5000
    retries: 1
    invalidPrompts: [invalid]
    timeoutPrompts: [noinput]
    onFail: fail
  play-on: { type: play, prompts: [info], next: menu }
  sub: { type: subflow, flow: sub, next: after-sub }
  after-sub: { type: queue, queue: general }
  q1: { type: queue, queue: fund, priority: 2, prompts: [connect] }
  fail: { type: hangup, reason: menu-failed, prompts: [bye] }
`,
  'sub.yaml': `
flow: sub
entry: sub-menu
nodes:
  sub-menu:
    type: menu
    prompts: [menu]
    options: { '1': sub-done }
    timeoutMs: 4000
    invalidPrompts: [invalid]
    onFail: sub-done
  sub-done: { type: return }
`,
});

describe('play node', () => {
  it.each([
    [
      'plays, then moves on when the prompt finishes',
      ['done'],
      [
        ['step hello', 'play hello barge'],
        ['step menu', 'play menu barge'],
      ],
    ],
    ['ignores a stale promptFinished', ['stale-play'], [['step hello', 'play hello barge'], []]],
    [
      'barge-in: a digit stops the prompt and the menu handles it',
      ['d 1'],
      [
        ['step hello', 'play hello barge'],
        ['stopPlay', 'step menu', 'step q1', 'play connect'],
      ],
    ],
  ])('%s', (_name, events, expected) => {
    expect(runTable(menuFlow, events).rows).toEqual(expected);
  });

  it('without bargeIn a digit during the prompt is ignored', () => {
    const flow = buildFlow({
      'main.yaml':
        'flow: main\nentry: a\nnodes:\n  a: { type: play, prompts: [hello], next: b }\n  b: { type: hangup }\n',
    });
    expect(runTable(flow, ['d 1', 'done']).rows).toEqual([
      ['step a', 'play hello'],
      [],
      ['step b', 'finish hangup completed'],
    ]);
  });
});

describe('menu node', () => {
  it.each([
    [
      'timer starts after the prompt; a valid digit branches',
      ['done', 'done', 'd 1', 'done'],
      [
        ['step hello', 'play hello barge'],
        ['step menu', 'play menu barge'],
        ['timer 5000'],
        ['cancelTimer', 'step q1', 'play connect'],
        ['finish queue fund 2'],
      ],
    ],
    [
      'invalid digit re-prompts with the invalid prompt, then onFail',
      ['done', 'done', 'd 9', 'done', 'd 8'],
      [
        ['step hello', 'play hello barge'],
        ['step menu', 'play menu barge'],
        ['timer 5000'],
        ['cancelTimer', 'play invalid+menu barge'],
        ['timer 5000'],
        ['cancelTimer', 'step fail', 'play bye'],
      ],
    ],
    [
      'timeouts re-prompt with the timeout prompt, then onFail',
      ['done', 'done', 'timeout', 'done', 'timeout'],
      [
        ['step hello', 'play hello barge'],
        ['step menu', 'play menu barge'],
        ['timer 5000'],
        ['play noinput+menu barge'],
        ['timer 5000'],
        ['step fail', 'play bye'],
      ],
    ],
    [
      '* repeats the menu without using a retry',
      ['done', 'done', 'd *', 'done', 'd 9', 'done', 'd 1'],
      [
        ['step hello', 'play hello barge'],
        ['step menu', 'play menu barge'],
        ['timer 5000'],
        ['cancelTimer', 'play menu barge'],
        ['timer 5000'],
        ['cancelTimer', 'play invalid+menu barge'],
        ['timer 5000'],
        ['cancelTimer', 'step q1', 'play connect'],
      ],
    ],
    [
      'a digit during the menu prompt barges in',
      ['done', 'd 1'],
      [
        ['step hello', 'play hello barge'],
        ['step menu', 'play menu barge'],
        ['stopPlay', 'step q1', 'play connect'],
      ],
    ],
    [
      '# in the first menu counts as invalid',
      ['done', 'done', 'd #'],
      [
        ['step hello', 'play hello barge'],
        ['step menu', 'play menu barge'],
        ['timer 5000'],
        ['cancelTimer', 'play invalid+menu barge'],
      ],
    ],
    [
      'a stale timer is ignored',
      ['done', 'done', 'stale-timer'],
      [['step hello', 'play hello barge'], ['step menu', 'play menu barge'], ['timer 5000'], []],
    ],
  ])('%s', (_name, events, expected) => {
    expect(runTable(menuFlow, events).rows).toEqual(expected);
  });

  it('# goes back to the previous menu, even out of a sub-flow', () => {
    const { rows, state } = runTable(menuFlow, ['d 2', 'done', 'd #']);
    expect(rows[1]).toEqual(['stopPlay', 'step menu', 'step sub', 'step sub-menu', 'play menu barge']);
    expect(rows[3]).toEqual(['cancelTimer', 'step menu', 'play menu barge']);
    expect(state.stack).toEqual([]);
    expect(state.at).toEqual({ flow: 'main', node: 'menu' });
  });

  it("a sub-flow return continues at the call node's next", () => {
    const { rows } = runTable(menuFlow, ['d 2', 'd 1']);
    expect(rows[2]).toEqual(['stopPlay', 'step sub-done', 'step after-sub', 'finish queue general 0']);
  });

  it('finish carries the path of node ids', () => {
    let step = startIvr(menuFlow, { callId: 'c', callerNumber: null }, AT_OPEN);
    step = stepIvr(menuFlow, step.state, { type: 'digit', digit: '3' }, AT_OPEN);
    step = stepIvr(menuFlow, step.state, { type: 'promptFinished', playId: step.state.playId! }, AT_OPEN);
    step = stepIvr(menuFlow, step.state, { type: 'digit', digit: '1' }, AT_OPEN);
    step = stepIvr(menuFlow, step.state, { type: 'promptFinished', playId: step.state.playId! }, AT_OPEN);
    const finish = step.effects.find((e) => e.type === 'finish');
    expect(finish).toEqual({
      type: 'finish',
      outcome: { kind: 'queue', queue: 'fund', priority: 2 },
      path: ['hello', 'menu', 'play-on', 'menu', 'q1'],
      vars: {},
    });
  });
});

const collectFlow = buildFlow({
  'main.yaml': `
flow: main
entry: ask
nodes:
  ask:
    type: collect
    var: biz
    prompts: [enter]
    minLength: 10
    maxLength: 10
    timeoutMs: 6000
    interDigitTimeoutMs: 2000
    validator: bizRegNo
    retries: 1
    invalidPrompts: [bad]
    next: ok
    onFail: fail
  ok: { type: sms, topic: fund-notices, numberVar: nope }
  fail: { type: hangup, reason: no-biz }
`,
});

const typed = (digits: string) => [...digits].map((d) => `d ${d}`);

describe('collect node', () => {
  it('reads up to maxLength, checks the 사업자등록번호 checksum and stores it', () => {
    const { rows, state } = runTable(collectFlow, ['done', ...typed('1248100998'), 'answer ok']);
    expect(rows[1]).toEqual(['timer 6000']);
    expect(rows[2]).toEqual(['cancelTimer', 'timer 2000']);
    expect(rows.at(-2)).toEqual(['cancelTimer', 'step ok', 'request sms fund-notices 0212345678']);
    expect(rows.at(-1)).toEqual(['finish sms fund-notices 0212345678']);
    expect(state.vars.biz).toBe('1248100998');
    expect(runTable(collectFlow, ['done', ...typed('1248100998')]).state.path).toEqual(['ask', 'ok']);
  });

  it.each([
    [
      'a bad checksum re-prompts with the invalid prompt',
      [...typed('1248100997')],
      ['cancelTimer', 'play bad+enter barge'],
    ],
    [
      'the terminator ends a short entry (too short → invalid)',
      [...typed('123'), 'd #'],
      ['cancelTimer', 'play bad+enter barge'],
    ],
    ['inter-digit timeout ends the entry', [...typed('123'), 'timeout'], ['play bad+enter barge']],
    [
      'no digit at all is a timeout (timeout prompts default to invalid prompts)',
      ['timeout'],
      ['play bad+enter barge'],
    ],
    ['* starts the entry over', [...typed('12'), 'd *'], ['cancelTimer', 'play enter barge']],
  ])('%s', (_name, events, lastRow) => {
    expect(runTable(collectFlow, ['done', ...events]).rows.at(-1)).toEqual(lastRow);
  });

  it('goes to onFail after the retries', () => {
    const { rows } = runTable(collectFlow, ['done', 'timeout', 'done', 'timeout']);
    expect(rows.at(-1)).toEqual(['step fail', 'finish hangup no-biz']);
  });

  it('digits typed during the prompt barge in and count', () => {
    const { rows, state } = runTable(collectFlow, typed('12'));
    expect(rows[1]).toEqual(['stopPlay', 'timer 2000']);
    expect(state.digits).toBe('12');
  });
});

const condFlow = buildFlow({
  'main.yaml': `
flow: main
entry: open
nodes:
  open: { type: condition, check: businessHours, then: known, else: closed }
  known: { type: condition, check: callerKnown, then: vip, else: wait }
  wait: { type: condition, check: waitAbove, queue: fund, seconds: 300, then: long, else: short }
  vip: { type: queue, queue: fund, priority: 1 }
  long: { type: callback, queue: fund }
  short: { type: set, var: route, value: short, next: check-var }
  check-var: { type: condition, check: var, var: route, equals: short, then: q, else: closed }
  q: { type: queue, queue: fund }
  closed: { type: hangup, reason: closed }
`,
});

describe('condition node', () => {
  it.each([
    [
      'closed hours take else',
      [],
      new Date('2026-12-01T20:00:00+09:00'),
      [['step open', 'step closed', 'finish hangup closed']],
    ],
    [
      'a holiday takes else (추석 2026-09-25)',
      [],
      new Date('2026-09-25T10:00:00+09:00'),
      [['step open', 'step closed', 'finish hangup closed']],
    ],
    [
      'asks the driver whether the caller is known',
      ['fact callerKnown true'],
      AT_OPEN,
      [
        ['step open', 'step known', 'query callerKnown', 'timer 3000'],
        ['cancelTimer', 'step vip', 'finish queue fund 1'],
      ],
    ],
    [
      'a long estimated wait goes to then',
      ['fact callerKnown false', 'fact ewt 600', 'answer ok'],
      AT_OPEN,
      [
        ['step open', 'step known', 'query callerKnown', 'timer 3000'],
        ['cancelTimer', 'step wait', 'query estimatedWaitSeconds fund', 'timer 3000'],
        ['cancelTimer', 'step long', 'request callback fund 0212345678'],
        ['finish callback fund 0212345678'],
      ],
    ],
    [
      'a short wait and a variable test',
      ['fact callerKnown false', 'fact ewt 10'],
      AT_OPEN,
      [
        ['step open', 'step known', 'query callerKnown', 'timer 3000'],
        ['cancelTimer', 'step wait', 'query estimatedWaitSeconds fund', 'timer 3000'],
        ['cancelTimer', 'step short', 'step check-var', 'step q', 'finish queue fund 0'],
      ],
    ],
    [
      'no answer to a query counts as false',
      ['timeout'],
      AT_OPEN,
      [
        ['step open', 'step known', 'query callerKnown', 'timer 3000'],
        ['step wait', 'query estimatedWaitSeconds fund', 'timer 3000'],
      ],
    ],
    [
      'a fact for another key is ignored',
      ['fact ewt 5'],
      AT_OPEN,
      [['step open', 'step known', 'query callerKnown', 'timer 3000'], []],
    ],
  ])('%s', (_name, events, now, expected) => {
    expect(runTable(condFlow, events, { now }).rows).toEqual(expected);
  });

  it('uses callerKnown from the start vars without a query', () => {
    expect(runTable(condFlow, [], { vars: { callerKnown: true } }).rows).toEqual([
      ['step open', 'step known', 'step vip', 'finish queue fund 1'],
    ]);
  });
});

describe('terminal nodes', () => {
  const flow = buildFlow({
    'main.yaml': `
flow: main
entry: m
nodes:
  m:
    type: menu
    prompts: [menu]
    options: { '1': t, '2': cb, '3': s, '4': h }
    timeoutMs: 5000
    invalidPrompts: [invalid]
    onFail: h
  t: { type: transfer, partner: fta1380, prompts: [connect] }
  cb: { type: callback }
  s: { type: sms, topic: policy-calendar }
  h: { type: hangup, reason: bye, prompts: [bye] }
`,
  });
  it.each([
    ['1', ['stopPlay', 'step t', 'play connect'], 'finish transfer fta1380', 'done'],
    ['2', ['stopPlay', 'step cb', 'request callback null 0212345678'], 'finish callback null 0212345678', 'answer ok'],
    [
      '3',
      ['stopPlay', 'step s', 'request sms policy-calendar 0212345678'],
      'finish sms policy-calendar 0212345678',
      'answer ok',
    ],
    ['4', ['stopPlay', 'step h', 'play bye'], 'finish hangup bye', 'done'],
  ])('digit %s', (digit, row, after, event) => {
    const { rows } = runTable(flow, [`d ${digit}`, event]);
    expect(rows[1]).toEqual(row);
    expect(rows[2]).toEqual([after]);
  });

  it('a withheld number gives a callback with no number', () => {
    const { rows } = runTable(flow, ['d 2', 'answer ok'], { caller: null });
    expect(rows[1]).toContain('request callback null null');
    expect(rows[2]).toContain('finish callback null null');
  });
});

describe('callback and SMS nodes: the confirmation only after the request was taken', () => {
  const flow = buildFlow({
    'main.yaml': `
flow: main
entry: m
nodes:
  m:
    type: menu
    prompts: [menu]
    options: { '1': cb, '2': s }
    timeoutMs: 5000
    invalidPrompts: [invalid]
    onFail: m
  cb: { type: callback, queue: fund, prompts: [connect] }
  s: { type: sms, topic: fund-notices, prompts: [info] }
`,
  });
  const apology = (id: string) => `play ${id}`;
  it.each([
    ['callback booked → confirmation', '1', 'ok', 'play connect'],
    ['callback already open → same confirmation', '1', 'duplicate', 'play connect'],
    ['callback refused → apology', '1', 'failed', apology('callback-failed')],
    ['callback with no number → apology', '1', 'notMobile', apology('callback-failed')],
    ['SMS queued → confirmation', '2', 'ok', 'play info'],
    ['SMS opted out → polite notice', '2', 'optedOut', apology('sms-opted-out')],
    ['SMS to a landline → not-mobile notice', '2', 'notMobile', apology('sms-not-mobile')],
    ['SMS failed → apology', '2', 'failed', apology('sms-failed')],
  ])('%s', (_name, digit, result, played) => {
    const { rows } = runTable(flow, [`d ${digit}`, `answer ${result}`, 'done']);
    expect(rows[1]?.at(-1)).toMatch(/^request /); // nothing plays before the answer
    expect(rows[1]?.some((e) => e.startsWith('play'))).toBe(false);
    expect(rows[2]).toEqual([played]);
    expect(rows[3]?.[0]).toMatch(/^finish (callback|sms)/);
  });

  it('a stale or early answer is ignored', () => {
    const { rows } = runTable(flow, ['answer ok', 'd 1']);
    expect(rows[1]).toEqual([]);
  });

  it('waits for the answer with no timer of its own (the driver always answers)', () => {
    const { rows, state } = runTable(flow, ['d 2']);
    expect(state.waiting).toBe('request');
    expect(state.requestId).toBeTruthy();
    expect(rows[1]?.some((e) => e.startsWith('timer'))).toBe(false);
  });
});

describe('totality', () => {
  it('any event after the finish is ignored', () => {
    const { state } = runTable(condFlow, [], { vars: { callerKnown: true } });
    expect(state.done).toBe(true);
    for (const ev of [
      { type: 'digit', digit: '1' },
      { type: 'timer', timerId: 'x' },
      { type: 'promptFinished', playId: 'y' },
    ] as const) {
      const out = stepIvr(condFlow, state, ev, AT_OPEN);
      expect(out.effects).toEqual([]);
      expect(out.state).toBe(state);
    }
  });

  it('garbage events and states never throw', () => {
    const start = startIvr(menuFlow, { callId: 'c', callerNumber: '0212345678' }, AT_OPEN);
    const garbage: unknown[] = [
      null,
      42,
      'digit',
      {},
      { type: 'digit', digit: 'x' },
      { type: 'digit' },
      { type: 'fact', key: 'nope', value: 1 },
      { type: 'timer' },
      { type: 'nonsense' },
    ];
    for (const ev of garbage) expect(stepIvr(menuFlow, start.state, ev as never, AT_OPEN).effects).toEqual([]);
    const broken = [null, {}, { ...start.state, at: { flow: 'nope', node: 'x' } }, { ...start.state, at: null }];
    for (const st of broken)
      expect(() => stepIvr(menuFlow, st as never, { type: 'digit', digit: '1' }, AT_OPEN)).not.toThrow();
  });

  it('a state that points at a node this flow version lacks ends with flow-error', () => {
    const start = startIvr(menuFlow, { callId: 'c', callerNumber: null }, AT_OPEN);
    const lost = { ...start.state, at: { flow: 'main', node: 'gone' } };
    const out = stepIvr(menuFlow, lost, { type: 'digit', digit: '1' }, AT_OPEN);
    expect(out.effects.map((e) => e.type)).toEqual(['stopPlay', 'finish']);
    expect(out.effects[1]).toMatchObject({ outcome: { kind: 'hangup', reason: 'flow-error' } });
    expect(out.state.done).toBe(true);
  });

  it('state is plain JSON and the input state is not mutated', () => {
    const start = startIvr(menuFlow, { callId: 'c', callerNumber: '0212345678' }, AT_OPEN);
    const before = JSON.stringify(start.state);
    // The original object goes in, so a step that wrote into it would show up below.
    const next = stepIvr(menuFlow, start.state, { type: 'digit', digit: '1' }, AT_OPEN);
    expect(JSON.stringify(next.state)).not.toBe(before);
    expect(JSON.stringify(start.state)).toBe(before);
    expect(JSON.parse(JSON.stringify(next.state))).toEqual(next.state);
  });

  it('a loop without input is cut by the hop guard', () => {
    // The validator rejects this set; the runner must still survive it (compiled by hand).
    const flow = structuredClone(condFlow);
    flow.flows.main!.nodes.q = { type: 'set', var: 'x', value: 1, next: 'short' };
    const { rows } = runTable(flow, ['fact callerKnown false', 'fact ewt 1']);
    expect(rows.at(-1)?.at(-1)).toBe('finish hangup loop-guard');
  });
});
