import type { DataSource } from 'typeorm';
import { newLoader, rowsByUniqueKey, type LoaderSettings } from '../db/loaders';
import { Institution } from './institution.entity';
import { ancestorsByKey } from './institution.queries';

export function institutionLoaders(dataSource: DataSource, settings: LoaderSettings) {
  const institutionByKey = rowsByUniqueKey(
    dataSource,
    Institution,
    'id',
    'int',
    (institution) => institution.key,
    settings,
  );
  const institutionByCode = rowsByUniqueKey(
    dataSource,
    Institution,
    'code',
    'text',
    (institution) => institution.code,
    settings,
  );
  const primeInstitutions = (institutions: Institution[]) => {
    for (const institution of institutions) {
      institutionByKey.prime(institution.key, institution);
      institutionByCode.prime(institution.code, institution);
    }
  };
  return {
    institutionByKey,
    institutionByCode,
    /** Remembers institutions a list already read, so that their fields cost no statement. */
    primeInstitutions,
    ancestorsByKey: newLoader<number, Institution[]>(settings, async (keys) => {
      const lists = await ancestorsByKey(dataSource, keys);
      primeInstitutions(lists.flat());
      return lists;
    }),
  };
}
