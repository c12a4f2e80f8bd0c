import {
  bizRegNoCheckDigit,
  CATEGORY_CODES,
  QUEUE_IDS,
  type CategoryCode,
  type OutcomeCode,
  type SizeClass,
} from '@cc1357/contracts';
import { createRng, type Rng } from './rng';
import { programCatalogue } from './programs';
import {
  CONSULTATION_TEMPLATES,
  FOLLOW_UPS,
  GIVEN_NAMES,
  INDUSTRIES,
  NAME_ROOTS,
  OUTCOME_WEIGHTS,
  REGIONS,
  STAFF_TITLES,
  SURNAMES,
} from './vocabulary';

/**
 * Demo data as plain values: same options, same data. No I/O here (seed.ts writes it), so the
 * generator's promises (valid numbers, shared numbers, every queue staffed) are unit-testable.
 */

export interface SeedUser {
  username: string;
  displayName: string;
  role: 'counselor' | 'supervisor' | 'admin' | 'partner';
  agentId: string | null;
  skills: string[];
}

export interface SeedCompany {
  bizRegNo: string;
  name: string;
  representative: string;
  region: string;
  ksicCode: string;
  ksicLabel: string;
  sizeClass: SizeClass;
  employees: number;
  foundedOn: string;
}

export interface SeedContact {
  name: string;
  title: string | null;
  /** Indexes into companies. */
  companies: number[];
  phones: { number: string; kind: 'mobile' | 'landline' }[];
}

export interface SeedConsultation {
  idempotencyKey: string;
  company: number;
  callerNumber: string | null;
  counselor: string; // username
  category: CategoryCode;
  subCategory: string;
  summary: string;
  outcome: OutcomeCode;
  followUp: string | null;
  createdAt: Date;
}

export interface SeedSupport {
  company: number;
  /** Index into the program catalogue (programs.ts). */
  program: number;
  year: number;
  amount: number;
  status: 'applied' | 'selected' | 'paid' | 'completed' | 'cancelled' | 'rejected';
}

export interface SeedData {
  users: SeedUser[];
  companies: SeedCompany[];
  contacts: SeedContact[];
  consultations: SeedConsultation[];
  support: SeedSupport[];
}

/**
 * Support history: 60% of companies received something in the last six years; one in forty
 * received far more (the over-concentration flag has something to show). Its own RNG stream,
 * so adding it left the rest of the demo data unchanged.
 */
function generateSupport(companies: number, seed: number, anchorYear: number, programCount: number): SeedSupport[] {
  const rng = createRng(seed + 7919);
  const out: SeedSupport[] = [];
  for (let i = 0; i < companies; i++) {
    if (!rng.chance(0.6)) continue;
    const heavy = rng.chance(0.025);
    const n = heavy ? rng.int(4, 6) : rng.int(1, 3);
    const first = rng.int(0, programCount - 1);
    for (let k = 0; k < n; k++) {
      out.push({
        company: i,
        program: (first + k * 5) % programCount,
        year: anchorYear - rng.int(0, 5),
        amount: rng.int(1, 9) * 10_000_000 * (heavy ? 8 : 1),
        status: weighted(rng, [
          ['paid', 40],
          ['completed', 30],
          ['selected', 10],
          ['rejected', 10],
          ['applied', 5],
          ['cancelled', 5],
        ] as const),
      });
    }
  }
  return out;
}

export interface GenerateOptions {
  companies?: number;
  seed?: number;
  /** Consultation dates go back two years from here. */
  anchor?: Date;
}

const ALL_SKILLS = [...QUEUE_IDS];

