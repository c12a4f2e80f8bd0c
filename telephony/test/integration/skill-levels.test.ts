import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Center, reachQueue, startCenter, until } from '../support/center';
import { supervisorConsole } from '../support/supervisor-console';

type Floor = { agents: { agentId: string; skillLevels?: Record<string, number> }[] };
type Supervised = { action: string; skills: string[] | null; skillLevels?: Record<string, number> };

const agentOf = async (center: Center, agentId: string) => (await center.state.getAgent(agentId))?.value;

/**
 * Skill levels end to end over pbx-sim (issue 16, Routing): a token's levels and a supervisor's
 * change reach the ACD, which offers a call to the best-skilled Ready agent before one idle longer;
 * the change is stored in crm-api, audited, shown on the wallboard and kept across a reconnect.
 */
describe('skill levels over pbx-sim', () => {
  let center: Center;
  beforeEach(async () => {
    center = await startCenter({ ringTimeoutSeconds: 3600 });
    await center.startTelephony(center.pbx);
    for (const phone of ['1001', '1002', '1003']) await center.pbx.setPhone(phone, 'manual');
  });
  afterEach(async () => center?.close());

  it('offers the call to the best-skilled Ready agent, not the longest idle; a supervisor sets levels', async () => {
    // Ready in this order: park (a token with fund at 4), kim (plain skills: the default level 3),
    // lee (fund at 5). Longest idle alone would pick park, then kim.
    const park = await center.agentConsole('1003', ['fund'], { fund: 4 });
    expect(await park.command('agent.ready.v1', {})).toEqual({ ok: true });
    await park.stateBecomes('ready');
    const kim = await center.agentConsole('1001', ['fund']);
    expect(await kim.command('agent.ready.v1', {})).toEqual({ ok: true });
    await kim.stateBecomes('ready');
    const lee = await center.agentConsole('1002', ['fund'], { fund: 5 });
    expect(await lee.command('agent.ready.v1', {})).toEqual({ ok: true });
    await lee.stateBecomes('ready');
    expect((await agentOf(center, '1002'))?.skillLevels).toEqual({ fund: 5 });

    const first = await reachQueue(center, await center.pbx.placeCall(center.callers.known[0]!), '1');
    await lee.next('call.offered.v1', (p: { callId: string }) => p.callId === first);
    expect((await center.state.getCall(first))?.agentId).toBe('1002');

    // The supervisor makes park a learner in fund (1) and adds hr: park, still idle longest, now
    // ranks below kim, who gets the next fund call.
    const sup = await supervisorConsole(center, { phone: null });
    expect(
      await sup.command('supervisor.agent.skills.v1', { agentId: '1003', skills: ['fund', 'hr'], levels: { fund: 1 } }),
    ).toEqual({ ok: true });
    expect(await park.next<Supervised>('agent.supervised.v1', (p) => p.action === 'skills')).toMatchObject({
      skills: ['fund', 'hr'],
      skillLevels: { fund: 1 },
    });
    expect(await agentOf(center, '1003')).toMatchObject({ state: 'ready', skillLevels: { fund: 1 } });
    const stored = await center.db.query<{ skills: string[]; skill_levels: Record<string, number> }>(
      `SELECT skills, skill_levels FROM users WHERE agent_id = '1003'`,
    );
    expect(stored.rows[0]).toEqual({ skills: ['fund', 'hr'], skill_levels: { fund: 1 } });
    const audit = await center.db.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM audit_log WHERE action = 'supervisor.agent.skills' AND subject_id = '1003'`,
    );
    expect(audit.rows).toMatchObject([{ details: { skills: ['fund', 'hr'], skillLevels: { fund: 1 } } }]);
    await sup.next<Floor>('floor.snapshot.v1', (f) =>
      f.agents.some((a) => a.agentId === '1003' && a.skillLevels?.fund === 1),
    );

    const second = await reachQueue(center, await center.pbx.placeCall(center.callers.known[1]!), '1');
    await kim.next('call.offered.v1', (p: { callId: string }) => p.callId === second);
    expect((await center.state.getCall(second))?.agentId).toBe('1001');
    expect(park.received.some((r) => r.event === 'call.offered.v1')).toBe(false);

    // park reconnects with the old token (fund 4): the supervisor's later change stays.
    const states = park.received.filter((r) => r.event === 'agent.state.v1').length;
    park.socket.disconnect();
    park.socket.connect();
    await until(() => park.received.filter((r) => r.event === 'agent.state.v1').length > states, 'park welcomed back');
    expect(await agentOf(center, '1003')).toMatchObject({ skills: ['fund', 'hr'], skillLevels: { fund: 1 } });
  });

  it('refuses levels out of range or for skills not in the list, changing nothing', async () => {
    await center.agentConsole('1001', ['fund']);
    const sup = await supervisorConsole(center, { phone: null });
    for (const levels of [{ fund: 9 }, { fund: 0 }, { fund: 2.5 }, { hr: 4 }, { fund: '5' }]) {
      expect(
        await sup.command('supervisor.agent.skills.v1', { agentId: '1001', skills: ['fund'], levels }),
      ).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    expect(await agentOf(center, '1001')).toMatchObject({ skills: ['fund'] });
    expect((await agentOf(center, '1001'))?.skillLevels ?? {}).toEqual({});
    const audit = await center.db.query(`SELECT 1 FROM audit_log WHERE action = 'supervisor.agent.skills'`);
    expect(audit.rows).toEqual([]);
  });
});
