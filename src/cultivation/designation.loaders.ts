// The batched reads of the registry a request shares: designations by id and by enterprise (as of
// today), their history, and enterprises' verified level. One statement per batch.
import { newLoader, type LoaderSettings } from '../db/loaders';
import type { Sql } from '../db/sql';
import type { SpecializationLevel } from '../services/eligibility';
import { designationsOn } from './designation-reads';
import { DesignationChange } from './designation-change.entity';
import { Designation } from './designation.entity';
import { verifiedSpecializationOn } from './registry-today';

/** Rows grouped by a key, answered in the order of `keys`. */
function groupedBy<K, T>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): T[][] {
  const groups = new Map<K, T[]>();
  for (const row of rows) groups.set(keyOf(row), [...(groups.get(keyOf(row)) ?? []), row]);
  return keys.map((key) => groups.get(key) ?? []);
}

export function createDesignationLoaders(sql: Sql, settings: LoaderSettings) {
  const hydrate = sql.hydrator(Designation);
  const byKey = newLoader<number, Designation | null>(settings, async (keys) => {
    const rows = (
      await sql.rows(`SELECT * FROM ${designationsOn()} t WHERE t.id = ANY($1::int[])`, [keys])
    ).map(hydrate);
    const found = new Map(rows.map((row) => [row.key, row]));
    return keys.map((key) => found.get(key) ?? null);
  });
  return {
    byKey,
    /** Remembers designations a list already read, so that loading one again costs nothing. */
    prime(designations: Designation[]) {
      for (const designation of designations) byKey.prime(designation.key, designation);
    },
    /** Every designation of each enterprise (row id), newest first, whatever its status. */
    byEnterprise: newLoader<number, Designation[]>(settings, async (keys) =>
      groupedBy(
        keys,
        (
          await sql.rows(
            `SELECT * FROM ${designationsOn()} t WHERE t.enterprise_id = ANY($1::int[]) ORDER BY t.enterprise_id, t.id DESC`,
            [keys],
          )
        ).map(hydrate),
        (designation) => designation.enterpriseId,
      ),
    ),
    /** Every status change of each designation, oldest first. */
    history: newLoader<number, DesignationChange[]>(settings, async (keys) => {
      const rows = await sql.rows(
        'SELECT * FROM designation_change WHERE designation_id = ANY($1::int[]) ORDER BY designation_id, id',
        [keys],
      );
      return groupedBy(keys, rows.map(sql.hydrator(DesignationChange)), (c) => c.designationId);
    }),
    /** Each enterprise's verified level today (registry-today.ts). */
    verifiedLevel: newLoader<number, SpecializationLevel>(settings, async (keys) => {
      const rows = await sql.rows<{ id: number; level: SpecializationLevel }>(
        `SELECT e.id, ${verifiedSpecializationOn('e.id')} AS level FROM enterprise e WHERE e.id = ANY($1::int[])`,
        [keys],
      );
      const found = new Map(rows.map((row) => [row.id, row.level]));
      return keys.map((key) => found.get(key)!);
    }),
  };
}

export type DesignationLoaders = ReturnType<typeof createDesignationLoaders>;
