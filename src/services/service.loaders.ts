// The batched reads of services a request shares.
import type DataLoader from 'dataloader';
import { rowsByUniqueKey, type LoaderSettings } from '../db/loaders';
import type { Sql } from '../db/sql';
import { LEAN_SERVICE_COLUMNS, serviceColumns } from './service-columns';
import { Service } from './service.entity';

export function createServiceLoaders(sql: Sql, settings: LoaderSettings) {
  const loaders = new Map<readonly string[] | null, DataLoader<number, Service | null>>();
  const byColumns = (columns: readonly string[] | null) => {
    let loader = loaders.get(columns);
    if (!loader) {
      loader = rowsByUniqueKey(sql, Service, 'id', 'int', (row) => row.key, settings, columns);
      loaders.set(columns, loader);
    }
    return loader;
  };
  return {
    /** By row id, every column. */
    byKey: byColumns(null),
    /** By row id, reading only what a selection of Service fields needs. */
    byKeyFor: (fields: ReadonlySet<string>) => byColumns(serviceColumns(fields)),
    /**
     * Remembers services a list already read with `columns`, so that later fields needing no
     * more cost no statement.
     */
    prime(services: Service[], columns: readonly string[] | null = null) {
      const targets = [
        byColumns(LEAN_SERVICE_COLUMNS),
        ...(columns === null ? [byColumns(null)] : []),
      ];
      for (const loader of targets)
        for (const service of services) loader.prime(service.key, service);
    },
  };
}

export type ServiceLoaders = ReturnType<typeof createServiceLoaders>;
