// One "partial update, then audit" for every record a mutation changes field by field (events,
// institutions, services, and the programmes' to come): the columns the input set, in one
// UPDATE, and one audit entry naming the fields whose values changed, in the caller's
// transaction. The caller holds the row's lock, so that the entry's "before" is what the update
// replaced.
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { fieldChanges, recordAudit, type AuditActor } from './audit-trail';
import type { SqlRunner } from './sql';

/** A column the input sets, its value, and the cast its parameter needs (`::enterprise_scale[]`). */
export type ColumnChange = readonly [column: string, value: unknown, cast?: string];

export interface AuditedUpdate<T, Audited extends Record<string, unknown>> {
  /** The table, also the audit entry's entity type (`event`; the action is `event.update`). */
  table: string;
  entity: EntityTarget<T>;
  /** The columns to set; none leaves the row, and the trail, as they are. */
  changes: readonly ColumnChange[];
  /** The record as the audit trail shows it, named as the API names its fields. */
  audited: (record: T) => Audited;
  fields: readonly (keyof Audited & string)[];
}

/**
 * Sets `changes` on `current`'s row (and `updated_at`) and records the fields that changed;
 * a change to what a field already was is no change, and is not recorded as one. Returns the
 * record as it is afterwards. Column names come from the code, never from the input.
 */
export async function updateAudited<
  T extends ObjectLiteral & { key: number; code: string },
  Audited extends Record<string, unknown>,
>(
  transaction: SqlRunner,
  actor: AuditActor,
  current: T,
  update: AuditedUpdate<T, Audited>,
): Promise<T> {
  const { table, changes, audited, fields } = update;
  if (changes.length === 0) return current;
  const assignments = changes
    .map(([column, , cast], index) => `${column} = $${index + 2}${cast ?? ''}`)
    .join(', ');
  const [row] = await transaction.rows(
    `UPDATE ${table} SET ${assignments}, updated_at = now() WHERE id = $1 RETURNING *`,
    [current.key, ...changes.map(([, value]) => value)],
  );
  const updated = transaction.hydrator(update.entity)(row);
  const diff = fieldChanges(audited(current), audited(updated), fields);
  if (Object.keys(diff).length > 0) {
    await recordAudit(transaction, actor, [
      { action: `${table}.update`, entityType: table, entityCode: updated.code, changes: diff },
    ]);
  }
  return updated;
}
