// Keyset pages in SQL, written once for every connection: a single page of one list, and
// pages of many lists at once (one per parent key, for DataLoader) with per-key limits cut by a
// window function in the database, never by loading everything and slicing in JavaScript.
import { SqlParameters } from './rows';
import type { SqlRunner } from './sql';

/** Values of the sort key of one row, e.g. `[42]` or `[-0.83, 42]`. */
export type SortValues = (string | number)[];

/** Which rows of a sorted list a page holds: cut by the sort key, never by offset. */
export interface KeysetWindow {
  /** Rows wanted; one more is fetched to learn whether another page exists. */
  size: number;
  backward: boolean;
  after: SortValues | null;
  before: SortValues | null;
}

export interface SortColumn {
  /** SQL over the row alias `t`, e.g. `t.id` or a relevance score. */
  sql: string;
  /** PostgreSQL type of the value, to cast cursor values back. */
  type: 'int' | 'text' | 'bpchar' | 'float8';
}

/** The default order of a list: by row id, which only grows, so cursors survive inserts. */
export const BY_ROW_ID_SORT: SortColumn[] = [{ sql: 't.id', type: 'int' }];

/** Best match first (the score negated, since sort keys ascend), then by row id. */
export function byRelevance(score: string): SortColumn[] {
  return [{ sql: `-${score}`, type: 'float8' }, ...BY_ROW_ID_SORT];
}

/** `column = ANY(values)` when a filter lists values, nothing when it does not. */
export function anyOf(
  column: string,
  values: readonly string[] | null | undefined,
  type: string,
  params: SqlParameters,
): string[] {
  return values?.length ? [`${column} = ANY(${params.add(values)}::${type}[])`] : [];
}

/** Where the rows of a list come from; every column of `t` is returned. */
export interface PageSource {
  /** Extra common table expressions, e.g. a recursive walk of the tree. */
  ctes?: string[];
  recursive?: boolean;
  /** FROM clause naming the listed table `t`. */
  from: string;
  where: string[];
  /** A unique sort key, all ascending (negate a score to rank it descending). */
  sort: SortColumn[];
  /** Costs more than its page size says, e.g. a text search (see StatementOptions). */
  heavy?: boolean;
}

export interface PageRow {
  row: Record<string, unknown>;
  sortValues: SortValues;
}

const sortAliases = (sort: SortColumn[]) => sort.map((_, index) => `__sort${index}`);

function keysetConditions(
  window: KeysetWindow,
  sort: SortColumn[],
  params: SqlParameters,
  alias: string,
): string[] {
  const columns = `(${sortAliases(sort)
    .map((name) => `${alias}.${name}`)
    .join(', ')})`;
  const tuple = (values: SortValues) =>
    `(${values.map((value, index) => `${params.add(value)}::${sort[index].type}`).join(', ')})`;
  const conditions: string[] = [];
  if (window.after) conditions.push(`${columns} > ${tuple(window.after)}`);
  if (window.before) conditions.push(`${columns} < ${tuple(window.before)}`);
  return conditions;
}

function orderBy(sort: SortColumn[], alias: string, backward: boolean): string {
  return sortAliases(sort)
    .map((name) => `${alias}.${name} ${backward ? 'DESC' : 'ASC'}`)
    .join(', ');
}

function selectCandidates(source: PageSource, extraColumns: string[] = []): string {
  const sortColumns = source.sort.map((column, index) => `${column.sql} AS __sort${index}`);
  const where = source.where.length ? `WHERE ${source.where.join(' AND ')}` : '';
  return `SELECT t.*, ${[...sortColumns, ...extraColumns].join(', ')} FROM ${source.from} ${where}`;
}

function withClause(source: PageSource, more: string[]): string {
  const ctes = [...(source.ctes ?? []), ...more];
  return ctes.length ? `WITH ${source.recursive ? 'RECURSIVE ' : ''}${ctes.join(',\n')}` : '';
}

