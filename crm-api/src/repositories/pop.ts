import { named } from '../db/pool';
import type { CallbackDto, CompanySummary, ConsultationDto, ContactDto, ProgramDto, RelayDto, SupportHistoryItem } from '@cc1357/contracts';
import type { Queryable } from '../db/pool';
import { CALLBACK_COLUMNS } from './callbacks';
import { COMPANY_COLUMNS, type NumberOwner } from './companies';
import { DTO_COLUMNS } from './consultations';
import { PROGRAM_COLUMNS } from './programs';
import { RELAY_COLUMNS } from './relays';
import { cohortFromRow, SUPPORT_ITEM_COLUMNS, COHORT_SELECT, type CohortRow, type CompanyCohort } from './support';

/*
 * The screen pop in two statements instead of a dozen: the pop is round-trip bound (each read
 * is a single index probe), so every read rides in one prepared statement and the audit row is
 * written by a data-modifying CTE of the same statement, committed with it.
 * Every sub-select is the query the repositories run on their own (same columns, same order),
 * turned into JSON with json_agg over its ordered rows.
 */

/** json_agg of an ordered query's rows, [] when it has none. */
const agg = (query: string) => `COALESCE((SELECT json_agg(r) FROM (${query}) r), '[]')`;

export interface PopKeys {
  owners: NumberOwner[];
  companies: CompanySummary[];
  /** The company with the 사업자등록번호 asked for (null when none asked or none has it). */
  byBizRegNo: CompanySummary | null;
}

const KEYS_SQL = `WITH o AS MATERIALIZED (
    SELECT DISTINCT p.contact_id::text AS "contactId", cc.company_id::text AS "companyId", cc.company_id
      FROM contact_phones p LEFT JOIN contact_companies cc ON cc.contact_id = p.contact_id
     WHERE p.number = $1)
  SELECT COALESCE((SELECT json_agg(json_build_object('contactId', o."contactId", 'companyId', o."companyId") ORDER BY o."contactId", o."companyId") FROM o), '[]') AS owners,
         ${agg(`SELECT ${COMPANY_COLUMNS} FROM companies c WHERE c.id IN (SELECT o.company_id FROM o) ORDER BY c.name, c.id`)} AS companies,
         (SELECT row_to_json(b) FROM (SELECT ${COMPANY_COLUMNS} FROM companies c WHERE c.biz_reg_no = $2) b) AS "byBizRegNo"`;

/** Who owns the number, their companies, and the company of a 사업자등록번호: one round trip. */
export async function popKeys(db: Queryable, number: string | null, bizRegNo: string | null): Promise<PopKeys> {
  if (!number && !bizRegNo) return { owners: [], companies: [], byBizRegNo: null };
  const { rows } = await db.query<PopKeys>(named('popKeys', KEYS_SQL, [number, bizRegNo]));
  return rows[0]!;
}

export interface PopDetailsInput {
  /** The company shown (a `known` pop), else null. */
  companyId: string | null;
  number: string | null;
  /** Contacts behind the number, in owner order (the contact when exactly one; the list when no company). */
  contactIds: string[];
  callId: string | null;
  audit: { at: Date; actorId: string; actorName: string; actorRole: string; details: Record<string, unknown> };
}

export interface PopDetails {
  contact: ContactDto | null;
  recent: ConsultationDto[];
  contacts: ContactDto[];
  followUps: ConsultationDto[];
  callbacks: CallbackDto[];
  relays: RelayDto[];
  ivrPath: string[] | null;
}

const CONTACT_OF = (idExpr: string) => `SELECT ct.id::text AS id, ct.name, ct.title,
    COALESCE((SELECT json_agg(json_build_object('number', p.number, 'kind', p.kind) ORDER BY p.id)
                FROM contact_phones p WHERE p.contact_id = ct.id), '[]') AS phones
  FROM contacts ct WHERE ct.id = ${idExpr}`;

