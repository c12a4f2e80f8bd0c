import { z } from 'zod';

/**
 * The fixed vocabulary of the 1357 center: skills queues, consultation categories and
 * partner centers. Telephony routes on these ids, the IVR validator checks flows against
 * them and the console labels them; they live here so all three agree.
 */

export const QUEUE_IDS = ['fund', 'startup', 'merchant', 'rnd', 'export', 'hr', 'general'] as const;
export const QueueId = z.enum(QUEUE_IDS);
export type QueueId = z.infer<typeof QueueId>;

export interface QueueDefinition {
  id: QueueId;
  nameKo: string;
  nameEn: string;
  /** The skill an agent needs to take calls from this queue. */
  skill: QueueId;
  /** Service-level threshold T in seconds (answered within T). */
  serviceLevelSeconds: number;
  /** Calls that hang up before this many seconds in queue are "short abandons". */
  shortAbandonSeconds: number;
}

export const QUEUES: readonly QueueDefinition[] = [
  {
    id: 'fund',
    nameKo: '정책자금·금융',
    nameEn: 'Policy funds & finance',
    skill: 'fund',
    serviceLevelSeconds: 20,
    shortAbandonSeconds: 5,
  },
  {
    id: 'startup',
    nameKo: '창업·벤처',
    nameEn: 'Start-ups & ventures',
    skill: 'startup',
    serviceLevelSeconds: 20,
    shortAbandonSeconds: 5,
  },
  {
    id: 'merchant',
    nameKo: '소상공인·전통시장',
    nameEn: 'Small merchants & markets',
    skill: 'merchant',
    serviceLevelSeconds: 20,
    shortAbandonSeconds: 5,
  },
  { id: 'rnd', nameKo: '기술개발(R&D)', nameEn: 'R&D', skill: 'rnd', serviceLevelSeconds: 20, shortAbandonSeconds: 5 },
  {
    id: 'export',
    nameKo: '수출·FTA',
    nameEn: 'Export & FTA',
    skill: 'export',
    serviceLevelSeconds: 20,
    shortAbandonSeconds: 5,
  },
  {
    id: 'hr',
    nameKo: '인력·고용',
    nameEn: 'Workforce & employment',
    skill: 'hr',
    serviceLevelSeconds: 20,
    shortAbandonSeconds: 5,
  },
  {
    id: 'general',
    nameKo: '일반 상담',
    nameEn: 'General',
    skill: 'general',
    serviceLevelSeconds: 20,
    shortAbandonSeconds: 5,
  },
];

export function queueById(id: QueueId): QueueDefinition {
  const queue = QUEUES.find((q) => q.id === id);
  if (!queue) throw new Error(`unknown queue ${id}`);
  return queue;
}

/** Consultation categories, aligned with the 기업마당 portal's program fields. */
export const CATEGORY_CODES = [
  'finance',
  'tech',
  'workforce',
  'export',
  'domestic',
  'startup',
  'management',
  'other',
] as const;
export const CategoryCode = z.enum(CATEGORY_CODES);
export type CategoryCode = z.infer<typeof CategoryCode>;

export const CATEGORY_LABELS: Record<CategoryCode, { ko: string; en: string }> = {
  finance: { ko: '금융', en: 'Finance' },
  tech: { ko: '기술', en: 'Technology / R&D' },
  workforce: { ko: '인력', en: 'Workforce' },
  export: { ko: '수출', en: 'Export' },
  domestic: { ko: '내수', en: 'Domestic market' },
  startup: { ko: '창업', en: 'Start-up' },
  management: { ko: '경영', en: 'Management' },
  other: { ko: '기타', en: 'Other' },
};

export const OUTCOME_CODES = ['resolved', 'followUp', 'relayed', 'callback', 'info'] as const;
export const OutcomeCode = z.enum(OUTCOME_CODES);
export type OutcomeCode = z.infer<typeof OutcomeCode>;

/** The nine linked partner ministry centers a consultation can be relayed to. */
export const PARTNER_IDS = ['motie', 'fta1380', 'msit1379', 'moel', 'fsc', 'nts', 'customs', 'pps', 'kipo'] as const;
export const PartnerId = z.enum(PARTNER_IDS);
export type PartnerId = z.infer<typeof PartnerId>;

export const PARTNERS: Record<PartnerId, { nameKo: string; nameEn: string; number: string }> = {
  motie: { nameKo: '산업통상자원부', nameEn: 'Ministry of Trade, Industry and Energy', number: '1577-0900' },
  fta1380: { nameKo: 'FTA 종합지원센터', nameEn: 'FTA Center', number: '1380' },
  msit1379: { nameKo: '중소기업 통합콜센터(미래부)', nameEn: 'MSIT center', number: '1379' },
  moel: { nameKo: '고용노동부', nameEn: 'Ministry of Employment and Labor', number: '1350' },
  fsc: { nameKo: '금융위원회', nameEn: 'Financial Services Commission', number: '1332' },
  nts: { nameKo: '국세청', nameEn: 'National Tax Service', number: '126' },
  customs: { nameKo: '관세청', nameEn: 'Korea Customs Service', number: '125' },
  pps: { nameKo: '조달청', nameEn: 'Public Procurement Service', number: '1588-0800' },
  kipo: { nameKo: '특허청', nameEn: 'Korean Intellectual Property Office', number: '1544-8080' },
};

/** The number callers dial and the Stasis application that answers it. */
export const SERVICE_NUMBER = '1357';
export const STASIS_APP = 'callcenter';
