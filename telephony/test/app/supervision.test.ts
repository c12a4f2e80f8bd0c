import type { SupervisorActionAuditV1 } from '@cc1357/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BusMessage, ConsoleBus } from '../../src/adapters/console/bus';
import type { CallEventOutbox } from '../../src/adapters/crm/outbox';
import { AgentSupervisionStore } from '../../src/adapters/redis/agent-supervision';
import { LiveState } from '../../src/adapters/redis/live-state';
import { AgentService } from '../../src/app/agent-service';
import { SupervisorActions } from '../../src/app/supervision';
import { capturedLog } from '../support/captured-log';
import { ManualScheduler } from '../support/manual-scheduler';
import { testRedis } from '../support/redis';

const by = { userId: 'u-sup', name: '박관리', role: 'supervisor' };

/**
 * The order of a supervisor's action and its audit when crm-api does not answer (real Redis; the
 * audit is crm-api's route, here failing the way the CrmClient does when crm-api is down).
 */
describe('SupervisorActions with crm-api down', () => {
  let r: ReturnType<typeof testRedis>;
  let state: LiveState;
  let store: AgentSupervisionStore;
  let agents: AgentService;
  const sent: BusMessage[] = [];
  const log = capturedLog();
  let auditUp = true;
  const audited: SupervisorActionAuditV1[] = [];
  let actions: SupervisorActions;

  beforeEach(async () => {
    r = testRedis();
    sent.length = 0;
    log.lines.length = 0;
    audited.length = 0;
    auditUp = true;
    state = new LiveState(r.redis, r.prefix);
    store = new AgentSupervisionStore(state);
    const scheduler = new ManualScheduler();
    // What the bus would publish, kept for the test (the Redis pub/sub itself is tested elsewhere).
    const bus = {
      publish: (m: BusMessage) => void sent.push(m),
      nudgeFloor: () => void sent.push({ kind: 'floor' }),
      nudgeDispatch: () => void sent.push({ kind: 'dispatch' }),
      toAgent: (agentId: string, event: string, payload: unknown) =>
        void sent.push({ kind: 'emit', room: `agent:${agentId}`, event, payload } as BusMessage),
    } as unknown as ConsoleBus;
    const outbox = { record: async () => undefined } as unknown as CallEventOutbox;
    agents = new AgentService({ state, bus, outbox, scheduler, log: log.logger, supervision: store });
    actions = new SupervisorActions({
      state,
      agents,
      store,
      bus,
      scheduler,
      log: log.logger,
      audit: async (entry) => {
        if (!auditUp) throw new Error('crm-api refused the supervisor action: no answer within 3000 ms');
        audited.push(entry);
      },
    });
    await agents.apply('1001', { type: 'login', displayName: '김상담', skills: ['fund'] });
    await agents.apply('1001', { type: 'ready' });
  });
  afterEach(() => r.cleanup());

  const notices = () => sent.filter((m) => m.kind === 'emit' && m.event === 'agent.supervised.v1');

  it('refuses a skills change crm-api cannot record: nothing changes, nobody is told', async () => {
    auditUp = false;
    await expect(actions.skills(by, '1001', ['hr'])).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining('skills not changed'),
    });
    expect((await state.getAgent('1001'))?.value.skills).toEqual(['fund']);
    expect(await store.skillsOf('1001')).toBeNull();
    expect(notices()).toEqual([]);
  });

  it('applies a forced Not ready even so, tells the counselor, and logs the unaudited entry as an error', async () => {
    auditUp = false;
    await actions.notReady(by, '1001', 'meeting');
    expect((await state.getAgent('1001'))?.value).toMatchObject({ state: 'notReady', reason: 'meeting' });
    expect(notices()).toHaveLength(1);
    const [line] = log.errors();
    expect(line).toMatchObject({
      msg: 'supervisor action applied but not audited in crm-api',
      audit: { agentId: '1001', action: 'notReady', reason: 'meeting', supervisor: by },
    });
  });

  it('with crm-api up: audits the skills before applying them, and nudges the ACD', async () => {
    await actions.skills(by, '1001', ['hr', 'general']);
    expect(audited).toMatchObject([{ action: 'skills', skills: ['hr', 'general'], agentId: '1001' }]);
    expect((await state.getAgent('1001'))?.value).toMatchObject({ state: 'ready', skills: ['hr', 'general'] });
    expect((await store.skillsOf('1001'))?.skills).toEqual(['hr', 'general']);
    expect(sent).toContainEqual({ kind: 'dispatch' });
    await expect(actions.skills(by, '9999', ['hr'])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(audited).toHaveLength(1);
  });
});
