import { named } from '../db/pool';
import type {
  CallbackDto,
  CompanySummary,
  ConsultationDto,
  ContactDto,
  RelayDto,
  SupportHistoryItem,
} from '@cc1357/contracts';
import type { Queryable } from '../db/pool';
import { CALLBACK_COLUMNS } from './callbacks';
import { COMPANY_COLUMNS, CONTACTS_OF_COMPANY } from './companies';
import { DTO_COLUMNS } from './consultations';
import { RELAY_COLUMNS } from './relays';
import { cohortFromRow, SUPPORT_ITEM_COLUMNS, COHORT_SELECT, type CohortRow, type CompanyCohort } from './support';

/*
 * The screen pop in two statements run side by side on two connections, each one prepared
 * statement: who the caller is — the number's owners, the companies to show (the company of a
 * 사업자등록번호 when there is one, else the number's), the one company when exactly one, the
 * contacts behind the number — is decided once, in SQL (callerCte), and both statements start
 * from it. popMain returns that with contacts, open items and the IVR path, and writes the audit
 * row (a data-modifying CTE of the same statement, committed with it); popHistory returns the
 * recent consultations and the shown company's support items and cohort (the catalogue comes
 * from the services' cache). So
 * a pop is one round trip whose cold page reads (about a dozen at national scale) are split
 * between two connections, not the keys first and everything else after.
 * Every sub-select is the query the repositories run on their own (same columns, same order),
 * turned into JSON with json_agg over its ordered rows.
 */

/** json_agg of an ordered query's rows, [] when it has none. */
const agg = (query: string) => `COALESCE((SELECT json_agg(r) FROM (${query}) r), '[]')`;

/**
 * The caller's identity from a number and a 사업자등록번호 (either may be NULL): caller_pick is
 * one row — status (withheld / known / ambiguous / new), the company shown when known, and the
 * contact ids behind the number (of that company when known; all of them otherwise), in text order.
 */
const callerCte = (num: string, reg: string) => `caller_owners AS MATERIALIZED (
    SELECT DISTINCT p.contact_id, cc.company_id FROM contact_phones p LEFT JOIN contact_companies cc ON cc.contact_id = p.contact_id
     WHERE p.number = ${num}),
  caller_by_reg AS MATERIALIZED (SELECT c.id FROM companies c WHERE c.biz_reg_no = ${reg}),
  caller_listed AS MATERIALIZED (
    SELECT id FROM caller_by_reg
    UNION
    SELECT company_id FROM caller_owners WHERE company_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM caller_by_reg)),
  caller_pick AS MATERIALIZED (
    SELECT CASE WHEN k.n = 1 THEN (SELECT id FROM caller_listed) END AS company_id,
           CASE WHEN ${num} IS NULL AND k.n = 0 THEN 'withheld' WHEN k.n = 1 THEN 'known' WHEN k.n > 1 THEN 'ambiguous' ELSE 'new' END AS status,
           ARRAY(SELECT DISTINCT o.contact_id::text FROM caller_owners o
                  WHERE k.n <> 1 OR o.company_id = (SELECT id FROM caller_listed) ORDER BY 1) AS contact_ids
      FROM (SELECT count(*)::int AS n FROM caller_listed) k)`;

export interface PopMainInput {
  number: string | null;
  /** A valid, normalised 사업자등록번호, or null. */
  bizRegNo: string | null;
  callId: string | null;
  audit: { at: Date; actorId: string; actorName: string; actorRole: string };
}

export interface PopMain {
  status: 'withheld' | 'known' | 'ambiguous' | 'new';
  companies: CompanySummary[];
  contact: ContactDto | null;
  contacts: ContactDto[];
  followUps: ConsultationDto[];
  callbacks: CallbackDto[];
  relays: RelayDto[];
  /** The partners' latest answers to relays of this company / number. */
  relayOutcomes: RelayDto[];
  ivrPath: string[] | null;
}

const CONTACT_OF = (idExpr: string) => `SELECT ct.id::text AS id, ct.name, ct.title,
    COALESCE((SELECT json_agg(json_build_object('number', p.number, 'kind', p.kind) ORDER BY p.id)
                FROM contact_phones p WHERE p.contact_id = ct.id), '[]') AS phones
  FROM contacts ct WHERE ct.id = ${idExpr}`;