/** Every queue gets at least two agents (counselor has all; see the seed test). */
export const SEED_USERS: readonly SeedUser[] = [
  { username: 'counselor', displayName: '김상담', role: 'counselor', agentId: '1001', skills: ALL_SKILLS },
  {
    username: 'counselor2',
    displayName: '이하나',
    role: 'counselor',
    agentId: '1002',
    skills: ['fund', 'startup', 'general'],
  },
  {
    username: 'bot1003',
    displayName: '가상상담원 1003',
    role: 'counselor',
    agentId: '1003',
    skills: ['fund', 'merchant'],
  },
  {
    username: 'bot1004',
    displayName: '가상상담원 1004',
    role: 'counselor',
    agentId: '1004',
    skills: ['merchant', 'rnd'],
  },
  {
    username: 'bot1005',
    displayName: '가상상담원 1005',
    role: 'counselor',
    agentId: '1005',
    skills: ['rnd', 'export'],
  },
  { username: 'bot1006', displayName: '가상상담원 1006', role: 'counselor', agentId: '1006', skills: ['export', 'hr'] },
  {
    username: 'bot1007',
    displayName: '가상상담원 1007',
    role: 'counselor',
    agentId: '1007',
    skills: ['hr', 'general', 'startup'],
  },
  {
    username: 'bot1008',
    displayName: '가상상담원 1008',
    role: 'counselor',
    agentId: '1008',
    skills: ['fund', 'merchant', 'general'],
  },
  // The supervisor's desk phone (extension 1900) is what live listen / whisper / barge rings; no
  // skills, so the ACD never offers them a call.
  { username: 'supervisor', displayName: '박관리', role: 'supervisor', agentId: '1900', skills: [] },
  { username: 'admin', displayName: '시스템관리자', role: 'admin', agentId: null, skills: [] },
];

function weighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = rng.next() * total;
  for (const [item, w] of items) {
    if ((r -= w) < 0) return item;
  }
  return items[items.length - 1]![0];
}

const personName = (rng: Rng) => `${rng.pick(SURNAMES)}${rng.pick(GIVEN_NAMES)}`;

function bizRegNo(rng: Rng, corporate: boolean): string {
  const office = String(rng.int(101, 899));
  // Middle digits: 81/86/87/88 mark a corporation, 01–79 an individual business.
  const kind = corporate ? rng.pick(['81', '86', '87', '88']) : String(rng.int(1, 79)).padStart(2, '0');
  const serial = String(rng.int(0, 9999)).padStart(4, '0');
  const nine = office + kind + serial;
  return nine + String(bizRegNoCheckDigit(nine));
}

function sizeOf(rng: Rng): { sizeClass: SizeClass; employees: number } {
  const sizeClass = weighted<SizeClass>(rng, [
    ['소상공인', 50],
    ['소기업', 35],
    ['중기업', 15],
  ]);
  const employees =
    sizeClass === '소상공인' ? rng.int(1, 9) : sizeClass === '소기업' ? rng.int(10, 49) : rng.int(50, 299);
  return { sizeClass, employees };
}

