import { PARTNER_IDS, PARTNERS, type PartnerId } from '@cc1357/contracts';
import {
  businessStatus,
  CalendarFile,
  compileCalendar,
  type BusinessCalendar,
  type BusinessStatus,
} from '@cc1357/ivr-flows';
import { z } from 'zod';

/**
 * The partner centers as configuration. Names and numbers come from contracts' PARTNERS; each
 * center may be given, in the file named by PARTNER_CENTERS_FILE (JSON):
 *
 *   { "fta1380": { "dial": "PJSIP/fta-trunk/1380", "hours": { "hours": { "weekdays": ["09:00-18:00"] } },
 *                  "webhookUrl": "https://fta.example/1357/relays", "secret": "…32+ characters…" } }
 *
 * `hours` is the IVR's calendar format (ivr-flows `calendar.yaml`: weekdays / mon..sun ranges,
 * official holidays, extra closed or open dates), so a partner's holidays are the same Korean
 * public holidays 1357 itself closes on. A center with no webhook gets no relay package by
 * webhook (the relay still exists; partner users see it in their console view). Pure: main.ts
 * reads the file, tests pass the object.
 */

const MINISTRIES: Record<PartnerId, string> = {
  motie: '산업통상자원부',
  fta1380: '산업통상자원부',
  msit1379: '과학기술정보통신부(미래창조과학부)',
  moel: '고용노동부',
  fsc: '금융위원회',
  nts: '국세청',
  customs: '관세청',
  pps: '조달청',
  kipo: '특허청',
};

const PartnerEntry = z.strictObject({
  nameKo: z.string().min(1).optional(),
  nameEn: z.string().min(1).optional(),
  ministry: z.string().min(1).optional(),
  /** The number or trunk telephony dials for this center (default: its public number). */
  dial: z.string().min(1).max(100).optional(),
  hours: CalendarFile.optional(),
  webhookUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  secret: z.string().min(32, 'must be at least 32 characters').optional(),
});
const PartnerFile = z.partialRecord(z.enum(PARTNER_IDS), PartnerEntry);
export type PartnerFile = z.input<typeof PartnerFile>;

export interface PartnerCenter {
  id: PartnerId;
  nameKo: string;
  nameEn: string;
  ministry: string;
  dial: string;
  calendar: BusinessCalendar;
  /** Both present or both absent (checked at load). */
  webhook: { url: string; secret: string } | null;
}

export interface PartnerCenters {
  list(): PartnerCenter[];
  get(id: PartnerId): PartnerCenter;
  /** Whether the center takes calls at `now` (its hours and holidays). */
  status(id: PartnerId, now: Date): BusinessStatus;
  /** Finds the center a signed request claims to come from (null for an unknown id). */
  find(id: string): PartnerCenter | null;
}

export class PartnerConfigError extends Error {
  override name = 'PartnerConfigError';
}

/** Validates a partner file (unknown JSON) and builds all nine centers; one error names every bad field. */
export function partnerCenters(input: unknown = {}): PartnerCenters {
  const parsed = PartnerFile.safeParse(input ?? {});
  const problems: string[] = [];
  if (!parsed.success) for (const i of parsed.error.issues) problems.push(`${i.path.join('.')}: ${i.message}`);
  const file = parsed.success ? parsed.data : {};
  const centers = new Map<PartnerId, PartnerCenter>();
  for (const id of PARTNER_IDS) {
    const e = file[id] ?? {};
    const { calendar, findings } = compileCalendar(CalendarFile.parse(e.hours ?? {}));
    for (const f of findings) problems.push(`${id}.hours.${f.path.join('.')}: ${f.message}`);
    if (Boolean(e.webhookUrl) !== Boolean(e.secret))
      problems.push(`${id}: webhookUrl and secret go together (give both or neither)`);
    centers.set(id, {
      id,
      nameKo: e.nameKo ?? PARTNERS[id].nameKo,
      nameEn: e.nameEn ?? PARTNERS[id].nameEn,
      ministry: e.ministry ?? MINISTRIES[id],
      dial: e.dial ?? PARTNERS[id].number,
      calendar,
      webhook: e.webhookUrl && e.secret ? { url: e.webhookUrl, secret: e.secret } : null,
    });
  }
  if (problems.length > 0)
    throw new PartnerConfigError(`partner centers are misconfigured:\n  ${problems.join('\n  ')}`);
  const get = (id: PartnerId) => centers.get(id)!;
  return {
    list: () => [...centers.values()],
    get,
    status: (id, now) => businessStatus(now, get(id).calendar),
    find: (id) => centers.get(id as PartnerId) ?? null,
  };
}
