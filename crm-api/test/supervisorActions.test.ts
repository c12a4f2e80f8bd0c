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