// $1 number, $2 사업자등록번호, $3 call id, $4–$7 the audit row. cp = caller_pick's one row.
const MAIN_SQL = `WITH ${callerCte('$1::text', '$2::text')},
  caller_shown AS MATERIALIZED (SELECT ${COMPANY_COLUMNS} FROM companies c WHERE c.id IN (SELECT id FROM caller_listed) ORDER BY c.name, c.id),
  audit AS (
    -- Runs to completion whatever the SELECT reads (a data-modifying CTE), in the statement's transaction.
    INSERT INTO audit_log (at, actor_id, actor_name, actor_role, action, subject_type, subject_id, details)
    SELECT $4, $5, $6, $7, 'caller.pop', 'caller', $1::text,
           json_strip_nulls(json_build_object('status', cp.status,
             'companyIds', COALESCE((SELECT json_agg(s.id) FROM caller_shown s), '[]'), 'bizRegNo', $2::text))
      FROM caller_pick cp)
  SELECT cp.status,
    COALESCE((SELECT json_agg(s) FROM caller_shown s), '[]') AS companies,
    (SELECT row_to_json(r) FROM (${CONTACT_OF('cp.contact_ids[1]::bigint')}) r WHERE cardinality(cp.contact_ids) = 1) AS contact,
    CASE WHEN cp.company_id IS NOT NULL
      THEN ${agg(CONTACTS_OF_COMPANY('cp.company_id'))}
      ELSE ${agg(`SELECT c.* FROM unnest(cp.contact_ids[1:10]) WITH ORDINALITY AS w(id, n)
           CROSS JOIN LATERAL (${CONTACT_OF('w.id::bigint')}) c ORDER BY w.n`)}
    END AS contacts,
    ${agg(`SELECT ${DTO_COLUMNS} FROM consultations k JOIN users u ON u.id = k.counselor_id
        WHERE (cp.company_id IS NOT NULL OR $1::text IS NOT NULL)
          AND k.outcome = 'followUp' AND k.follow_up_closed_at IS NULL AND (k.company_id = cp.company_id OR k.caller_number = $1::text)
        ORDER BY k.created_at DESC, k.id DESC LIMIT 10`)} AS "followUps",
    ${agg(`SELECT ${CALLBACK_COLUMNS} FROM callbacks b
        WHERE (cp.company_id IS NOT NULL OR $1::text IS NOT NULL)
          AND b.status IN ('open', 'dialing') AND (b.company_id = cp.company_id OR b.number = $1::text) ORDER BY b.due_at LIMIT 20`)} AS callbacks,
    ${agg(`SELECT ${RELAY_COLUMNS} FROM relays r LEFT JOIN companies co ON co.id = r.company_id
        WHERE (cp.company_id IS NOT NULL OR $1::text IS NOT NULL)
          AND r.status IN ('pending', 'accepted') AND (r.company_id = cp.company_id OR r.caller_number = $1::text) ORDER BY r.created_at DESC LIMIT 20`)} AS relays,
    ${agg(`SELECT ${RELAY_COLUMNS} FROM relays r LEFT JOIN companies co ON co.id = r.company_id
        WHERE (cp.company_id IS NOT NULL OR $1::text IS NOT NULL) AND r.outcome_at IS NOT NULL
          AND (r.company_id = cp.company_id OR r.caller_number = $1::text) ORDER BY r.outcome_at DESC, r.id DESC LIMIT 5`)} AS "relayOutcomes",
    CASE WHEN $3::text IS NOT NULL THEN COALESCE((SELECT json_agg(e.data->>'nodeId' ORDER BY e.at, e.id) FROM call_events e
        WHERE e.call_id = $3::text AND e.type = 'ivr.step' AND e.data->>'nodeId' IS NOT NULL AND e.data->>'nodeId' <> ''), '[]') END AS "ivrPath"
  FROM caller_pick cp`;

/** Who the caller is, contacts, open items and the IVR path, with the pop's audit row: one statement, one commit. */
export async function popMain(db: Queryable, p: PopMainInput): Promise<PopMain> {
  const { rows } = await db.query<PopMain>(
    named('popMain', MAIN_SQL, [
      p.number,
      p.bizRegNo,
      p.callId,
      p.audit.at,
      p.audit.actorId,
      p.audit.actorName,
      p.audit.actorRole,
    ]),
  );
  return rows[0]!;
}

/** A company's reads for its insight; the catalogue comes from the service's cache (services/catalogue). */
export interface InsightReads {
  items: SupportHistoryItem[];
  cohort: CompanyCohort | null;
}

