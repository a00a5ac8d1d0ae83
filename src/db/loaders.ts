// Per-request DataLoaders over SQL: one statement per batch of keys.
import DataLoader from 'dataloader';
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { columnList } from './page-query';
import type { Sql } from './sql';

/** How a request's loaders behave; batching is switched off only by the benchmark's floor. */
export interface LoaderSettings {
  batch: boolean;
}

export const BATCHED: LoaderSettings = { batch: true };

export function newLoader<K, V>(
  settings: LoaderSettings,
  load: (keys: readonly K[]) => Promise<V[]>,
): DataLoader<K, V> {
  return new DataLoader<K, V>(load, { batch: settings.batch });
}

/**
 * A loader of rows by a unique column: one `= ANY($1)` statement per batch, answers in key
 * order, null where no row has the key. `columns` (every column when null) must include the key.
 */
export function rowsByUniqueKey<T extends ObjectLiteral, K extends string | number>(
  sql: Sql,
  target: EntityTarget<T>,
  column: string,
  sqlType: 'int' | 'text' | 'bpchar' | 'uuid',
  keyOf: (row: T) => K,
  settings: LoaderSettings = BATCHED,
  columns: readonly string[] | null = null,
): DataLoader<K, T | null> {
  const table = sql.dataSource.getMetadata(target).tableName;
  const hydrate = sql.hydrator(target);
  return newLoader<K, T | null>(settings, async (keys) => {
    const rows = await sql.rows(
      `SELECT ${columnList(columns)} FROM ${table} t WHERE t.${column} = ANY($1::${sqlType}[])`,
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
