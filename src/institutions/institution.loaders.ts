import type { DataSource } from 'typeorm';
import { rowsByUniqueKey } from '../db/loaders';
import { Institution } from './institution.entity';

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
  return {
    institutionByKey,
    institutionByCode,
    /** Remembers institutions a list already loaded, so their fields cost no statement. */
    primeInstitutions(institutions: Institution[]) {
      for (const institution of institutions) {
        institutionByKey.prime(institution.key, institution);
        institutionByCode.prime(institution.code, institution);
      }
    },
  };
}
