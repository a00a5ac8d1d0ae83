// SQL for lists of institutions: the whole network, and (batched per request) the children,
// the subtree or the institutions of many parents or regions at once.
import type { DataSource } from 'typeorm';
import { entityPage, entityPagesByKey } from '../db/entity-pages';
import { hydrator } from '../db/rows';
import type { PageWindow } from '../schema/pagination';
import { categoryFilterKeys, type Taxonomy } from '../services/taxonomy';
import type { InstitutionConnection } from './institution.connection';
import { Institution } from './institution.entity';
import { institutionConditions, type InstitutionFilter } from './institution-filter';
import { readRows } from '../db/prepared';

export interface InstitutionQueryContext {
  dataSource: DataSource;
  /** Read only when a filter names a category. */
  taxonomy: () => Promise<Taxonomy>;
  /** Lets loaders by id and code answer later fields from the rows a list already read. */
  prime(institutions: Institution[]): void;
}

export async function listInstitutions(
  context: InstitutionQueryContext,
  filter: InstitutionFilter | null | undefined,
  window: PageWindow,
): Promise<InstitutionConnection> {
  const categoryKeys = await categoryFilterKeys(
    filter?.categoryCode,
    'filter.categoryCode',
    context.taxonomy,
  );
  return entityPage(
    context,
    Institution,
    (params) => ({ from: 'institution t', ...institutionConditions(filter, params, categoryKeys) }),
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
  context: InstitutionQueryContext,
  relation: InstitutionRelation,
  keys: readonly K[],
  filter: InstitutionFilter | null | undefined,
  window: PageWindow,
): Promise<InstitutionConnection[]> {
  const categoryKeys = await categoryFilterKeys(
    filter?.categoryCode,
    'filter.categoryCode',
    context.taxonomy,
  );
  return entityPagesByKey(
    context,
    Institution,
    keys,
    relation === 'inRegion' ? 'bpchar' : 'int',
    (keysParam, params) => {
      const { where, sort } = institutionConditions(filter, params, categoryKeys);
      switch (relation) {
        case 'children':
          return {
            source: {
              from: 'institution t',
              where: [`t.parent_id = ANY(${keysParam})`, ...where],
              sort,
            },
            partition: 't.parent_id',
          };
        case 'inRegion':
          return {
            source: {
              from: 'institution t',
              where: [`t.region_code = ANY(${keysParam})`, ...where],
              sort,
            },
            partition: 't.region_code',
          };
        case 'descendants':
          // Walks down the tree from every root at once (parent_id is indexed; the tree is 4 deep).
          return {
            source: {
              recursive: true,
              ctes: [
                `subtree(root, id) AS (
                   SELECT child.parent_id, child.id FROM institution child WHERE child.parent_id = ANY(${keysParam})
                   UNION ALL
                   SELECT subtree.root, child.id FROM subtree JOIN institution child ON child.parent_id = subtree.id)`,
              ],
              from: 'subtree JOIN institution t ON t.id = subtree.id',
              where,
              sort,
            },
            partition: 'subtree.root',
          };
      }
    },
    window,
  );
}

/** For each row id, the institutions above it from its parent to the national centre. */
export async function ancestorsByKey(
  dataSource: DataSource,
  keys: readonly number[],
): Promise<Institution[][]> {
  const rows: Record<string, unknown>[] = await readRows(
    dataSource,
    `WITH RECURSIVE up(start, id, depth) AS (
       SELECT i.id, i.parent_id, 1 FROM institution i WHERE i.id = ANY($1::int[]) AND i.parent_id IS NOT NULL
       UNION ALL
       SELECT up.start, p.parent_id, up.depth + 1 FROM up JOIN institution p ON p.id = up.id WHERE p.parent_id IS NOT NULL)
     SELECT up.start AS __start, t.* FROM up JOIN institution t ON t.id = up.id ORDER BY up.start, up.depth`,
    [keys],
  );
  const hydrate = hydrator(dataSource, Institution);
  const byStart = new Map<number, Institution[]>();
  for (const row of rows) {
    const start = Number(row.__start);
    byStart.set(start, [...(byStart.get(start) ?? []), hydrate(row)]);
  }
  return keys.map((key) => byStart.get(key) ?? []);
}
