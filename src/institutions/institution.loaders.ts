// The batched reads of institutions a request shares: by row id, by code, and the chain above.
import { newLoader, rowsByUniqueKey, type LoaderSettings } from '../db/loaders';
import type { Sql } from '../db/sql';
import { Institution } from './institution.entity';
import { ancestorsByKey } from './institution.queries';

export function createInstitutionLoaders(sql: Sql, settings: LoaderSettings) {
  const byKey = rowsByUniqueKey(sql, Institution, 'id', 'int', (row) => row.key, settings);
  const byCode = rowsByUniqueKey(sql, Institution, 'code', 'text', (row) => row.code, settings);
  /** Remembers institutions a list already read, so that their fields cost no statement. */
  const prime = (institutions: Institution[]) => {
    for (const institution of institutions) {
      byKey.prime(institution.key, institution);
      byCode.prime(institution.code, institution);
    }
  };
  return {
    byKey,
    byCode,
    prime,
    /** From the parent up to the national centre, nearest first. */
    ancestors: newLoader<number, Institution[]>(settings, async (keys) => {
      const lists = await ancestorsByKey(sql, keys);
      prime(lists.flat());
      return lists;
    }),
  };
}

export type InstitutionLoaders = ReturnType<typeof createInstitutionLoaders>;
