import type { CohortFigures } from '../domain/overConcentration';
import type { CompanyProfile } from '../domain/recommend';
import type { SimilarGroup } from '../domain/similar';

export const SUPPORT_ITEM_COLUMNS = `id::text AS id, program_id::text AS "programId", program_name AS "programName", agency, year, amount::float8 AS amount, status`;

export interface CompanyCohort {
  profile: CompanyProfile;
  figures: CohortFigures | null;
  /** program id → cohort companies that received it. */
  uptake: Map<string, number>;
  /** The narrow cohort and the wider groups, narrowest first, for recommendations (domain/similar.ts). */
  similar: SimilarGroup[];
}

export interface CohortRow {
  region: string;
  sizeClass: string;
  ksicCode: string;
  foundedOn: string;
  cohort: string;
  companies: number | null;
  recipients: number | null;
  p50: number | null;
  p90: number | null;
  uptake: Record<string, number> | null;
  sectorSizeCompanies: number | null;
  sectorSizeUptake: Record<string, number> | null;
  sectorCompanies: number | null;
  sectorUptake: Record<string, number> | null;
}

/** The company's profile, its cohort and the cohort's figures and uptake: one row (none for an unknown company). */
export const COHORT_SELECT = (
  companyId: string,
  day: string,
) => `SELECT c.region, c.size_class AS "sizeClass", c.ksic_code AS "ksicCode", to_char(c.founded_on, 'YYYY-MM-DD') AS "foundedOn",
            k.cohort, s.companies, s.recipients, s.p50_total::float8 AS p50, s.p90_total::float8 AS p90,
            (SELECT json_object_agg(u.program_id::text, u.recipients) FROM cohort_program_uptake u WHERE u.cohort = k.cohort) AS uptake,
            ss.companies AS "sectorSizeCompanies",
            (SELECT json_object_agg(u.program_id::text, u.recipients) FROM cohort_program_uptake u WHERE u.cohort = k.sector_size) AS "sectorSizeUptake",
            se.companies AS "sectorCompanies",
            (SELECT json_object_agg(u.program_id::text, u.recipients) FROM cohort_program_uptake u WHERE u.cohort = k.sector) AS "sectorUptake"
       FROM companies c
       CROSS JOIN LATERAL (SELECT company_cohort(c.ksic_code, c.size_class, c.region, c.founded_on, ${day}) AS cohort,
                                  'sector:' || substr(c.ksic_code, 1, 1) || '|' || c.size_class AS sector_size,
                                  'sector:' || substr(c.ksic_code, 1, 1) AS sector) k
       LEFT JOIN cohort_stats s ON s.cohort = k.cohort
       LEFT JOIN cohort_stats ss ON ss.cohort = k.sector_size
       LEFT JOIN cohort_stats se ON se.cohort = k.sector
      WHERE c.id = ${companyId}`;

export function cohortFromRow(r: CohortRow): CompanyCohort {
  return {
    profile: { region: r.region, sizeClass: r.sizeClass, ksicCode: r.ksicCode, foundedOn: r.foundedOn },
    figures:
      r.companies === null
        ? null
        : { cohort: r.cohort, companies: r.companies, recipients: r.recipients ?? 0, p50: r.p50 ?? 0, p90: r.p90 ?? 0 },
    uptake: new Map(Object.entries(r.uptake ?? {})),
    similar: [
      { basis: 'cohort', companies: r.companies ?? 0, uptake: new Map(Object.entries(r.uptake ?? {})) },
      {
        basis: 'sectorSize',
        companies: r.sectorSizeCompanies ?? 0,
        uptake: new Map(Object.entries(r.sectorSizeUptake ?? {})),
      },
      { basis: 'sector', companies: r.sectorCompanies ?? 0, uptake: new Map(Object.entries(r.sectorUptake ?? {})) },
    ],
  };
}

export interface SupportUpsert {
  companyId: string;
  programId: string | null;
  programName: string;
  agency: string;
  year: number;
  amount: number;
  status: string;
}
