// Connections of entities: runs the keyset queries of page-query.ts, turns rows into entities,
// hands them to the request's loaders (so later fields cost no statement) and shapes the page.
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { toConnection, type ConnectionShape, type PageWindow } from '../schema/pagination';
import { countRows, fetchPage, fetchPagesByKey, type PageRow, type PageSource } from './page-query';
import { SqlParameters, hydrator } from './rows';

export interface EntityListContext<T> {
  dataSource: DataSource;
  /** Remembers the rows a list read in the request's loaders; optional. */
  prime?(entities: T[]): void;
}

function itemsOf<T extends ObjectLiteral>(
  context: EntityListContext<T>,
  target: EntityTarget<T>,
  rows: PageRow[],
) {
  const hydrate = hydrator(context.dataSource, target);
  const items = rows.map(({ row, sortValues }) => ({ node: hydrate(row), sortValues }));
  context.prime?.(items.map((item) => item.node));
  return items;
}

/** One page of one list; `source` is built afresh for the count, which runs only if asked for. */
export async function entityPage<T extends ObjectLiteral>(
  context: EntityListContext<T>,
  target: EntityTarget<T>,
  source: (params: SqlParameters) => PageSource,
  window: PageWindow,
): Promise<ConnectionShape<T>> {
  const params = new SqlParameters();
  const rows = await fetchPage(context.dataSource, source(params), window, params);
  return toConnection(itemsOf(context, target, rows), window, () => {
    const countParams = new SqlParameters();
    return countRows(context.dataSource, source(countParams), countParams);
  });
}

/** The same page of many lists, one per key, in one statement (see fetchPagesByKey). */
export async function entityPagesByKey<T extends ObjectLiteral, K extends string | number>(
  context: EntityListContext<T>,
  target: EntityTarget<T>,
  keys: readonly K[],
  keyType: 'int' | 'text' | 'bpchar',
  build: Parameters<typeof fetchPagesByKey<K>>[3],
  window: PageWindow,
): Promise<ConnectionShape<T>[]> {
  const pages = await fetchPagesByKey(context.dataSource, keys, keyType, build, window);
  return keys.map((key) => {
    const page = pages.get(key);
    return toConnection(itemsOf(context, target, page?.rows ?? []), window, () => page?.total ?? 0);
  });
}
