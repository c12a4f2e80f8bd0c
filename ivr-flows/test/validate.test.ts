import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { defaultFlowsDir, loadFlowSet, validateFlowFiles } from '../src/index';
import { compileFlowSet } from '../src/validate/flow-set';
import { TEST_PROMPTS } from './helpers';

const brokenDir = fileURLToPath(new URL('./fixtures/broken', import.meta.url));

/** Every broken fixture and exactly the problems `validate` must report for it (line: message). */
const EXPECTED: Record<string, string[]> = {
  'bad-hours.calendar.yaml': [
    "4: bad time range '13:00-10:00': end is not after start",
    "5: bad time range '9-12': '9' is not a time of day",
  ],
  'collect-min-above-max.yaml': ["8: collect 'ask': minLength 12 is above maxLength 11"],
  'duplicate-digit.yaml': ["9: menu 'menu': duplicate digit '1'"],
  'duplicate-node-id.yaml': ["6: duplicate node id 'a'"],
  'loop-without-input.yaml': [
    '4: loop with no input: hello → check → hello',
    '5: loop with no input: check → mark → check',
  ],
  'menu-without-invalid-handling.yaml': [
    "5: menu 'menu' has no invalid handling (invalidPrompts)",
    "5: menu 'menu' has no onFail target for when retries run out",
  ],
  'menu-without-timeout.yaml': ["5: menu 'menu' has no timeoutMs"],
  'missing-prompt.yaml': ["4: prompt 'no-such-prompt' has no text in the prompt catalogue"],
  'return-in-entry-flow.yaml': ["4: node 'a': return outside a sub-flow (flow 'main' is the entry flow)"],
  'unknown-field.yaml': ["5: node 'a': missing field 'next'", "7: node 'a': unknown field 'nxt'"],
  'unknown-node-type.yaml': [
    "4: node 'a': unknown node type 'playback' (known: play, menu, collect, condition, set, subflow, return, queue, transfer, callback, sms, hangup)",
  ],
  'unknown-partner.yaml': [
    "4: node 't': unknown partner 'fta1381' (known: motie, fta1380, msit1379, moel, fsc, nts, customs, pps, kipo)",
  ],
  'unknown-queue.yaml': [
    "4: node 'q': unknown queue 'loans' (known: fund, startup, merchant, rnd, export, hr, general)",
  ],
  'unknown-sms-topic.yaml': [
    "4: node 'pick': unknown sms topic 'loan-rates' (known: fund-notices, startup-programs, policy-calendar)",
    "5: node 'send': unknown sms topic 'fund-notice' (known: fund-notices, startup-programs, policy-calendar)",
  ],
  'unknown-subflow.yaml': ["4: node 'call': unknown sub-flow 'startups'"],
  'unknown-target.yaml': ["10: node 'menu': unknown target 'nowhere' (digit 2)"],
  'unknown-validator.yaml': ["10: collect 'ask': unknown validator 'corpNo' (known: bizRegNo, phoneKr, mobileKr)"],
  'unreachable.yaml': ["6: node 'orphan' is unreachable from entry 'hello'"],
  'yaml-syntax.yaml': ['5: YAML: Flow map in block collection must be sufficiently indented and end with a }'],
};

describe('broken fixtures', () => {
  const files = readdirSync(brokenDir)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  it('every fixture has an expectation and vice versa', () => {
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });
  it.each(files)('%s fails with the precise message', (name) => {
    const file = join(brokenDir, name);
    const problems = validateFlowFiles([file]);
    expect(problems.every((p) => p.file === `ivr-flows/test/fixtures/broken/${name}`)).toBe(true);
    expect(problems.map((p) => `${p.line}: ${p.message}`)).toEqual(EXPECTED[name]);
  });
});

