import { isValidBizRegNo, KOREAN_REGIONS, QUEUES, SIZE_CLASSES } from '@cc1357/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSeedData } from '../src/seed/generate';
import { DEMO_PASSWORD, seed, seedSampleCallers } from '../src/seed/seed';
import { call, count, startTestCrm, type TestCrm } from './support/server';

describe('seed data (pure generator)', () => {
  const data = generateSeedData({ companies: 200, seed: 1357 });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateSeedData({ companies: 200, seed: 1357 })).toEqual(data);
    expect(generateSeedData({ companies: 200, seed: 7 }).companies[0]).not.toEqual(data.companies[0]);
  });

  it('companies are valid and unique', () => {
    expect(data.companies).toHaveLength(200);
    expect(data.companies.every((c) => isValidBizRegNo(c.bizRegNo))).toBe(true);
    expect(new Set(data.companies.map((c) => c.bizRegNo)).size).toBe(200);
    expect(new Set(data.companies.map((c) => c.name)).size).toBe(200);
    expect(data.companies.every((c) => (KOREAN_REGIONS as readonly string[]).includes(c.region))).toBe(true);
    expect(data.companies.every((c) => (SIZE_CLASSES as readonly string[]).includes(c.sizeClass))).toBe(true);
    expect(data.companies.every((c) => /^\d{4}-\d{2}-\d{2}$/.test(c.foundedOn) && c.employees > 0)).toBe(true);
    expect(data.companies.some((c) => c.name.startsWith('(주)'))).toBe(true);
  });

  it('contacts have mobile 010 and area-code landlines, and some numbers are shared by two companies', () => {
    const phones = data.contacts.flatMap((k) => k.phones);
    expect(phones.filter((p) => p.kind === 'mobile').every((p) => /^010\d{8}$/.test(p.number))).toBe(true);
    expect(phones.filter((p) => p.kind === 'landline').every((p) => /^0(2|[3-6]\d)\d{7,8}$/.test(p.number))).toBe(true);
    const companiesOf = new Map<string, Set<number>>();
    for (const k of data.contacts)
      for (const p of k.phones)
        for (const c of k.companies) companiesOf.set(p.number, (companiesOf.get(p.number) ?? new Set()).add(c));
    expect([...companiesOf.values()].filter((s) => s.size > 1).length).toBeGreaterThanOrEqual(4);
  });

  it("every queue has at least two agents; counselors 1001–1008, the supervisor's desk phone 1900 (no skills)", () => {
    for (const q of QUEUES) {
      expect(data.users.filter((u) => u.skills.includes(q.skill)).length, q.id).toBeGreaterThanOrEqual(2);
    }
    expect(data.users.find((u) => u.role === 'supervisor')).toMatchObject({ agentId: '1900', skills: [] });
    expect(data.users.filter((u) => u.role === 'counselor').map((u) => u.agentId)).toEqual([
      '1001',
      '1002',
      '1003',
      '1004',
      '1005',
      '1006',
      '1007',
      '1008',
    ]);
  });
});

describe('seed into a database', () => {
  let crm: TestCrm;
  beforeAll(async () => {
    crm = await startTestCrm();
  });
  afterAll(() => crm.close());

  it('loads users, companies, contacts and history; a second run adds nothing', async () => {
    const first = await seed(crm.database.url, { companies: 60, anchor: new Date('2025-03-14T00:00:00Z') });
    expect(first).toMatchObject({ users: 10, companies: 60, skipped: false });
    expect(await count(crm.db, 'companies')).toBe(60);
    expect(await count(crm.db, 'consultations')).toBe(first.consultations);
    const again = await seed(crm.database.url, { companies: 60 });
    expect(again.skipped).toBe(true);
    expect(await count(crm.db, 'companies')).toBe(60);
    expect(await count(crm.db, 'users')).toBe(10);
  });

  it('seeded users log in with the demo password; the roster lists the eight agents', async () => {
    const login = await call(crm, 'POST', '/api/auth/login', {
      body: { username: 'supervisor', password: DEMO_PASSWORD },
    });
    expect(login.status).toBe(200);
    const roster = await call(crm, 'GET', '/api/agents', { token: login.body.token });
    expect(roster.status).toBe(200);
    expect(roster.body.map((a: { agentId: string }) => a.agentId)).toEqual([
      '1001',
      '1002',
      '1003',
      '1004',
      '1005',
      '1006',
      '1007',
      '1008',
    ]);
    expect(roster.body[0]).toEqual({
      agentId: '1001',
      username: 'counselor',
      displayName: '김상담',
      skills: QUEUES.map((q) => q.id),
    });
  });

  it('sample callers pop as known, ambiguous and new', async () => {
    const callers = await seedSampleCallers(crm.database.url, 5);
    expect(callers.known).toHaveLength(5);
    expect(callers.shared.length).toBeGreaterThan(0);
    expect(callers.unknown).toHaveLength(5);
    const token = (
      await call(crm, 'POST', '/api/auth/login', { body: { username: 'counselor', password: DEMO_PASSWORD } })
    ).body.token;
    const pop = async (n: string) => (await call(crm, 'GET', `/api/callers/${n}/pop`, { token })).body.status;
    expect(await pop(callers.known[0]!)).toBe('known');
    expect(await pop(callers.shared[0]!)).toBe('ambiguous');
    expect(await pop(callers.unknown[0]!)).toBe('new');
  });
});
