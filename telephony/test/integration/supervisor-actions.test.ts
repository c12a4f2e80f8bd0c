import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Center, type ConsoleClient, reachQueue, nextSeoulNoon, startCenter, until } from '../support/center';
import { connectCall } from '../support/monitor-scenario';
import { supervisorConsole } from '../support/supervisor-console';

type Ack = { ok: boolean; error?: { code: string; message: string; command: string } };
type Supervised = { action: string; by: string; reason: string | null; skills: string[] | null };
type Snapshot = {
  details?: {
    agentId: string;
    call: { queue: string; callerNumber: string | null; company: string | null } | null;
    handledToday: number;
  }[];
};

const agentOf = async (center: Center, agentId: string) => (await center.state.getAgent(agentId))?.value;
const audit = async (center: Center, action: string) =>
  (
    await center.db.query<{ actor_id: string; subject_id: string; details: Record<string, unknown> }>(
      'SELECT actor_id, subject_id, details FROM audit_log WHERE action = $1 ORDER BY id',
      [action],
    )
  ).rows;
const offersTo = (console: ConsoleClient) => console.received.filter((r) => r.event === 'call.offered.v1').length;

/** A supervisor's actions on a counselor over pbx-sim, with real supervisor and counselor sockets (issue 16). */
describe('supervisor actions on an agent over pbx-sim', () => {
  let center: Center;
  beforeEach(async () => {
    center = await startCenter({ ringTimeoutSeconds: 3600, clockStart: nextSeoulNoon() });
    await center.startTelephony(center.pbx);
    await center.pbx.setPhone('1001', 'manual');
    await center.pbx.setPhone('1002', 'manual');
  });
  afterEach(async () => center?.close());

  it('forced Not ready gets no offer; changed skills route the next call of the new skill to them, and survive a reconnect', async () => {
    const kim = await center.agentConsole('1001', ['fund']);
    const sup = await supervisorConsole(center, { phone: null });
    expect(await kim.command('agent.ready.v1', {})).toEqual({ ok: true });

    expect(await sup.command('supervisor.agent.notReady.v1', { agentId: '1001', reason: 'meeting' })).toEqual({
      ok: true,
    });
    await kim.stateBecomes('notReady');
    expect(await kim.next<Supervised>('agent.supervised.v1')).toMatchObject({
      action: 'notReady',
      by: 'supervisor',
      reason: 'meeting',
    });
    expect(await audit(center, 'supervisor.agent.notReady')).toMatchObject([
      { actor_id: 'u-sup', subject_id: '1001', details: { reason: 'meeting' } },
    ]);

    // A fund call: kim (Ready first, longest idle) would have had it; it goes to lee, Ready after it arrived.
    const fundCaller = await center.pbx.placeCall(center.callers.known[0]!);
    const fundCall = await reachQueue(center, fundCaller, '1');
    const lee = await center.agentConsole('1002', ['fund']);
    expect(await lee.command('agent.ready.v1', {})).toEqual({ ok: true });
    await lee.next('call.offered.v1', (p: { callId: string }) => p.callId === fundCall);
    expect(offersTo(kim)).toBe(0);

    // kim learns HR; back Ready, the next HR call is theirs (lee has no HR).
    expect(await sup.command('supervisor.agent.skills.v1', { agentId: '1001', skills: ['hr'] })).toEqual({ ok: true });
    expect(await kim.next<Supervised>('agent.supervised.v1', (p) => p.action === 'skills')).toMatchObject({
      skills: ['hr'],
    });
    expect((await agentOf(center, '1001'))?.skills).toEqual(['hr']);
    const stored = await center.db.query<{ skills: string[] }>(`SELECT skills FROM users WHERE agent_id = '1001'`);
    expect(stored.rows[0]?.skills).toEqual(['hr']);
    expect(await audit(center, 'supervisor.agent.skills')).toMatchObject([
      { actor_id: 'u-sup', subject_id: '1001', details: { skills: ['hr'] } },
    ]);
    expect(await kim.command('agent.ready.v1', {})).toEqual({ ok: true });
    const hrCaller = await center.pbx.placeCall(center.callers.known[1]!);
    const hrCall = await reachQueue(center, hrCaller, '6');
    await kim.next('call.offered.v1', (p: { callId: string }) => p.callId === hrCall);
    expect((await center.state.getCall(hrCall))?.agentId).toBe('1001');

    // The console reconnects with its old token (signed with ['fund']): the supervisor's change stays.
    const states = kim.received.filter((r) => r.event === 'agent.state.v1').length;
    kim.socket.disconnect();
    kim.socket.connect();
    await until(() => kim.received.filter((r) => r.event === 'agent.state.v1').length > states, 'kim welcomed back');
    expect((await agentOf(center, '1001'))?.skills).toEqual(['hr']);
  });

  it('refuses Not ready and log out mid-call (the call goes on), logs out in wrap-up; refuses counselors and bad input', async () => {
    const kim = await center.agentConsole('1001', ['fund']);
    const sup = await supervisorConsole(center, { phone: null });
    const { callId, caller } = await connectCall(center, kim);

    // The wallboard shows whom kim is talking to: masked number, the caller's one company (a known
    // caller's; it comes with the pop, which may follow the offer), the queue.
    const { rows } = await center.db.query<{ name: string }>(
      `SELECT DISTINCT co.name FROM contact_phones p
         JOIN contact_companies cc ON cc.contact_id = p.contact_id JOIN companies co ON co.id = cc.company_id
        WHERE p.number = $1`,
      [center.callers.known[0]],
    );
    expect(rows).toHaveLength(1);
    const onCall = await sup.next<Snapshot>('floor.snapshot.v1', (s) =>
      Boolean(s.details?.some((d) => d.agentId === '1001' && d.call?.company === rows[0]!.name)),
    );
    expect(onCall.details?.find((d) => d.agentId === '1001')?.call).toEqual({
      callId,
      queue: 'fund',
      callerNumber: expect.stringMatching(/^\d{3}-\*{3,4}-\d{4}$/),
      company: rows[0]!.name,
    });

    for (const [command, payload] of [
      ['supervisor.agent.logout.v1', { agentId: '1001' }],
      ['supervisor.agent.notReady.v1', { agentId: '1001', reason: 'break' }],
    ] as const) {
      const ack = (await sup.command(command, payload)) as Ack;
      expect(ack).toMatchObject({ ok: false, error: { command, code: 'INVALID_STATE' } });
      expect(ack.error?.message).toMatch(/^agent 1001 has a caller \(onCall\): .* once the call ends$/);
    }
    expect(await agentOf(center, '1001')).toMatchObject({ state: 'onCall', callId });
    expect(kim.received.some((r) => r.event === 'agent.supervised.v1')).toBe(false);

    // A counselor cannot use the supervisor's commands; bad input and unknown agents are refused.
    const lee = await center.agentConsole('1002', ['fund']);
    expect(await lee.command('supervisor.agent.logout.v1', { agentId: '1001' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await sup.command('supervisor.agent.skills.v1', { agentId: '1001', skills: ['weather'] })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await sup.command('supervisor.agent.skills.v1', { agentId: '9999', skills: ['hr'] })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await sup.command('supervisor.agent.notReady.v1', { agentId: '9999', reason: 'break' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });

    // The caller hangs up: kim is in wrap-up, and now the log out goes through.
    await center.pbx.hangup(caller);
    await kim.stateBecomes('wrapUp');
    expect(await sup.command('supervisor.agent.logout.v1', { agentId: '1001' })).toEqual({ ok: true });
    await kim.stateBecomes('offline');
    await kim.next<Supervised>('agent.supervised.v1', (p) => p.action === 'logout');
    expect(await audit(center, 'supervisor.agent.logout')).toMatchObject([{ actor_id: 'u-sup', subject_id: '1001' }]);
    expect(await audit(center, 'supervisor.agent.notReady')).toEqual([]);
    // Logged out, kim cannot make themselves Ready; and the wallboard counts the call handled.
    expect(await kim.command('agent.ready.v1', {})).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    await sup.next<Snapshot>('floor.snapshot.v1', (s) =>
      Boolean(s.details?.some((d) => d.agentId === '1001' && d.handledToday === 1 && d.call === null)),
    );
  });
});