describe('the shipped 1357 flow set', () => {
  it('validates clean and compiles with main as entry', async () => {
    expect(validateFlowFiles([defaultFlowsDir])).toEqual([]);
    const set = await loadFlowSet(defaultFlowsDir);
    expect(set.problems).toEqual([]);
    expect(set.entry?.entryFlow).toBe('main');
    expect(set.version).toMatch(/^[0-9a-f]{12}$/);
    expect(Object.keys(set.flows).sort()).toEqual([
      'after-hours',
      'callback-number',
      'export',
      'main',
      'rnd',
      'sms',
      'startup',
    ]);
  });

  it('reaches every queue of contracts QUEUES and the FTA partner', async () => {
    const set = await loadFlowSet(defaultFlowsDir);
    const nodes = Object.values(set.flows).flatMap((f) => Object.values(f.nodes));
    const queues = new Set(nodes.flatMap((n) => (n.type === 'queue' ? [n.queue] : [])));
    expect([...queues].sort()).toEqual(['export', 'fund', 'general', 'hr', 'merchant', 'rnd', 'startup']);
    expect(nodes.some((n) => n.type === 'transfer' && n.partner === 'fta1380')).toBe(true);
  });

  it('a prompt with empty text in the prompt file is a problem at its line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ivr-prompt-texts-'));
    try {
      const texts = join(dir, 'ko.yaml');
      writeFileSync(texts, 'notice: 녹음 안내입니다.\ngoodbye: ""\nBad_Id: 텍스트\n');
      const problems = validateFlowFiles([join(brokenDir, 'unreachable.yaml')], { promptTextsFile: texts });
      // Problems come sorted by file path; where the checkout and the temp dir sit decides which file is first.
      expect(
        problems.map((p) => `${p.file.endsWith('/ko.yaml') ? 'ko.yaml' : 'flow'}:${p.line}: ${p.message}`).sort(),
      ).toEqual([
        "flow:6: node 'orphan' is unreachable from entry 'hello'",
        "flow:6: prompt 'goodbye' has no text in the prompt catalogue",
        "ko.yaml:2: prompt 'goodbye' has no text",
        "ko.yaml:3: bad prompt id 'Bad_Id'",
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a missing folder is a problem, not a throw', async () => {
    const set = await loadFlowSet('/nonexistent/flows');
    expect(set.entry).toBeNull();
    expect(set.problems[0]?.message).toMatch(/cannot read flow folder/);
  });
});

const compile = (files: Record<string, string>) =>
  compileFlowSet(
    Object.entries(files).map(([file, text]) => ({ file, text })),
    { prompts: TEST_PROMPTS },
  ).problems.map((p) => `${p.file}:${p.line}: ${p.message}`);

describe('checks across files', () => {
  const main = (body: string) => `flow: main\nentry: a\nnodes:\n${body}`;
  it('duplicate flow ids and node ids', () => {
    expect(
      compile({
        'main.yaml': main('  a: { type: subflow, flow: sub }\n'),
        'sub.yaml': 'flow: sub\nentry: a\nnodes:\n  a: { type: hangup }\n',
        'sub2.yaml': 'flow: sub\nentry: z\nnodes:\n  z: { type: hangup }\n',
      }),
    ).toEqual([
      "sub.yaml:4: node id 'a' is also used in flow 'main' (node ids are unique across the set)",
      "sub2.yaml:1: duplicate flow id 'sub' (also in sub.yaml)",
    ]);
  });
  it('recursive sub-flow calls, flows never called, a returning sub-flow called without next', () => {
    expect(
      compile({
        'main.yaml': main('  a: { type: subflow, flow: x }\n'),
        'x.yaml': 'flow: x\nentry: x1\nnodes:\n  x1: { type: subflow, flow: y, next: x2 }\n  x2: { type: return }\n',
        'y.yaml': 'flow: y\nentry: y1\nnodes:\n  y1: { type: subflow, flow: x, next: y2 }\n  y2: { type: return }\n',
        'z.yaml': 'flow: z\nentry: z1\nnodes:\n  z1: { type: hangup }\n',
      }),
    ).toEqual([
      "main.yaml:4: node 'a': sub-flow 'x' can return but the call has no next",
      'x.yaml:1: recursive sub-flow call: x → y → x',
      "z.yaml:1: flow 'z' is never called",
    ]);
  });
  it('no entry flow in a set of several', () => {
    expect(
      compile({
        'a.yaml': 'flow: a\nentry: a1\nnodes:\n  a1: { type: hangup }\n',
        'b.yaml': 'flow: b\nentry: b1\nnodes:\n  b1: { type: hangup }\n',
      }),
    ).toEqual(["a.yaml:1: no entry flow: name one flow 'main'"]);
  });
});