/** A company's support items and its cohort: one row of JSON columns. */
const INSIGHT_COLUMNS = (companyId: string, day: string) =>
  `${agg(`SELECT ${SUPPORT_ITEM_COLUMNS} FROM support_history WHERE company_id = ${companyId} ORDER BY year DESC, program_name`)} AS items,
   (SELECT row_to_json(r) FROM (${COHORT_SELECT(companyId, day)}) r) AS cohort`;

// $1 company id, $2 day, $3–$7 the audit row; the row is written only for a company that exists
// (an unknown id is a 404 that read nothing).
const INSIGHT_SQL = `WITH audit AS (
    INSERT INTO audit_log (at, actor_id, actor_name, actor_role, action, subject_type, subject_id, details)
    SELECT $3, $4, $5, $6, $7, 'company', $1::text, '{}' WHERE EXISTS (SELECT 1 FROM companies WHERE id = $1::bigint))
  SELECT ${INSIGHT_COLUMNS('$1::bigint', '$2::date')}`;

// $1 number, $2 사업자등록번호, $3 day. The insight columns are null unless the caller is one known company.
const POP_HISTORY_SQL = `WITH ${callerCte('$1::text', '$2::text')}
  SELECT
    COALESCE((SELECT json_agg(r) FROM (
      (SELECT ${DTO_COLUMNS}, k.created_at AS _at, k.id AS _id FROM consultations k JOIN users u ON u.id = k.counselor_id
        WHERE cp.company_id IS NOT NULL AND k.company_id = cp.company_id ORDER BY k.created_at DESC, k.id DESC LIMIT 5)
      UNION ALL
      (SELECT ${DTO_COLUMNS}, k.created_at AS _at, k.id AS _id FROM consultations k JOIN users u ON u.id = k.counselor_id
        WHERE cp.company_id IS NULL AND $1::text IS NOT NULL AND k.caller_number = $1::text ORDER BY k.created_at DESC, k.id DESC LIMIT 5)
      ORDER BY _at DESC, _id DESC) r), '[]') AS recent,
    k.* FROM caller_pick cp LEFT JOIN LATERAL (SELECT ${INSIGHT_COLUMNS('cp.company_id', '$3::date')}) k ON cp.status = 'known'`;

/** The pop's two statements by name, for the test that checks what they read (test/prewarm.test.ts). */
export const POP_STATEMENTS = { popMain: MAIN_SQL, popHistory: POP_HISTORY_SQL } as const;

export interface PopHistory {
  recent: ConsultationDto[];
  /** Null unless the caller is one known company. */
  insight: InsightReads | null;
}

/**
 * The caller's history beside popMain on a second connection (no audit row: popMain writes the
 * pop's): recent consultations, and the shown company's insight. Starts from the same
 * callerCte, so it needs no answer from popMain; the two split the pop's cold page reads.
 */
export async function popHistory(
  db: Queryable,
  p: { number: string | null; bizRegNo: string | null; day: string },
): Promise<PopHistory> {
  const { rows } = await db.query<
    { recent: (ConsultationDto & { _at?: unknown; _id?: unknown })[] } & {
      items: SupportHistoryItem[] | null;
      cohort: CohortRow | null;
    }
  >(named('popHistory', POP_HISTORY_SQL, [p.number, p.bizRegNo, p.day]));
  const r = rows[0]!;
  const recent = r.recent.map(({ _at: _a, _id: _i, ...dto }) => dto);
  const insight = r.items ? { items: r.items, cohort: r.cohort ? cohortFromRow(r.cohort) : null } : null;
  return { recent, insight };
}

/** A company's support items, cohort and the open catalogue, with the audit row of the read: one statement. */
export async function insightReads(
  db: Queryable,
  companyId: string,
  day: string,
  audit: { at: Date; actorId: string; actorName: string; actorRole: string; action: string },
): Promise<InsightReads> {
  const { rows } = await db.query<Omit<InsightReads, 'cohort'> & { cohort: CohortRow | null }>(
    named('insightReads', INSIGHT_SQL, [
      companyId,
      day,
      audit.at,
      audit.actorId,
      audit.actorName,
      audit.actorRole,
      audit.action,
    ]),
  );
  const r = rows[0]!;
  return { ...r, cohort: r.cohort ? cohortFromRow(r.cohort) : null };
}
