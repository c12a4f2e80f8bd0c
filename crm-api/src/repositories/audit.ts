import { named } from '../db/pool';
import type { Queryable } from '../db/pool';

export interface AuditEntry {
  actorId: string;
  actorName: string;
  actorRole: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  details?: Record<string, unknown>;
  at?: Date;
}

export async function writeAudit(db: Queryable, e: AuditEntry): Promise<void> {
  await db.query(
    named(
      'writeAudit',
      `INSERT INTO audit_log (at, actor_id, actor_name, actor_role, action, subject_type, subject_id, details)
     VALUES (COALESCE($1, now()), $2, $3, $4, $5, $6, $7, $8)`,
      [
        e.at ?? null,
        e.actorId,
        e.actorName,
        e.actorRole,
        e.action,
        e.subjectType,
        e.subjectId,
        JSON.stringify(e.details ?? {}),
      ],
    ),
  );
}
