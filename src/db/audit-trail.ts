// The audit trail's writer: every write to the network (institutions, services, moves, events,
// imports, API keys) appends what changed, who did it and when, in the caller's transaction, so
// that a write and its entry commit or roll back together. It sits below every domain, like the
// change feed, because every domain writes through it; the domains hand it their viewer, whose
// shape it names here without knowing the auth domain. Reading the trail is the audit domain's.
// The table is append-only: a trigger refuses UPDATE, DELETE and TRUNCATE (see the migration).
import type { SqlRunner } from './sql';

/** Who made a change: an API key (its public id and name, never the key) or the console. */
export interface AuditActor {
  keyId: string | null;
  name: string | null;
  /** The caller's role (PUBLIC, PARTNER, INSTITUTION_STAFF, ADMIN). */
  role: string;
}

/** One field's values around a change; null where the field had, or has, no value. */
export interface FieldChange {
  before: unknown;
  after: unknown;
}

export type AuditChanges = Record<string, FieldChange>;

/** One entry: what was done (`institution.move`) to which record (`institution`, `C-441900`). */
export interface AuditRecord {
  action: string;
  entityType: string;
  entityCode: string;
  changes: AuditChanges;
}

/** A person at the server's console (`npm run keys`, `npm run import`): no key, full powers. */
export function consoleActor(tool: string): AuditActor {
  return { keyId: null, name: `console: npm run ${tool}`, role: 'ADMIN' };
}

/** JSON has no Date, bigint or undefined: values as the API shows them. */
function plain(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  return value;
}

const same = (a: unknown, b: unknown) => JSON.stringify(plain(a)) === JSON.stringify(plain(b));

/**
 * The fields whose values differ between `before` and `after` (a new record: `before` null),
 * named as the API names them. Fields equal on both sides are left out.
 */
export function fieldChanges<T extends Record<string, unknown>>(
  before: Partial<T> | null,
  after: Partial<T> | null,
  fields: readonly (keyof T & string)[],
): AuditChanges {
  const changes: AuditChanges = {};
  for (const field of fields) {
    const was = before ? before[field] : null;
    const is = after ? after[field] : null;
    if (!same(was ?? null, is ?? null))
      changes[field] = { before: plain(was ?? null), after: plain(is ?? null) };
  }
  return changes;
}

/** Appends entries to the audit trail, in one statement, in the caller's transaction. */
export async function recordAudit(
  transaction: SqlRunner,
  actor: AuditActor,
  records: readonly AuditRecord[],
): Promise<void> {
  if (records.length === 0) return;
  await transaction.run(
    `INSERT INTO audit_entry (actor_key_id, actor_name, actor_role, action, entity_type, entity_code, changes)
     SELECT $1, $2, $3::role, x.action, x.entity_type, x.entity_code, x.changes
       FROM unnest($4::text[], $5::text[], $6::text[], $7::jsonb[]) WITH ORDINALITY
            AS x(action, entity_type, entity_code, changes, n)
      ORDER BY x.n`,
    [
      actor.keyId,
      actor.name,
      actor.role,
      records.map((record) => record.action),
      records.map((record) => record.entityType),
      records.map((record) => record.entityCode),
      records.map((record) => JSON.stringify(record.changes)),
    ],
  );
}
