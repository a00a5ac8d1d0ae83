// Pages of entities: runs the keyset queries of page-query.ts and turns rows into entities. What
// comes back is rows and counts; the GraphQL layer (schema/pagination.ts) shapes connections.
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import {
  countRows,
  fetchPage,
  fetchPagesByKey,
  type KeysetWindow,
  type PageRow,
  type PageSource,
  type SortValues,
} from './page-query';
import { SqlParameters } from './rows';
import type { SqlRunner } from './sql';

/** One item of a page and the values of its sort key (for its cursor). */
export interface PageItem<T> {
  node: T;
  sortValues: SortValues;
}

/**
 * Up to `window.size + 1` items in sort order (turned round already for backward pages): the
 * extra item only tells that more follow. `total` counts the whole list, only when called.
 */
export interface KeysetPage<T> {
  items: PageItem<T>[];
  total(): Promise<number> | number;
}

export interface EntityListOptions<T> {
  sql: SqlRunner;
  /** Remembers the entities a list read (e.g. in the request's loaders); optional. */
  prime?(entities: T[]): void;
}

function itemsOf<T extends ObjectLiteral>(
  options: EntityListOptions<T>,
  target: EntityTarget<T>,
  rows: PageRow[],
): PageItem<T>[] {
  const hydrate = options.sql.hydrator(target);
  const items = rows.map(({ row, sortValues }) => ({ node: hydrate(row), sortValues }));
  options.prime?.(items.map((item) => item.node));
  return items;
}

/** One page of one list; `source` is built afresh for the count, which runs only if asked for. */
export async function entityPage<T extends ObjectLiteral>(
  options: EntityListOptions<T>,
  target: EntityTarget<T>,
  source: (params: SqlParameters) => PageSource,
  window: KeysetWindow,
): Promise<KeysetPage<T>> {
  const params = new SqlParameters();
  const rows = await fetchPage(options.sql, source(params), window, params);
  return {
    items: itemsOf(options, target, rows),
    total: () => {
      const countParams = new SqlParameters();
      return countRows(options.sql, source(countParams), countParams);
    },
  };
}

/**
 * The same page of many lists, one per key, in one statement (see fetchPagesByKey); totals are
 * counted only `withTotals`.
 */
export async function entityPagesByKey<T extends ObjectLiteral, K extends string | number>(
  options: EntityListOptions<T>,
  target: EntityTarget<T>,
  keys: readonly K[],
  keyType: 'int' | 'text' | 'bpchar',
  build: Parameters<typeof fetchPagesByKey<K>>[3],
  window: KeysetWindow,
  withTotals: boolean,
): Promise<KeysetPage<T>[]> {
  const pages = await fetchPagesByKey(options.sql, keys, keyType, build, window, withTotals);
  return keys.map((key) => {
    const page = pages.get(key);
    return {
      items: itemsOf(options, target, page?.rows ?? []),
      total: () => {
        if (page && page.total === null) throw new Error('totals were not read for this list');
        return page?.total ?? 0;
      },
    };
  });
}