function readSortValues(row: Record<string, unknown>, sort: SortColumn[]): SortValues {
  return sort.map((column, index) => {
    const value = row[`__sort${index}`];
    return column.type === 'int' || column.type === 'float8' ? Number(value) : String(value);
  });
}

/** One page of one list, in sort order (fetched backwards for `last`, then turned round). */
export async function fetchPage(
  sql: SqlRunner,
  source: PageSource,
  window: KeysetWindow,
  params: SqlParameters,
): Promise<PageRow[]> {
  const keyset = keysetConditions(window, source.sort, params, 'q');
  // The limit is a parameter: the text stays the same for every page size.
  const text = `${withClause(source, [])}
    SELECT * FROM (${selectCandidates(source)}) q
    ${keyset.length ? `WHERE ${keyset.join(' AND ')}` : ''}
    ORDER BY ${orderBy(source.sort, 'q', window.backward)}
    LIMIT ${params.add(window.size + 1)}::int`;
  const rows = await sql.rows(text, params.values, { heavy: source.heavy });
  if (window.backward) rows.reverse();
  return rows.map((row) => ({ row, sortValues: readSortValues(row, source.sort) }));
}

/** How many rows the list has over all pages. */
export async function countRows(
  sql: SqlRunner,
  source: PageSource,
  params: SqlParameters,
): Promise<number> {
  const where = source.where.length ? `WHERE ${source.where.join(' AND ')}` : '';
  const [{ count }] = await sql.rows<{ count: number }>(
    `${withClause(source, [])} SELECT count(*)::int AS count FROM ${source.from} ${where}`,
    params.values,
    { heavy: source.heavy },
  );
  return count;
}

export interface KeyedPage {
  rows: PageRow[];
  total: number;
}

/**
 * The same page (same filter, same window) of many lists at once, one list per key: rows are
 * numbered per key by a window function and cut at `size + 1`; totals come from the same
 * statement. `source` is built around `keysParam`, the placeholder holding the keys, and
 * `partition` is the SQL of each row's key.
 */
export async function fetchPagesByKey<K extends string | number>(
  sql: SqlRunner,
  keys: readonly K[],
  keyType: 'int' | 'text' | 'bpchar',
  build: (keysParam: string, params: SqlParameters) => { source: PageSource; partition: string },
  window: KeysetWindow,
): Promise<Map<K, KeyedPage>> {
  const params = new SqlParameters();
  const keysParam = `${params.add(keys)}::${keyType}[]`;
  const { source, partition } = build(keysParam, params);
  const keyset = keysetConditions(window, source.sort, params, 'c');
  const text = `${withClause(source, [
    `candidates AS (${selectCandidates(source, [`${partition} AS __key`])})`,
    `totals AS (SELECT __key, count(*)::int AS __total FROM candidates GROUP BY __key)`,
    `page AS (SELECT c.*, row_number() OVER (PARTITION BY c.__key ORDER BY ${orderBy(source.sort, 'c', window.backward)}) AS __rn
                FROM candidates c ${keyset.length ? `WHERE ${keyset.join(' AND ')}` : ''})`,
  ])}
    SELECT totals.__key AS __list, totals.__total, page.*
      FROM totals LEFT JOIN page ON page.__key = totals.__key AND page.__rn <= ${params.add(window.size + 1)}::int
     ORDER BY totals.__key, page.__rn`;
  const rows = await sql.rows(text, params.values, { heavy: source.heavy });

  const pages = new Map<K, KeyedPage>();
  for (const row of rows) {
    const key = (keyType === 'int' ? Number(row.__list) : String(row.__list)) as K;
    let page = pages.get(key);
    if (!page) pages.set(key, (page = { rows: [], total: Number(row.__total) }));
    if (row.__rn !== null) page.rows.push({ row, sortValues: readSortValues(row, source.sort) });
  }
  if (window.backward) for (const page of pages.values()) page.rows.reverse();
  return pages;
}