/** A small seeded PRNG so a failing fuzz case can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('fuzz: any input gives only Problems', () => {
  const shipped = readdirSync(defaultFlowsDir).map((f) => readFileSync(join(defaultFlowsDir, f), 'utf8'));
  const tokens = [
    '{',
    '}',
    '[',
    ']',
    ':',
    '- ',
    '&a',
    '*a',
    '!!binary',
    '\t',
    '\n',
    '"',
    "'",
    'type: menu',
    'options: 1',
    'next: next',
    '#',
    '---',
    '...',
    '%YAML 1.2',
    'null',
    '~',
    '<<: *a',
    '?',
    '|',
    '>',
    '\u0000',
    '한글',
  ];

  function mutate(r: () => number, text: string): string {
    const lines = text.split('\n');
    for (let k = 0; k < 1 + Math.floor(r() * 4); k++) {
      const i = Math.floor(r() * lines.length);
      const op = Math.floor(r() * 4);
      if (op === 0) lines.splice(i, 1);
      else if (op === 1) lines.splice(i, 0, tokens[Math.floor(r() * tokens.length)]!);
      else if (op === 2) lines[i] = (lines[i] ?? '').slice(0, Math.floor(r() * (lines[i]?.length ?? 0)));
      else lines[i] = `${lines[i] ?? ''}${tokens[Math.floor(r() * tokens.length)]}`;
    }
    return lines.join('\n');
  }

  function randomValue(r: () => number, depth: number): unknown {
    const pick = Math.floor(r() * (depth > 3 ? 4 : 7));
    switch (pick) {
      case 0:
        return Math.floor(r() * 1e6) - 500;
      case 1:
        return ['menu', 'play', 'fund', 'main', '1', '', 'a-b', 'collect', 'return'][Math.floor(r() * 9)];
      case 2:
        return r() < 0.5;
      case 3:
        return null;
      case 4:
        return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1));
      default: {
        const keys = [
          'flow',
          'entry',
          'nodes',
          'type',
          'next',
          'options',
          'prompts',
          'queue',
          'timeoutMs',
          'onFail',
          'check',
          'then',
          'else',
          'var',
          '1',
          'x',
        ];
        return Object.fromEntries(
          Array.from({ length: Math.floor(r() * 5) }, () => [
            keys[Math.floor(r() * keys.length)]!,
            randomValue(r, depth + 1),
          ]),
        );
      }
    }
  }

  function assertOnlyProblems(files: Record<string, string>) {
    const result = compileFlowSet(
      Object.entries(files).map(([file, text]) => ({ file, text })),
      { prompts: TEST_PROMPTS },
    );
    for (const p of result.problems) {
      expect(typeof p.message).toBe('string');
      expect(Number.isInteger(p.line) && p.line >= 1).toBe(true);
      expect(p.message).not.toMatch(/internal validator error/);
    }
  }

  it('random bytes', () => {
    const r = rng(1357);
    for (let i = 0; i < 300; i++) {
      const bytes = Buffer.from(Array.from({ length: Math.floor(r() * 200) }, () => Math.floor(r() * 256)));
      assertOnlyProblems({ 'main.yaml': bytes.toString('utf8') });
    }
  });

  it('mutated shipped flows', () => {
    const r = rng(42);
    for (let i = 0; i < 150; i++) {
      const text = shipped[Math.floor(r() * shipped.length)]!;
      assertOnlyProblems({ 'main.yaml': mutate(r, text), 'calendar.yaml': mutate(r, shipped[0]!) });
    }
  });

  it('random structures', () => {
    const r = rng(7);
    for (let i = 0; i < 300; i++) {
      const doc = {
        flow: 'main',
        entry: 'a',
        nodes: randomValue(r, 0),
        ...(r() < 0.3 ? (randomValue(r, 1) as object) : {}),
      };
      assertOnlyProblems({ 'main.yaml': stringify(doc) });
      assertOnlyProblems({ 'x.calendar.yaml': stringify(randomValue(r, 0)) });
    }
  });

  it('an alias bomb is a problem, not a hang', () => {
    const bomb =
      'a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c]\n';
    const problems = compile({ 'main.yaml': bomb });
    expect(problems.length).toBeGreaterThan(0);
  });
});
