import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { rowsByUniqueKey } from '../db/loaders';
import { Institution } from './institution.entity';
import { ancestorsByKey } from './institution.queries';

export function institutionLoaders(dataSource: DataSource) {
  const institutionByKey = rowsByUniqueKey(
    dataSource,
    Institution,
    'id',
    'int',
    (institution) => institution.key,
  );
  const institutionByCode = rowsByUniqueKey(
    dataSource,
    Institution,
    'code',
    'text',
    (institution) => institution.code,
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
    ancestorsByKey: new DataLoader<number, Institution[]>(async (keys) => {
      const lists = await ancestorsByKey(dataSource, keys);
      primeInstitutions(lists.flat());
      return lists;
    }),
  };
}
