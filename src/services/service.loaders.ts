import type { DataSource } from 'typeorm';
import { rowsByUniqueKey } from '../db/loaders';
import { Service } from './service.entity';
import { loadTaxonomy, type Taxonomy } from './taxonomy';

export function serviceLoaders(dataSource: DataSource) {
  const serviceByKey = rowsByUniqueKey(dataSource, Service, 'id', 'int', (service) => service.key);
  let taxonomy: Promise<Taxonomy> | undefined;
  return {
    serviceByKey,
    primeServices(services: Service[]) {
      for (const service of services) serviceByKey.prime(service.key, service);
    },
    /** The whole category tree, read once per request. */
    taxonomy: () => (taxonomy ??= loadTaxonomy(dataSource)),
  };
}
