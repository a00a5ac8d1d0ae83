// SQL reads of institutions: lists of the whole network, (batched per request) the children, the
// subtree or the institutions of many parents or regions at once, the chain above, by code.
import { entityPage, entityPagesByKey, type KeysetPage } from '../db/entity-pages';
import { columnList, type KeysetWindow, type ListReading } from '../db/page-query';
import type { Sql, SqlRunner } from '../db/sql';
import { notFound, quote } from '../schema/errors';
import type { InstitutionContext } from './institution.context';
import { Institution } from './institution.entity';
import { institutionConditions, type InstitutionFilter } from './institution-filter';

/** The row ids of the category a list filter names, or null without a category filter. */
export async function filterCategoryKeys(
  context: Pick<InstitutionContext, 'categoryKeys'>,
  filter: { categoryCode?: string | null } | null | undefined,
): Promise<number[] | null> {
  const code = filter?.categoryCode;
  return code === null || code === undefined
    ? null
    : context.categoryKeys(code, 'filter.categoryCode');
}

export async function listInstitutions(
  context: InstitutionContext,
  filter: InstitutionFilter | null | undefined,
  window: KeysetWindow,
  { columns }: ListReading,
): Promise<KeysetPage<Institution>> {
  const categoryKeys = await filterCategoryKeys(context, filter);
  return entityPage(
    { sql: context.sql, prime: (rows) => context.institutions.prime(rows, columns) },
    Institution,
    (params) => ({
      from: 'institution t',
      columns,
      ...institutionConditions(filter, params, categoryKeys),
    }),
    window,
  );
}

/** Which institutions are listed under a key. */
export type InstitutionRelation =
  /** direct children of the institution with that row id */
  | 'children'
  /** every institution below the one with that row id, at any depth */
  | 'descendants'
  /** the institutions located in the region with that code (not below it) */
  | 'inRegion';

export async function institutionPagesByKey<K extends number | string>(
  context: InstitutionContext,
  relation: InstitutionRelation,
  keys: readonly K[],
  filter: InstitutionFilter | null | undefined,
  window: KeysetWindow,
  { columns, withTotals }: ListReading,
): Promise<KeysetPage<Institution>[]> {
  const categoryKeys = await filterCategoryKeys(context, filter);
  return entityPagesByKey(
    { sql: context.sql, prime: (rows) => context.institutions.prime(rows, columns) },
    Institution,
    keys,
    relation === 'inRegion' ? 'bpchar' : 'int',
    (params) => {
      const conditions = institutionConditions(filter, params, categoryKeys);
      switch (relation) {
        case 'children':
          return {
            source: { from: 'institution t', columns, ...conditions },
            partition: 't.parent_id',
          };
        case 'inRegion':
          return {
            source: { from: 'institution t', columns, ...conditions },
            partition: 't.region_code',
          };
        case 'descendants':
          // Each key's whole subtree, walked down from it inside its own LATERAL page
          // (parent_id is indexed; the tree is 4 deep): the work follows the subtrees read.
          return {
            source: {
              from: `(WITH RECURSIVE subtree(id) AS (
                        SELECT child.id FROM institution child WHERE child.parent_id = k.__list
                        UNION ALL
                        SELECT child.id FROM subtree JOIN institution child ON child.parent_id = subtree.id)
                      SELECT id FROM subtree) below JOIN institution t ON t.id = below.id`,
              columns,
              ...conditions,
            },
            partition: null,
          };
      }
    },
    window,
    withTotals,
  );
}

/**
 * For each row id, the institutions above it from its parent to the national centre: one
 * recursive statement for every chain of a request, whatever their lengths.
 */
export async function ancestorsByKey(
  sql: Sql,
  keys: readonly number[],
  columns: readonly string[] | null,
): Promise<Institution[][]> {
  const rows = await sql.rows(
    // Each step carries the row it reached, so that every level is one index lookup: joining the
    // chain to the table afterwards made the planner hash the whole table (it cannot tell how short
    // the chain is). Four tiers deep at most; the depth bound only guards against a cycle.
    `WITH RECURSIVE up AS (
       SELECT i.id AS __start, 1 AS __depth, t.parent_id AS __next, ${columnList(columns)}
         FROM institution i JOIN institution t ON t.id = i.parent_id WHERE i.id = ANY($1::int[])
       UNION ALL
       SELECT up.__start, up.__depth + 1, t.parent_id, ${columnList(columns)}
         FROM up JOIN institution t ON t.id = up.__next WHERE up.__depth < 16)
     SELECT * FROM up ORDER BY __start, __depth`,
    [keys],
  );
  const hydrate = sql.hydrator(Institution);
  const byStart = new Map<number, Institution[]>();
  for (const row of rows) {
    const start = Number(row.__start);
    const chain = byStart.get(start);
    if (chain) chain.push(hydrate(row));
    else byStart.set(start, [hydrate(row)]);
  }
  return keys.map((key) => byStart.get(key) ?? []);
}

/** The institution with a public code; NOT_FOUND naming `field` when there is none. */
export async function institutionByCode(
  sql: SqlRunner,
  code: string,
  field = 'code',
  /** Lock the row until the transaction ends (writes that record what it was before). */
  forUpdate = false,
): Promise<Institution> {
  const [row] = await sql.rows(
    forUpdate
      ? 'SELECT * FROM institution WHERE code = $1 FOR UPDATE'
      : 'SELECT * FROM institution WHERE code = $1',
    [code],
  );
  if (!row) throw notFound(`${field} ${quote(code)} names no institution`, field);
  return sql.hydrator(Institution)(row);
}

/** The PUBLIC centres of the given regions, and the national centre, by region code ('NATIONAL'). */
export async function publicCentres(
  sql: SqlRunner,
  regionCodes: readonly string[],
): Promise<Map<string, Institution>> {
  const rows = await sql.rows(
    `SELECT * FROM institution WHERE kind = 'PUBLIC' AND (region_code IS NULL OR region_code = ANY($1::bpchar[]))`,
    [regionCodes],
  );
  const hydrate = sql.hydrator(Institution);
  return new Map(
    rows.map(hydrate).map((centre) => [centre.regionCode ?? 'NATIONAL', centre] as const),
  );
}