export function generateSeedData(opts: GenerateOptions = {}): SeedData {
  const count = opts.companies ?? 200;
  const rng = createRng(opts.seed ?? 1357);
  const anchor = opts.anchor ?? new Date('2025-01-01T00:00:00Z');
  const usedRegNos = new Set<string>();
  const usedNames = new Set<string>();
  const usedNumbers = new Set<string>();

  const uniqueNumber = (make: () => string) => {
    for (;;) {
      const n = make();
      if (!usedNumbers.has(n)) {
        usedNumbers.add(n);
        return n;
      }
    }
  };
  const mobile = () =>
    uniqueNumber(() => `010${String(rng.int(2000, 9999))}${String(rng.int(0, 9999)).padStart(4, '0')}`);
  const landline = (areaCode: string) =>
    uniqueNumber(
      () =>
        `${areaCode}${String(rng.int(areaCode === '02' ? 2000 : 200, areaCode === '02' ? 9999 : 999))}${String(rng.int(0, 9999)).padStart(4, '0')}`,
    );

  const companies: SeedCompany[] = [];
  const areaCodes: string[] = [];
  for (let i = 0; i < count; i++) {
    const industry = rng.pick(INDUSTRIES);
    const region = weighted(
      rng,
      REGIONS.map((r) => [r, r.weight] as const),
    );
    const corporate = rng.chance(0.6);
    let regNo: string;
    do regNo = bizRegNo(rng, corporate);
    while (usedRegNos.has(regNo));
    usedRegNos.add(regNo);
    let name: string;
    let attempt = 0;
    do {
      const base = `${rng.pick(NAME_ROOTS)}${rng.pick(industry.suffixes)}${attempt > 3 ? String(attempt) : ''}`;
      name = corporate ? (rng.chance(0.7) ? `(주)${base}` : `주식회사 ${base}`) : base;
      attempt++;
    } while (usedNames.has(name));
    usedNames.add(name);
    const founded = new Date(Date.UTC(rng.int(1988, 2024), rng.int(0, 11), rng.int(1, 28)));
    companies.push({
      bizRegNo: regNo,
      name,
      representative: personName(rng),
      region: region.name,
      ksicCode: industry.code,
      ksicLabel: industry.label,
      ...sizeOf(rng),
      foundedOn: founded.toISOString().slice(0, 10),
    });
    areaCodes.push(region.areaCode);
  }

  const contacts: SeedContact[] = [];
  companies.forEach((c, i) => {
    // The representative calls from a mobile; many firms also have a staff member on the office line.
    contacts.push({
      name: c.representative,
      title: '대표',
      companies: [i],
      phones: [{ number: mobile(), kind: 'mobile' }],
    });
    if (rng.chance(0.6)) {
      const phones: SeedContact['phones'] = [{ number: landline(areaCodes[i]!), kind: 'landline' }];
      if (rng.chance(0.4)) phones.push({ number: mobile(), kind: 'mobile' });
      contacts.push({ name: personName(rng), title: rng.pick(STAFF_TITLES), companies: [i], phones });
    }
  });

  // Shared numbers, as real data has them: an owner of two firms (one person, two companies)
  // and two firms in one office sharing the landline (two people, one number).
  const pairs = Math.max(1, Math.floor(count / 25));
  for (let p = 0; p < pairs && count >= 4; p++) {
    const a = (p * 7) % count;
    const b = (a + 1 + ((p * 13) % (count - 1))) % count;
    if (a === b) continue;
    if (p % 2 === 0) {
      contacts.push({
        name: personName(rng),
        title: '대표',
        companies: [a, b],
        phones: [{ number: mobile(), kind: 'mobile' }],
      });
    } else {
      const shared = landline(areaCodes[a]!);
      contacts.push({
        name: personName(rng),
        title: '경리',
        companies: [a],
        phones: [{ number: shared, kind: 'landline' }],
      });
      contacts.push({
        name: personName(rng),
        title: '총무',
        companies: [b],
        phones: [{ number: shared, kind: 'landline' }],
      });
    }
  }

  const counselors = SEED_USERS.filter((u) => u.role === 'counselor').map((u) => u.username);
  const consultations: SeedConsultation[] = [];
  const twoYears = 2 * 365 * 24 * 3600 * 1000;
  companies.forEach((_c, i) => {
    const callers = contacts.filter((k) => k.companies.includes(i)).flatMap((k) => k.phones.map((p) => p.number));
    const n = weighted(rng, [
      [0, 20],
      [1, 30],
      [2, 25],
      [3, 15],
      [5, 10],
    ] as const);
    for (let j = 0; j < n; j++) {
      const category = rng.pick(CATEGORY_CODES);
      const [subCategory, summary] = rng.pick(CONSULTATION_TEMPLATES[category]);
      const outcome = weighted(rng, OUTCOME_WEIGHTS);
      // Office hours on a weekday-ish time: 09:00–18:00 KST = 00:00–09:00 UTC.
      const day = new Date(anchor.getTime() - Math.floor(rng.next() * twoYears));
      day.setUTCHours(rng.int(0, 8), rng.int(0, 59), rng.int(0, 59), 0);
      consultations.push({
        idempotencyKey: `seed-${opts.seed ?? 1357}-${i}-${j}`,
        company: i,
        callerNumber: callers.length ? rng.pick(callers) : null,
        counselor: rng.pick(counselors),
        category,
        subCategory,
        summary,
        outcome,
        followUp: outcome === 'followUp' || outcome === 'callback' ? rng.pick(FOLLOW_UPS) : null,
        createdAt: day,
      });
    }
  });

  const support = generateSupport(count, opts.seed ?? 1357, anchor.getUTCFullYear(), programCatalogue(anchor).length);
  return {
    users: SEED_USERS.map((u) => ({ ...u, skills: [...u.skills] })),
    companies,
    contacts,
    consultations,
    support,
  };
}
