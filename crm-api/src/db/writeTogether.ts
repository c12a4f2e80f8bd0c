import { createHash } from 'node:crypto';
import { named, type Queryable } from './pool';

/**
 * One data-modifying statement (INSERT, UPDATE or DELETE, without a WITH clause of its own: a
 * data-modifying CTE must be at the top level) and its parameters, numbered from $1. `name` names
 * the SQL text: the same name must always come with the same text.
 */
export interface WritePart {
  name: string;
  sql: string;
  params: readonly unknown[];
}

/**
 * Runs write parts as one named statement, each part a data-modifying CTE: one round trip instead
 * of one per part. Every round trip to PostgreSQL costs both processes a socket write, a wake-up
 * and a read (`writev` was the largest self time in crm-api's profile at 60 calls/s; at the
 * rates the bench keeps, the ingest's batches are few enough that saving four or five of their
 * round trips did not show in the CPU figures: docs/bench-history.md).
 *
 * The parts run on one snapshot and none sees another's rows, so they must write different rows
 * and none may read what another writes: independent writes only, e.g. the tables a call's events
 * are folded into. A part that is alone runs as it is.
 */
export async function writeTogether(db: Queryable, parts: readonly WritePart[]): Promise<void> {
  if (parts.length === 0) return;
  if (parts.length === 1) {
    const [part] = parts as [WritePart];
    await db.query(named(part.name, part.sql, [...part.params]));
    return;
  }
  const { name, sql, params } = combined(parts);
  await db.query(named(name, sql, params));
}

/**
 * Parts as the CTEs w0, w1, … of one statement whose own query is `tail` (by default `SELECT 1`,
 * which reads none of them: data-modifying CTEs run to completion anyway). A tail may read the
 * parts by those names, e.g. a RETURNING clause's rows, or run a plain query part, which only
 * runs when read. The name joins the parts' names and the tail's, so each text has its own.
 */
export function combined(
  parts: readonly WritePart[],
  tail: { name: string; sql: string } = { name: '', sql: 'SELECT 1' },
): { name: string; sql: string; params: unknown[] } {
  const params = parts.flatMap((part) => part.params);
  const full = parts.map((p) => p.name).join('+') + (tail.name ? `:${tail.name}` : '');
  // A name always comes with the same text, so an ingest batch reuses it instead of renumbering
  // (checked: a name with another text is a bug that would otherwise run the first text).
  let statement = statements.get(full);
  if (statement && !statement.sources.every((sql, i) => sql === parts[i]?.sql))
    throw new Error(`write parts ${full} came with another SQL text than before`);
  if (!statement) {
    let offset = 0;
    const ctes = parts.map((part, i) => {
      const cte = `w${i} AS (${renumbered(part.sql, offset, part.params.length, part.name)})`;
      offset += part.params.length;
      return cte;
    });
    statement = {
      name: statementName(full),
      sql: `WITH ${ctes.join(',\n')}\n${tail.sql}`,
      sources: parts.map((p) => p.sql),
    };
    statements.set(full, statement);
  }
  return { name: statement.name, sql: statement.sql, params };
}

/** The statements combined so far, by their parts' and tail's names (a handful of combinations). */
const statements = new Map<string, { name: string; sql: string; sources: string[] }>();

/** PostgreSQL keeps 63 bytes of a statement's name: a longer one is cut and ends with its hash. */
const MAX_NAME = 63;
function statementName(full: string): string {
  if (full.length <= MAX_NAME) return full;
  return `${full.slice(0, MAX_NAME - 13)}#${createHash('sha1').update(full).digest('hex').slice(0, 12)}`;
}

/** `$n` → `$(n + offset)`; a placeholder beyond the part's own parameters is a bug in the part. */
function renumbered(sql: string, offset: number, count: number, name: string): string {
  return sql.replace(/\$(\d+)/g, (_, digits: string) => {
    const n = Number(digits);
    if (n < 1 || n > count) throw new Error(`write part ${name} uses $${n} but has ${count} parameters`);
    return `$${n + offset}`;
  });
}
