import { readdirSync, readFileSync } from 'node:fs';

/**
 * The CPU the whole site spent, by role: every process of the load runs shares the machine's two
 * cores, so a change that saves telephony a millisecond per call but costs pbx-sim or PostgreSQL
 * two is a loss that telephony's own figure hides. And a ramp's pass/fail at the edge varies more
 * between runs than the changes move it (docs/bench-history.md, 2026-12-04 evening): CPU per call
 * at a rate every run keeps is the steadier way to compare two versions.
 *
 * Read from /proc (Linux): each process's utime + stime, in clock ticks.
 */
export type SiteRole = 'telephony' | 'pbx-sim' | 'crm-api' | 'postgres' | 'redis' | 'bench';

/** CPU seconds by role at one moment, per process (a process's share is its change between two). */
export type SiteCpuSample = Map<number, { role: SiteRole; seconds: number }>;

/** USER_HZ on Linux: /proc counts CPU time in hundredths of a second. */
const TICKS_PER_S = 100;

/** Which part of the site a process is, from its command name and line; null for anything else. */
export function roleOf(comm: string, cmdline: string, benchPid: number, pid: number): SiteRole | null {
  if (pid === benchPid) return 'bench';
  if (comm === 'postgres') return 'postgres';
  if (comm === 'redis-server') return 'redis';
  if (/telephony\/src\/main\.ts/.test(cmdline)) return 'telephony';
  if (/pbx-sim\/src\/main\.ts/.test(cmdline)) return 'pbx-sim';
  if (/crm-api\/src\/main\.ts/.test(cmdline)) return 'crm-api';
  return null;
}

/** utime + stime of a /proc/<pid>/stat line, in seconds (the 12th and 13th fields after the command name). */
export function statSeconds(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S;
}

/** Every site process's CPU seconds now. A process that goes while being read is skipped. */
export function sampleSiteCpu(benchPid = process.pid): SiteCpuSample {
  const sample: SiteCpuSample = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    try {
      const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      const role = roleOf(comm, cmdline, benchPid, pid);
      if (role) sample.set(pid, { role, seconds: statSeconds(readFileSync(`/proc/${pid}/stat`, 'utf8')) });
    } catch {
      // Gone between the listing and the read.
    }
  }
  return sample;
}

/**
 * CPU seconds by role between two samples. A process born in between counts from zero; one that
 * ended in between is not in `after` and its share is lost (none of the site's processes ends
 * during a step).
 */
export function siteCpuBetween(before: SiteCpuSample, after: SiteCpuSample): Record<SiteRole, number> {
  const out: Record<SiteRole, number> = { telephony: 0, 'pbx-sim': 0, 'crm-api': 0, postgres: 0, redis: 0, bench: 0 };
  for (const [pid, { role, seconds }] of after) out[role] += seconds - (before.get(pid)?.seconds ?? 0);
  for (const role of Object.keys(out) as SiteRole[]) out[role] = Math.round(out[role] * 100) / 100;
  return out;
}