// $1 company id, $2 number, $3 contact ids (text[]), $4 call id, $5–$9 the audit row.
const DETAILS_SQL = `WITH audit AS (
    -- Runs to completion whatever the SELECT reads (a data-modifying CTE), in the statement's transaction.
    INSERT INTO audit_log (at, actor_id, actor_name, actor_role, action, subject_type, subject_id, details)
    VALUES ($5, $6, $7, $8, 'caller.pop', 'caller', $2, $9))
  SELECT
    (SELECT row_to_json(r) FROM (${CONTACT_OF('($3::text[])[1]::bigint')}) r WHERE cardinality($3::text[]) = 1) AS contact,
    COALESCE((SELECT json_agg(r) FROM (
      (SELECT ${DTO_COLUMNS}, k.created_at AS _at, k.id AS _id FROM consultations k JOIN users u ON u.id = k.counselor_id
        WHERE $1::bigint IS NOT NULL AND k.company_id = $1::bigint ORDER BY k.created_at DESC, k.id DESC LIMIT 5)
      UNION ALL
      (SELECT ${DTO_COLUMNS}, k.created_at AS _at, k.id AS _id FROM consultations k JOIN users u ON u.id = k.counselor_id
        WHERE $1::bigint IS NULL AND $2::text IS NOT NULL AND k.caller_number = $2::text ORDER BY k.created_at DESC, k.id DESC LIMIT 5)
      ORDER BY _at DESC, _id DESC) r), '[]') AS recent,
    CASE WHEN $1::bigint IS NOT NULL
      THEN ${agg(`SELECT ct.id::text AS id, ct.name, ct.title,
                COALESCE((SELECT json_agg(json_build_object('number', p.number, 'kind', p.kind) ORDER BY p.id)
                            FROM contact_phones p WHERE p.contact_id = ct.id), '[]') AS phones
           FROM contact_companies cc JOIN contacts ct ON ct.id = cc.contact_id
          WHERE cc.company_id = $1::bigint ORDER BY ct.id LIMIT 50`)}
      ELSE ${agg(`SELECT c.* FROM unnest(($3::text[])[1:10]) WITH ORDINALITY AS w(id, n)
           CROSS JOIN LATERAL (${CONTACT_OF('w.id::bigint')}) c ORDER BY w.n`)}
    END AS contacts,
    ${agg(`SELECT ${DTO_COLUMNS} FROM consultations k JOIN users u ON u.id = k.counselor_id
        WHERE ($1::bigint IS NOT NULL OR $2::text IS NOT NULL)
          AND k.outcome = 'followUp' AND k.follow_up_closed_at IS NULL AND (k.company_id = $1::bigint OR k.caller_number = $2::text)
        ORDER BY k.created_at DESC, k.id DESC LIMIT 10`)} AS "followUps",
    ${agg(`SELECT ${CALLBACK_COLUMNS} FROM callbacks b
        WHERE ($1::bigint IS NOT NULL OR $2::text IS NOT NULL)
          AND b.status IN ('open', 'dialing') AND (b.company_id = $1::bigint OR b.number = $2::text) ORDER BY b.due_at LIMIT 20`)} AS callbacks,
    ${agg(`SELECT ${RELAY_COLUMNS} FROM relays r LEFT JOIN companies co ON co.id = r.company_id
        WHERE ($1::bigint IS NOT NULL OR $2::text IS NOT NULL)
          AND r.status IN ('pending', 'accepted') AND (r.company_id = $1::bigint OR r.caller_number = $2::text) ORDER BY r.created_at DESC LIMIT 20`)} AS relays,
    CASE WHEN $4::text IS NOT NULL THEN COALESCE((SELECT json_agg(e.data->>'nodeId' ORDER BY e.at, e.id) FROM call_events e
        WHERE e.call_id = $4::text AND e.type = 'ivr.step' AND e.data->>'nodeId' IS NOT NULL AND e.data->>'nodeId' <> ''), '[]') END AS "ivrPath"`;

/** Every read of the pop after its keys but the company insight, and its audit row: one statement, one commit. */
export async function popDetails(db: Queryable, p: PopDetailsInput): Promise<PopDetails> {
  const { rows } = await db.query<Omit<PopDetails, 'recent'> & { recent: (ConsultationDto & { _at?: unknown; _id?: unknown })[] }>(
    named('popDetails', DETAILS_SQL, [
      p.companyId, p.number, p.contactIds, p.callId,
      p.audit.at, p.audit.actorId, p.audit.actorName, p.audit.actorRole, JSON.stringify(p.audit.details),
    ]),
  );
  const r = rows[0]!;
  const recent = r.recent.map(({ _at: _a, _id: _i, ...dto }) => dto);
  return { ...r, recent };
}

export interface InsightReads {
  items: SupportHistoryItem[];
  cohort: CompanyCohort | null;
  programs: ProgramDto[];
}

// $1 company id, $2 day, $3–$7 the audit row; the row is written only for a company that exists
// (an unknown id is a 404 that read nothing).
const INSIGHT_SQL = `WITH audit AS (
    INSERT INTO audit_log (at, actor_id, actor_name, actor_role, action, subject_type, subject_id, details)
    SELECT $3, $4, $5, $6, $7, 'company', $1::text, '{}' WHERE EXISTS (SELECT 1 FROM companies WHERE id = $1::bigint))
  SELECT ${agg(`SELECT ${SUPPORT_ITEM_COLUMNS} FROM support_history WHERE company_id = $1::bigint ORDER BY year DESC, program_name`)} AS items,
         (SELECT row_to_json(r) FROM (${COHORT_SELECT('$1::bigint', '$2::date')}) r) AS cohort,
         ${agg(`SELECT ${PROGRAM_COLUMNS} FROM programs p WHERE p.closes_on >= $2::date ORDER BY p.opens_on, p.id`)} AS programs`;

const INSIGHT_READ_SQL = `SELECT ${agg(`SELECT ${SUPPORT_ITEM_COLUMNS} FROM support_history WHERE company_id = $1::bigint ORDER BY year DESC, program_name`)} AS items,
         (SELECT row_to_json(r) FROM (${COHORT_SELECT('$1::bigint', '$2::date')}) r) AS cohort,
         ${agg(`SELECT ${PROGRAM_COLUMNS} FROM programs p WHERE p.closes_on >= $2::date ORDER BY p.opens_on, p.id`)} AS programs`;

/**
 * The same reads without an audit row: the pop runs them next to popDetails (which writes the
 * pop's audit row) on a second connection, so their cold page reads overlap.
 */
export async function insightReadsOnly(db: Queryable, companyId: string, day: string): Promise<InsightReads> {
  const { rows } = await db.query<Omit<InsightReads, 'cohort'> & { cohort: CohortRow | null }>(named('insightReadsOnly', INSIGHT_READ_SQL, [companyId, day]));
  const r = rows[0]!;
  return { ...r, cohort: r.cohort ? cohortFromRow(r.cohort) : null };
}

/** A company's support items, cohort and the open catalogue, with the audit row of the read: one statement. */
export async function insightReads(db: Queryable, companyId: string, day: string, audit: { at: Date; actorId: string; actorName: string; actorRole: string; action: string }): Promise<InsightReads> {
  const { rows } = await db.query<Omit<InsightReads, 'cohort'> & { cohort: CohortRow | null }>(named('insightReads', INSIGHT_SQL, [
    companyId, day, audit.at, audit.actorId, audit.actorName, audit.actorRole, audit.action,
  ]));
  const r = rows[0]!;
  return { ...r, cohort: r.cohort ? cohortFromRow(r.cohort) : null };
}
