import type {
  AgentSnapshot,
  CallOfferedV1,
  CompanySummary,
  FloorSnapshotV1,
  IvrDropoutReport,
  IvrFlowSetV1,
  ProgramDto,
  Recommendation,
  SupportHistorySummary,
} from '@cc1357/contracts';

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
        {
          queue: 'fund',
          offered: 10,
          answered: 8,
          abandoned: 2,
          serviceLevel: 0.75,
          asaSeconds: 10,
          answeredWithinThreshold: 6,
          shortAbandons: 2,
        },
        {
          queue: 'startup',
          offered: 4,
          answered: 2,
          abandoned: 0,
          serviceLevel: 1,
          asaSeconds: 4,
          answeredWithinThreshold: 2,
          shortAbandons: 0,
        },
      ],
    },
    queues: [
      { queue: 'fund', waiting: 3, longestWaitSeconds: 42 },
      { queue: 'hr', waiting: 1, longestWaitSeconds: 7 },
    ],
    agents: [
      agent({ agentId: '1001', displayName: '이상담', state: 'ready', reason: null }),
      agent({ agentId: '1002', displayName: '가나다', state: 'onCall', reason: null, callId: 'c9' }),
    ],
    ...over,
  };
}

export function supportHistory(flagged = false): SupportHistorySummary {
  return {
    total: 150_000_000,
    years: [
      {
        year: 2025,
        total: 100_000_000,
        items: [
          {
            id: 's1',
            programId: 'p1',
            programName: '신성장기반자금',
            agency: '중진공',
            year: 2025,
            amount: 100_000_000,
            status: 'paid',
          },
        ],
      },
      {
        year: 2023,
        total: 50_000_000,
        items: [
          {
            id: 's2',
            programId: null,
            programName: '수출바우처',
            agency: 'KOTRA',
            year: 2023,
            amount: 50_000_000,
            status: 'completed',
          },
          {
            id: 's3',
            programId: null,
            programName: '스마트공장',
            agency: '기정원',
            year: 2023,
            amount: 0,
            status: 'rejected',
          },
        ],
      },
    ],
    overConcentration: flagged
      ? {
          flagged: true,
          companyTotal: 150_000_000,
          cohort: 'C26|소기업|경기도|7-15',
          cohortCompanies: 120,
          cohortRecipients: 40,
          cohortMedian: 30_000_000,
          cohortP90: 90_000_000,
          reason: '유사 기업 수혜액 상위 10% 초과, 중앙값의 5.0배',
        }
      : null,
  };
}

export function recommendation(window: 'open' | 'soon' = 'open'): Recommendation {
  return {
    program: {
      id: 'p9',
      code: 'SBC-FUND-01',
      name: '혁신성장지원자금',
      agency: '중소벤처기업진흥공단',
      level: 'central',
      category: 'finance',
      description: '',
      url: null,
      eligibleRegions: null,
      eligibleSizes: null,
      eligibleKsic: null,
      minAgeYears: null,
      maxAgeYears: null,
      maxAmount: 6_000_000_000,
      announcedOn: '2026-02-01',
      opensOn: '2026-02-15',
      closesOn: '2026-03-31',
    },
    window,
    cohortCompanies: 124,
    cohortRecipients: 47,
    share: 0.38,
    score: 0.9,
    reason: '유사 기업 124곳 중 38%가 수혜',
  };
}

export function program(over: Partial<ProgramDto> = {}): ProgramDto {
  return {
    id: '11',
    code: 'SBC-1',
    name: '혁신성장지원자금',
    agency: '중진공',
    level: 'central',
    category: 'finance',
    description: '',
    url: 'https://k.go.kr/1',
    eligibleRegions: null,
    eligibleSizes: null,
    eligibleKsic: null,
    minAgeYears: null,
    maxAgeYears: null,
    maxAmount: null,
    announcedOn: '2026-02-01',
    opensOn: '2026-03-02',
    closesOn: '2026-03-31',
    ...over,
  };
}

/** Two flows: a startup menu, and the entry flow whose play node comes before the menu it leads to. */
export function ivrFlowSet(): IvrFlowSetV1 {
  return {
    version: '3f9a2c7be01d44aa',
    loadedAt: '2026-03-03T00:00:00.000Z',
    entryFlow: 'main',
    flows: [
      {
        id: 'startup',
        entry: 'startup-menu',
        nodes: [{ id: 'startup-menu', type: 'menu', prompts: [], edges: [], detail: {} }],
      },
      {
        id: 'main',
        entry: 'notice',
        description: '녹음 안내 → 주 메뉴',
        nodes: [
          {
            id: 'main-menu',
            type: 'menu',
            prompts: [{ id: 'main-menu', text: '정책자금은 1번' }],
            edges: [
              { label: '1', to: 'fund-queue' },
              { label: 'onFail', to: 'general-queue' },
            ],
            detail: {},
          },
          {
            id: 'notice',
            type: 'play',
            prompts: [{ id: 'notice', text: '이 통화는 녹음됩니다' }],
            edges: [{ label: 'next', to: 'main-menu' }],
            detail: {},
          },
        ],
      },
    ],
    problems: [],
  };
}

/** A day's IVR drop-outs over ivrFlowSet(): 5 of 20 callers hung up, at main-menu and notice. */
export function ivrDropoutReport(): IvrDropoutReport {
  return {
    date: '2026-03-03',
    enteredIvr: 20,
    leftInIvr: 5,
    reachedOutcome: 14,
    stillInIvr: 1,
    outcomes: { queue: 12, callback: 2 },
    byLastNode: [
      { nodeId: 'main-menu', flow: 'main', nodeType: 'menu', promptText: '정책자금은 1번', calls: 4 },
      { nodeId: 'notice', flow: 'main', nodeType: 'play', promptText: null, calls: 1 },
    ],
  };
}
