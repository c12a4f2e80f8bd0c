import { createSocket } from 'node:dgram';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimUdpRange as claimRange, type UdpRangeClaim } from '../src/testbed/ports';

// Its own claims folder: filling every block must not starve the Asterisk of a test running beside it.
const CLAIMS = mkdtempSync(path.join(tmpdir(), 'cc1357-claims-test-'));
const claimUdpRange = (size: number) => claimRange(size, '127.0.0.1', CLAIMS);
const BLOCKS = (32_768 - 20_000) / 4;
const blockOf = (port: number) => (port - 20_000) / 4;
const lockFile = (block: number) => path.join(CLAIMS, String(block));
const overlap = (a: UdpRangeClaim, b: UdpRangeClaim) => a.start <= b.end && b.start <= a.end;

/** Fills every unclaimed block but `except` with a lock owned by `pid`; returns a cleanup. */
function lockAllBut(except: Set<number>, pid: string): () => void {
  const written: string[] = [];
  for (let block = 0; block < BLOCKS; block++) {
    if (except.has(block)) continue;
    try {
      writeFileSync(lockFile(block), pid, { flag: 'wx' });
      written.push(lockFile(block));
    } catch {
      // already held: leave it
    }
  }
  return () => {
    for (const file of written) if (existsSync(file) && readFileSync(file, 'utf8') === pid) rmSync(file);
  };
}

describe('claimUdpRange', () => {
  it('hands out even ranges below the ephemeral ports that never overlap while held', async () => {
    const claims: UdpRangeClaim[] = [];
    for (let i = 0; i < 40; i++) claims.push(await claimUdpRange(i % 5 === 0 ? 200 : 4));
    try {
      for (const claim of claims) {
        expect(claim.start % 2).toBe(0);
        expect(claim.start).toBeGreaterThanOrEqual(20_000);
        expect(claim.end).toBeLessThan(32_768);
      }
      for (let i = 0; i < claims.length; i++)
        for (let j = i + 1; j < claims.length; j++) expect(overlap(claims[i]!, claims[j]!)).toBe(false);
    } finally {
      for (const claim of claims) claim.release();
    }
  });

  it('releases its lock files once, however often release is called', async () => {
    const claim = await claimUdpRange(4);
    expect(readFileSync(lockFile(blockOf(claim.start)), 'utf8')).toBe(String(process.pid));
    claim.release();
    claim.release();
    expect(existsSync(lockFile(blockOf(claim.start)))).toBe(false);
  });

  it('finds the one block left free, skipping one whose ports something outside the claims bound', async () => {
    const probe = await claimUdpRange(8);
    probe.release();
    const [squatted, free] = [blockOf(probe.start), blockOf(probe.start) + 1];
    const squatter = createSocket('udp4');
    await new Promise<void>((resolve) => squatter.bind(probe.start + 1, '127.0.0.1', () => resolve()));
    const cleanup = lockAllBut(new Set([squatted, free]), String(process.pid));
    try {
      const claim = await claimUdpRange(4);
      expect(claim.start).toBe(probe.start + 4);
      claim.release();
    } finally {
      cleanup();
      await new Promise<void>((resolve) => squatter.close(() => resolve()));
    }
  });

  it('takes over a block whose owner died', async () => {
    const probe = await claimUdpRange(4);
    probe.release();
    // A pid above Linux's pid_max: no such process.
    writeFileSync(lockFile(blockOf(probe.start)), '99999999');
    const cleanup = lockAllBut(new Set([blockOf(probe.start)]), String(process.pid));
    try {
      const claim = await claimUdpRange(4);
      expect(claim.start).toBe(probe.start);
      expect(readFileSync(lockFile(blockOf(claim.start)), 'utf8')).toBe(String(process.pid));
      claim.release();
    } finally {
      cleanup();
    }
  });
});
