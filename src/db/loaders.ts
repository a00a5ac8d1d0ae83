import DataLoader from 'dataloader';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { hydrator } from './rows';

/**
 * A per-request loader of rows by a unique column: one `= ANY($1)` statement per batch,
 * answers in key order, null where no row has the key.
 */
export function rowsByUniqueKey<T extends ObjectLiteral, K extends string | number>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  column: string,
  sqlType: 'int' | 'text' | 'bpchar' | 'uuid',
  keyOf: (row: T) => K,
): DataLoader<K, T | null> {
  const table = dataSource.getMetadata(target).tableName;
  const hydrate = hydrator(dataSource, target);
  return new DataLoader<K, T | null>(async (keys) => {
    const rows: Record<string, unknown>[] = await dataSource.query(
      `SELECT * FROM ${table} WHERE ${column} = ANY($1::${sqlType}[])`,
      [keys],
    );
    const byKey = new Map(
      rows.map((row) => {
        const entity = hydrate(row);
        return [keyOf(entity), entity] as const;
      }),
    );
    return keys.map((key) => byKey.get(key) ?? null);
  });
}
