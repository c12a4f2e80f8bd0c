import { spawn } from 'node:child_process';
import { signAccessToken } from '@cc1357/contracts';
import { startCrmApi } from '@cc1357/crm-api';
import { createTestDatabase } from '@cc1357/crm-api/testing';
import pg from 'pg';
import { hashPassword } from '../../crm-api/src/domain/password';
import { percentiles, type BenchContext, type BenchResult } from '../types';

/**
 * The screen pop while someone floods the login: a real crm-api over HTTP on a throwaway
 * database; one client pops a known caller back to back while another sends 300 wrong
 * passwords for one account, 50 at a time (issue 14's attack). Three figures: pops with no
 * flood, pops during the flood as crm-api ships (login limits on), and pops during the flood
 * with the limits lifted (every guess hashed: what the hashing thread alone buys).
 * The flood runs in a child process, as an attacker's client would: its own HTTP work is not
 * charged to the event loop being measured. BENCH_FLOOD (default 300) and
 * BENCH_FLOOD_CONCURRENCY (default 50) size the flood.
 */

/** The attacker: waves of `concurrency` wrong passwords; prints the status counts as JSON. */
const FLOOD_SCRIPT = `
const [url, total, concurrency] = [process.env.URL, Number(process.env.TOTAL), Number(process.env.CONCURRENCY)];
const statuses = {};
for (let sent = 0; sent < total; sent += concurrency) {
  await Promise.all(Array.from({ length: Math.min(concurrency, total - sent) }, async (_, i) => {
    const res = await fetch(url + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'kim', password: 'wrong-' + (sent + i) }) });
    await res.arrayBuffer();
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
  }));
}
process.stdout.write(JSON.stringify(statuses));
`;

function floodFrom(url: string, total: number, concurrency: number): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', FLOOD_SCRIPT], {
      env: { ...process.env, URL: url, TOTAL: String(total), CONCURRENCY: String(concurrency) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as Record<string, number>) : reject(new Error(`flood exited ${code}`)),
    );
  });
}
const SECRET = 'bench-secret-0123456789abcdef';
const NUMBER = '01055501357';

interface Phase {
  name: string;
  limits: boolean;
  flood: boolean;
}

const PHASES: Phase[] = [
  { name: 'pop, no login flood', limits: true, flood: false },
  { name: 'pop during 300 wrong logins (limits on)', limits: true, flood: true },
  { name: 'pop during 300 wrong logins (limits off)', limits: false, flood: true },
];

export async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const total = Number(ctx.env.BENCH_FLOOD ?? 300);
  const concurrency = Number(ctx.env.BENCH_FLOOD_CONCURRENCY ?? 50);
  const results: BenchResult[] = [];
  for (const phase of PHASES) {
    const database = await createTestDatabase();
    const db = new pg.Pool({ connectionString: database.url, max: 2 });
    // Lifting the limits: more attempts allowed than the flood has (older crm-api ignores the option).
    const api = await startCrmApi({
      databaseUrl: database.url,
      authSecret: SECRET,
      port: 0,
      host: '127.0.0.1',
      logLevel: 'silent',
      ...(phase.limits ? {} : { loginLimits: { accountAttempts: 1e6, addressAttempts: 1e6 } }),
    } as Parameters<typeof startCrmApi>[0]);
    try {
      await db.query(
        `INSERT INTO users (username, display_name, role, agent_id, password_hash) VALUES ('kim', '김상담', 'counselor', '1001', $1)`,
        [await hashPassword('right-pass-1')],
      );
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO companies (biz_reg_no, name, representative, region, ksic_code, ksic_label, size_class, employees, founded_on)
         VALUES ('1018100016', '(주)한빛정밀', '홍길동', '서울특별시', 'C26', '전자부품 제조업', '소기업', 12, '2015-04-01') RETURNING id::text AS id`,
      );
      const contact = (
        await db.query<{ id: string }>(
          `INSERT INTO contacts (name, title) VALUES ('홍길동', '대표') RETURNING id::text AS id`,
        )
      ).rows[0]!.id;
      await db.query('INSERT INTO contact_companies (contact_id, company_id) VALUES ($1, $2)', [contact, rows[0]!.id]);
      await db.query(`INSERT INTO contact_phones (contact_id, number, kind) VALUES ($1, $2, 'mobile')`, [
        contact,
        NUMBER,
      ]);
      const token = await signAccessToken(
        { sub: 'telephony', username: 'telephony', role: 'service', skills: [] },
        SECRET,
        3600,
      );
      const pop = async () => {
        const t = process.hrtime.bigint();
        const res = await fetch(`${api.url}/api/callers/${NUMBER}/pop`, {
          headers: { authorization: `Bearer ${token}` },
        });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`pop answered ${res.status}`);
        return Number(process.hrtime.bigint() - t) / 1e6;
      };
      for (let i = 0; i < 20; i++) await pop();

      let statuses: Record<string, number> = {};
      let floodDone = !phase.flood;
      const flood = phase.flood
        ? floodFrom(api.url, total, concurrency).then((s) => {
            statuses = s;
            floodDone = true;
          })
        : Promise.resolve();
      const times: number[] = [];
      const floodStarted = Date.now();
      // Pops for as long as the flood lasts (at least 100 of them), or 200 without a flood.
      while (phase.flood ? !floodDone || times.length < 100 : times.length < 200) times.push(await pop());
      await flood;
      const floodSeconds = (Date.now() - floodStarted) / 1000;
      const m = percentiles(times);
      const notes = {
        flood: phase.flood
          ? { attempts: total, concurrency, statuses, seconds: Math.round(floodSeconds * 10) / 10 }
          : null,
      };
      ctx.log(
        `${phase.name}: p50 ${m.p50Ms} ms, p99 ${m.p99Ms} ms, max ${m.maxMs} ms ${phase.flood ? JSON.stringify(notes.flood) : ''}`,
      );
      results.push({ suite: 'loginFlood', name: phase.name, ...m, notes });
    } finally {
      await api.close();
      await db.end();
      await database.drop();
    }
  }
  return results;
}
