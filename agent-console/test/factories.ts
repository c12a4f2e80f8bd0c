import type { AgentSnapshot, CallOfferedV1, CompanySummary, FloorSnapshotV1 } from '@cc1357/contracts';

/** Realistic test data: a Korean SME, an agent, a call offer, a floor snapshot. */
export function company(over: Partial<CompanySummary> = {}): CompanySummary {
  return {
    id: 'co-1',
    name: '(주)한빛전자',
    bizRegNo: '1248100998',
    representative: '김민수',
    region: '경기도',
    industry: 'C26 전자부품 제조업',
    sizeClass: '소기업',
    employees: 23,
    foundedOn: '2015-04-01',
    ...over,
  };
}

export function agent(over: Partial<AgentSnapshot> = {}): AgentSnapshot {
  return {
    agentId: '1001',
    displayName: '이상담',
    state: 'notReady',
    reason: 'break',
    skills: ['fund', 'general'],
    since: '2026-03-03T00:00:00.000Z',
    callId: null,
    ...over,
  };
}

export function offer(over: Partial<CallOfferedV1> = {}): CallOfferedV1 {
  return {
    callId: 'call-1',
    queue: 'fund',
    callerNumber: '0312345678',
    offeredAt: '2026-03-03T00:01:00.000Z',
    waitedSeconds: 12,
    ivrPath: ['notice', 'main', 'fund'],
    pop: { status: 'known', number: '0312345678', companies: [company()], contact: null, recentConsultations: [] },
    ...over,
  };
}

export function floor(over: Partial<FloorSnapshotV1> = {}): FloorSnapshotV1 {
  return {
    at: '2026-03-03T01:00:00.000Z',
    today: {
      date: '2026-03-03',
      queues: [
        { queue: 'fund', offered: 10, answered: 8, abandoned: 2, serviceLevel: 0.75, asaSeconds: 10 },
        { queue: 'startup', offered: 4, answered: 2, abandoned: 0, serviceLevel: 1, asaSeconds: 4 },
      ],
    },
    queues: [
      { queue: 'fund', waiting: 3, longestWaitSeconds: 42 },
      { queue: 'hr', waiting: 1, longestWaitSeconds: 7 },
    ],
    agents: [agent({ agentId: '1001', displayName: '이상담', state: 'ready', reason: null }), agent({ agentId: '1002', displayName: '가나다', state: 'onCall', reason: null, callId: 'c9' })],
    ...over,
  };
}
