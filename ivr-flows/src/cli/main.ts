#!/usr/bin/env tsx
/**
 * `npm run ivr -- validate [files|folders…]`
 * `npm run ivr -- simulate <flow> --digits 4,2 --at 2026-12-01T10:00+09:00 --caller 0212345678 [--known] [--ewt 300] [--barge-in]`
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultFlowsDir } from '../paths';
import { formatProblems, loadFlowSet, shownPath, validateFlowFiles } from '../load/load-flow-set';
import { simulate } from '../simulate/simulate';
import { YamlSource } from '../validate/yaml-source';
import { parseArgs } from './args';

const USAGE = `usage:
  ivr validate [file.yaml|folder …]      validate files as one set (default: the shipped 1357 flows)
  ivr simulate <flow> [options]          run a flow and print every step
     <flow>: a flow id of the shipped set (main, sms, …), a folder (entry: main) or a flow file
     --digits 1,2       digit groups, typed one group per input
     --at <ISO time>    call time (default: now), e.g. 2026-12-01T10:00+09:00
     --caller <number>  caller number (omit or empty: withheld)
     --known            the CRM knows the caller
     --ewt <seconds>    estimated wait answered for every queue (default 0)
     --barge-in         type digits during prompts that allow barge-in
     --always-open      ignore business hours and holidays`;

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

async function resolveFlow(target: string): Promise<{ dir: string; entryFlow?: string }> {
  const path = resolve(target);
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return { dir: defaultFlowsDir, entryFlow: target };
  }
  if (stat.isDirectory()) return { dir: path };
  const data = new YamlSource(path, readFileSync(path, 'utf8')).data as { flow?: unknown } | undefined;
  return { dir: dirname(path), entryFlow: typeof data?.flow === 'string' ? data.flow : undefined };
}

export async function runCli(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  const args = parseArgs(rest, new Set(['known', 'barge-in', 'always-open', 'help']));
  if (command === 'validate') {
    const paths = args.positionals.length ? args.positionals : [defaultFlowsDir];
    const problems = validateFlowFiles(paths, { requireAudio: args.flags.has('require-audio') });
    if (problems.length === 0) {
      io.out(`ok: ${paths.map((p) => shownPath(resolve(p))).join(' ')}`);
      return 0;
    }
    io.out(formatProblems(problems));
    return 1;
  }
  if (command === 'simulate') {
    const target = args.positionals[0];
    if (!target) {
      io.err(USAGE);
      return 2;
    }
    const at = args.flags.get('at');
    const when = typeof at === 'string' ? new Date(at) : new Date();
    if (Number.isNaN(when.getTime())) {
      io.err(`bad --at '${String(at)}': expected an ISO time like 2026-12-01T10:00+09:00`);
      return 2;
    }
    const ewtFlag = args.flags.get('ewt');
    const ewt = typeof ewtFlag === 'string' ? Number(ewtFlag) : 0;
    if (!Number.isFinite(ewt) || ewt < 0) {
      io.err(`bad --ewt '${String(ewtFlag)}': expected seconds`);
      return 2;
    }
    const digitsFlag = args.flags.get('digits');
    const digits =
      typeof digitsFlag === 'string'
        ? digitsFlag
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : [];
    const bad = digits.find((g) => !/^[0-9*#]+$/.test(g));
    if (bad !== undefined) {
      io.err(`bad --digits group '${bad}': only 0-9, * and #`);
      return 2;
    }
    const callerFlag = args.flags.get('caller');
    const caller = typeof callerFlag === 'string' && callerFlag !== '' ? callerFlag : null;

    const { dir, entryFlow } = await resolveFlow(target);
    // The set is validated as deployed (entry: main); the simulation may then start elsewhere.
    const result = await loadFlowSet(dir, {
      calendar: args.flags.has('always-open') ? { alwaysOpen: true } : undefined,
    });
    if (!result.entry) {
      io.out(formatProblems(result.problems));
      return 1;
    }
    if (entryFlow !== undefined && !result.flows[entryFlow]) {
      io.out(`unknown flow '${entryFlow}' (flows: ${Object.keys(result.flows).join(', ')})`);
      return 1;
    }
    const flow = entryFlow === undefined ? result.entry : { ...result.entry, entryFlow };
    const known = args.flags.has('known');
    io.out(
      `simulate ${flow.entryFlow} at ${at ?? when.toISOString()} · caller ${caller ?? 'withheld'} · ${known ? 'known' : 'unknown'} · ewt ${ewt}s · digits ${digits.join(',') || '-'}`,
    );
    const sim = simulate(flow, {
      digits,
      at: when,
      caller,
      known,
      ewtSeconds: ewt,
      bargeIn: args.flags.has('barge-in'),
    });
    sim.lines.forEach((l) => io.out(l));
    return sim.outcome ? 0 : 1;
  }
  io.err(USAGE);
  return command === undefined || command === 'help' || args.flags.has('help') ? 0 : 2;
}

// Run only when executed directly (tests import runCli).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runCli(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l) })
    .then((code) => process.exit(code))
    .catch((error: unknown) => {
      console.error(`ivr: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(2);
    });
}
