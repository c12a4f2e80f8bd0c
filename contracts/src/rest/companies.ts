import { z } from 'zod';
import { RelayDto } from './relays';
import { Recommendation, SupportHistorySummary } from './programs';

/** Companies: the summary a pop shows, the masked search list, the full view. */

export const CompanySummary = z.object({
  id: z.string(),
  name: z.string(),
  /** 사업자등록번호, 10 digits without dashes. */
  bizRegNo: z.string(),
  representative: z.string(),
  region: z.string(),
  industry: z.string(), // KSIC code + label, e.g. "C26 전자부품 제조업"
  sizeClass: z.enum(['소상공인', '소기업', '중기업']),
  employees: z.number().int().nonnegative(),
  foundedOn: z.string(), // YYYY-MM-DD
});
export type CompanySummary = z.infer<typeof CompanySummary>;

export const ContactDto = z.object({
  id: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  phones: z.array(z.object({ number: z.string(), kind: z.enum(['mobile', 'landline']) })),
});
export type ContactDto = z.infer<typeof ContactDto>;

/** One hit of GET /api/search/companies. Lists mask personal data; single-record views are full and audited. */
export const CompanySearchHit = z.object({
  id: z.string(),
  name: z.string(),
  bizRegNo: z.string(),
  /** Masked: "김*수". */
  representative: z.string(),
  region: z.string(),
  industry: z.string(),
  sizeClass: z.string(),
  /** Masked: "010-****-5678". */
  phones: z.array(z.string()),
  /** How it matched: bizRegNo, phone, prefix, substring or fuzzy (trigram similarity). */
  match: z.enum(['bizRegNo', 'phone', 'prefix', 'substring', 'fuzzy', 'filter']),
  similarity: z.number().nullable(),
});
export type CompanySearchHit = z.infer<typeof CompanySearchHit>;

/** GET /api/companies/:id */
export const CompanyDetail = z.object({
  company: CompanySummary,
  contacts: z.array(ContactDto),
  supportHistory: SupportHistorySummary,
  /** Relays the partner centers answered (outcome, who, when), newest first. */
  relayOutcomes: z.array(RelayDto).optional(),
});
export type CompanyDetail = z.infer<typeof CompanyDetail>;

/** GET /api/companies/:id/recommendations */
export const RecommendationList = z.object({
  companyId: z.string(),
  asOf: z.string(),
  recommendations: z.array(Recommendation),
});
export type RecommendationList = z.infer<typeof RecommendationList>;
