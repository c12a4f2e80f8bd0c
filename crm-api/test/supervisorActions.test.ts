import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, count, makeUser, startTestCrm, tokenFor, type TestCrm } from './support/server';

/** telephony's report of a supervisor's action on a counselor: audited, skills stored (issue 16). */
describe('supervisor actions (POST /api/internal/supervisor-actions)', () => {
  let crm: TestCrm;
  let service: string;
  const supervisor = { userId: 'sup-1', name: '이관리', role: 'supervisor' };

  beforeAll(async () => {
    crm = await startTestCrm();
    service = await tokenFor('service');
    await makeUser(crm.db, { username: 'kim', agentId: '1001', skills: ['fund', 'general'] });
  });
  afterAll(() => crm.close());

  const post = (body: unknown, token: string | null = service) =>
    call(crm, 'POST', '/api/internal/supervisor-actions', { ...(token ? { token } : {}), body });
  const auditOf = async (action: string) =>
    (
      await crm.db.query(
        `SELECT actor_id, actor_name, actor_role, subject_type, subject_id, details, at
           FROM audit_log WHERE action = $1 ORDER BY id`,
        [action],
      )
    ).rows;

  it('stores a skills change on the user and audits who, whom, what and when (with the skills before)', async () => {
    const at = '2025-03-14T03:10:00.000Z';
    const res = await post({ supervisor, agentId: '1001', action: 'skills', skills: ['hr', 'export'], at });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ userUpdated: true });
    const user = await crm.db.query(`SELECT skills FROM users WHERE agent_id = '1001'`);
    expect(user.rows[0].skills).toEqual(['hr', 'export']);
    const [row] = await auditOf('supervisor.agent.skills');
    expect(row).toMatchObject({
      actor_id: 'sup-1',
      actor_name: '이관리',
      actor_role: 'supervisor',
      subject_type: 'agent',
      subject_id: '1001',
      details: { skills: ['hr', 'export'], before: ['fund', 'general'] },
    });
    expect((row.at as Date).toISOString()).toBe(at);
  });

  it('stores skill levels with the skills; the roster, the login and its token carry them', async () => {
    await makeUser(crm.db, { username: 'lee', agentId: '1002', skills: ['fund'] });
    const at = '2025-03-14T03:10:30.000Z';
    const change = { supervisor, agentId: '1002', action: 'skills', skills: ['fund', 'hr'], at };
    // Levels at the default (3) are not stored: '{}' and "all at 3" are the same thing.
    expect((await post({ ...change, skillLevels: { fund: 5, hr: 3 } })).body).toEqual({ userUpdated: true });
    const user = await crm.db.query(`SELECT skills, skill_levels FROM users WHERE agent_id = '1002'`);
    expect(user.rows[0]).toEqual({ skills: ['fund', 'hr'], skill_levels: { fund: 5 } });
    expect((await auditOf('supervisor.agent.skills')).at(-1)).toMatchObject({
      subject_id: '1002',
      details: { skills: ['fund', 'hr'], before: ['fund'], skillLevels: { fund: 5 }, levelsBefore: {} },
    });

    const roster = await call(crm, 'GET', '/api/agents', { token: await tokenFor('admin') });
    expect(roster.status, JSON.stringify(roster.body)).toBe(200);
    expect(roster.body.find((a: { agentId: string }) => a.agentId === '1002')).toMatchObject({
      skills: ['fund', 'hr'],
      skillLevels: { fund: 5 },
    });
    expect(roster.body.find((a: { agentId: string }) => a.agentId === '1001')).not.toHaveProperty('skillLevels');
    const login = await call(crm, 'POST', '/api/auth/login', { body: { username: 'lee', password: 'pw-123456' } });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ skills: ['fund', 'hr'], skillLevels: { fund: 5 } });
    // The token's payload (its signature is the login's business, tested elsewhere).
    const claims = JSON.parse(Buffer.from(String(login.body.token).split('.')[1]!, 'base64url').toString('utf8'));
    expect(claims).toMatchObject({ skills: ['fund', 'hr'], skillLevels: { fund: 5 } });

    // A change without levels puts every skill back at the default.
    expect((await post({ ...change, at: '2025-03-14T03:10:40.000Z' })).status).toBe(200);
    const reset = await crm.db.query(`SELECT skill_levels FROM users WHERE agent_id = '1002'`);
    expect(reset.rows[0].skill_levels).toEqual({});
  });

  it('refuses levels out of range or naming a skill not in the list, with nothing stored', async () => {
    const before = await count(crm.db, 'audit_log');
    const change = { supervisor, agentId: '1001', action: 'skills', skills: ['fund'], at: '2025-03-14T03:10:50.000Z' };
    for (const skillLevels of [{ fund: 6 }, { fund: 0 }, { fund: 1.5 }, { hr: 2 }]) {
      const res = await post({ ...change, skillLevels });
      expect(res.status).toBe(400);
      expect(res.body.error.fields[0].path).toMatch(/^skillLevels/);
    }
    expect(await count(crm.db, 'audit_log')).toBe(before);
  });

  it('audits a forced Not ready and a log out without touching the user', async () => {
    const at = '2025-03-14T03:11:00.000Z';
    expect((await post({ supervisor, agentId: '1001', action: 'notReady', reason: 'meeting', at })).body).toEqual({
      userUpdated: false,
    });
    expect((await post({ supervisor, agentId: '1001', action: 'logout', at })).status).toBe(200);
    expect(await auditOf('supervisor.agent.notReady')).toMatchObject([
      { subject_id: '1001', details: { reason: 'meeting' } },
    ]);
    expect(await auditOf('supervisor.agent.logout')).toMatchObject([{ subject_id: '1001', details: {} }]);
  });

  it('is for telephony only, and refuses a bad report naming its fields with nothing stored', async () => {
    const before = await count(crm.db, 'audit_log');
    const ok = { supervisor, agentId: '1001', action: 'logout', at: '2025-03-14T03:12:00.000Z' };
    expect((await post(ok, await tokenFor('supervisor'))).status).toBe(403);
    expect((await post(ok, null)).status).toBe(401);
    const bad = await post({ ...ok, action: 'fire', skills: ['weather'], at: 'yesterday' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['action', 'at', 'skills.0']);
    expect(await count(crm.db, 'audit_log')).toBe(before);
  });
});
