// The batched reads of institutions a request shares: by row id, by code, and the chain above —
// each in two column profiles (see institution-columns.ts), chosen by the selection.
import type DataLoader from 'dataloader';
import { newLoader, rowsByUniqueKey, type LoaderSettings } from '../db/loaders';
import type { Sql } from '../db/sql';
import { LEAN_INSTITUTION_COLUMNS, institutionColumns } from './institution-columns';
import { Institution } from './institution.entity';
import { ancestorsByKey } from './institution.queries';

interface Profile {
  byKey: DataLoader<number, Institution | null>;
  byCode: DataLoader<string, Institution | null>;
  ancestors: DataLoader<number, Institution[]>;
}

export function createInstitutionLoaders(sql: Sql, settings: LoaderSettings) {
  const profiles = new Map<readonly string[] | null, Profile>();
  /** Rows read with `columns` serve later fields that need no more than those columns. */
  const prime = (institutions: Institution[], columns: readonly string[] | null = null) => {
    const targets = columns === null ? [profile(null), profile(LEAN_INSTITUTION_COLUMNS)] : [];
    if (columns === LEAN_INSTITUTION_COLUMNS) targets.push(profile(LEAN_INSTITUTION_COLUMNS));
    for (const { byKey, byCode } of targets) {
      for (const institution of institutions) {
        byKey.prime(institution.key, institution);
        byCode.prime(institution.code, institution);
      }
    }
  };
  function profile(columns: readonly string[] | null): Profile {
    let found = profiles.get(columns);
    if (!found) {
      found = {
        byKey: rowsByUniqueKey(sql, Institution, 'id', 'int', (row) => row.key, settings, columns),
        byCode: rowsByUniqueKey(
          sql,
          Institution,
          'code',
          'text',
          (row) => row.code,
          settings,
          columns,
        ),
        ancestors: newLoader<number, Institution[]>(settings, async (keys) => {
          const lists = await ancestorsByKey(sql, keys, columns);
          prime(lists.flat(), columns);
          // Each ancestor's own chain is the rest of the list: `parent { parent { parent } }`
          // costs this one statement, however deep.
          for (const list of lists) {
            list.forEach((ancestor, index) =>
              found!.ancestors.prime(ancestor.key, list.slice(index + 1)),
            );
          }
          return lists;
        }),
      };
      profiles.set(columns, found);
    }
    return found;
  }
  const every = profile(null);
  const forFields = (fields: ReadonlySet<string>) => profile(institutionColumns(fields));
  return {
    /** By row id, every column. */
    byKey: every.byKey,
    /** By public code, every column. */
    byCode: every.byCode,
    /** From the parent up to the national centre, nearest first; primes the loaders by key. */
    ancestors: every.ancestors,
    /** The same, reading only what a selection of Institution fields needs. */
    byKeyFor: (fields: ReadonlySet<string>) => forFields(fields).byKey,
    byCodeFor: (fields: ReadonlySet<string>) => forFields(fields).byCode,
    ancestorsFor: (fields: ReadonlySet<string>) => forFields(fields).ancestors,
    prime,
  };
}

export type InstitutionLoaders = ReturnType<typeof createInstitutionLoaders>;
