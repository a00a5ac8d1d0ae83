// The batched reads of services a request shares.
import { rowsByUniqueKey, type LoaderSettings } from '../db/loaders';
import type { Sql } from '../db/sql';
import { Service } from './service.entity';

export function createServiceLoaders(sql: Sql, settings: LoaderSettings) {
  const byKey = rowsByUniqueKey(sql, Service, 'id', 'int', (service) => service.key, settings);
  return {
    byKey,
    /** Remembers services a list already read, so that their fields cost no statement. */
    prime(services: Service[]) {
      for (const service of services) byKey.prime(service.key, service);
    },
  };
}

export type ServiceLoaders = ReturnType<typeof createServiceLoaders>;
