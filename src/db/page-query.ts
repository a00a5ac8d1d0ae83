// Keyset pages in SQL, written once for every connection: a single page of one list, and
// pages of many lists at once (one per parent key, for DataLoader), each cut by its own
// `LATERAL (… ORDER BY … LIMIT n + 1)` so that only the rows returned are read — never by
// numbering every candidate, never by loading everything and slicing in JavaScript. Only the
// columns a selection needs are read, and totals only when asked for.
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

/** What of a list a request reads: which columns of its rows, and whether its total. */
export interface ListReading {
  /** The columns of the listed table; every column when null. */
  columns: readonly string[] | null;
  withTotals: boolean;
}

/** Where the rows of a list come from. */
export interface PageSource {
  /** The columns of `t` to return (plus the sort key); every column when absent. */
  columns?: readonly string[] | null;
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

/** `t.*`, or the listed columns of `t`. */
export function columnList(columns: readonly string[] | null | undefined, alias = 't'): string {
  return columns ? columns.map((column) => `${alias}.${column}`).join(', ') : `${alias}.*`;
}

function selectCandidates(source: PageSource, where: string[] = source.where): string {
  const sortColumns = source.sort.map((column, index) => `${column.sql} AS __sort${index}`);
  const conditions = where.length ? `WHERE ${where.join(' AND ')}` : '';
  return `SELECT ${columnList(source.columns)}, ${sortColumns.join(', ')} FROM ${source.from} ${conditions}`;
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
  /** Rows of the whole list; null when it was not asked for. */
  total: number | null;
}

/**
 * The same page (same filter, same window) of many lists at once, one list per key, in one
 * statement: each key's page is a `LATERAL` subquery that reads its own rows in sort order and
 * stops at `size + 1` (served by an index on the key and the sort column). `partition` is the
 * SQL of a row's key — or null when `source.from` itself reads only the rows of the key in
 * `k.__list` (e.g. a recursive walk down from it). Totals, when asked for, are counted per key in
 * the same statement.
 */
export async function fetchPagesByKey<K extends string | number>(
  sql: SqlRunner,
  keys: readonly K[],
  keyType: 'int' | 'text' | 'bpchar',
  build: (params: SqlParameters) => { source: PageSource; partition: string | null },
  window: KeysetWindow,
  withTotals: boolean,
): Promise<Map<K, KeyedPage>> {
  const params = new SqlParameters();
  const keysParam = `${params.add(keys)}::${keyType}[]`;
  const { source, partition } = build(params);
  const ofKey = [...(partition ? [`${partition} = k.__list`] : []), ...source.where];
  const where = ofKey.length ? `WHERE ${ofKey.join(' AND ')}` : '';
  const keyset = keysetConditions(window, source.sort, params, 'c');
  const limit = `${params.add(window.size + 1)}::int`;
  // Counted in a LATERAL of its own, once per key: as a subquery in the select list it ran again
  // for every row of the key's page (a subtree walked 101 times for a page of 100 descendants).
  const total = withTotals
    ? `CROSS JOIN LATERAL (SELECT count(*)::int AS __total FROM ${source.from} ${where}) n`
    : '';
  const text = `${withClause(source, [])}
    SELECT k.__list${withTotals ? ', n.__total' : ''}, p.*
      FROM unnest(${keysParam}) WITH ORDINALITY AS k(__list, __ord)
      ${total}
      LEFT JOIN LATERAL (
        SELECT * FROM (${selectCandidates(source, ofKey)}) c
         ${keyset.length ? `WHERE ${keyset.join(' AND ')}` : ''}
         ORDER BY ${orderBy(source.sort, 'c', window.backward)}
         LIMIT ${limit}) p ON true
     ORDER BY k.__ord, ${orderBy(source.sort, 'p', window.backward)}`;
  const rows = await sql.rows(text, params.values, { heavy: source.heavy });

  const pages = new Map<K, KeyedPage>();
  for (const row of rows) {
    const key = (keyType === 'int' ? Number(row.__list) : String(row.__list)) as K;
    let page = pages.get(key);
    if (!page)
      pages.set(key, (page = { rows: [], total: withTotals ? Number(row.__total) : null }));
    if (row.__sort0 !== null) page.rows.push({ row, sortValues: readSortValues(row, source.sort) });
  }
  if (window.backward) for (const page of pages.values()) page.rows.reverse();
  return pages;
}
