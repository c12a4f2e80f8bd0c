import { named } from '../db/pool';
import type { CompanySummary, ContactDto } from '@cc1357/contracts';
import type { Queryable } from '../db/pool';

export const COMPANY_COLUMNS = `c.id::text AS id, c.name, c.biz_reg_no AS "bizRegNo", c.representative, c.region,
  c.ksic_code || ' ' || c.ksic_label AS industry, c.size_class AS "sizeClass", c.employees,
  to_char(c.founded_on, 'YYYY-MM-DD') AS "foundedOn"`;

export async function companyExists(db: Queryable, id: string): Promise<boolean> {
  if (!/^\d{1,18}$/.test(id)) return false;
  const { rowCount } = await db.query('SELECT 1 FROM companies WHERE id = $1', [id]);
  return (rowCount ?? 0) > 0;
}

/** Every contact of a company (`companyId`: an SQL expression) with its phones: the company view and the pop. */
export const CONTACTS_OF_COMPANY = (companyId: string) => `SELECT ct.id::text AS id, ct.name, ct.title,
            COALESCE((SELECT json_agg(json_build_object('number', p.number, 'kind', p.kind) ORDER BY p.id)
                        FROM contact_phones p WHERE p.contact_id = ct.id), '[]') AS phones
       FROM contact_companies cc JOIN contacts ct ON ct.id = cc.contact_id
      WHERE cc.company_id = ${companyId} ORDER BY ct.id LIMIT 50`;

export async function contactsOfCompany(db: Queryable, companyId: string): Promise<ContactDto[]> {
  const { rows } = await db.query<ContactDto>(named('contactsOfCompany', CONTACTS_OF_COMPANY('$1'), [companyId]));
  return rows;
}

export async function companyById(db: Queryable, id: string): Promise<CompanySummary | null> {
  if (!/^\d{1,18}$/.test(id)) return null;
  const { rows } = await db.query<CompanySummary>(`SELECT ${COMPANY_COLUMNS} FROM companies c WHERE c.id = $1`, [id]);
  return rows[0] ?? null;
}
