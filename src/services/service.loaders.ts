import type { DataSource } from 'typeorm';
import { rowsByUniqueKey, type LoaderSettings } from '../db/loaders';
import { Service } from './service.entity';
import { referenceData } from '../db/reference-data';
import type { Taxonomy } from './taxonomy';

export function serviceLoaders(dataSource: DataSource, settings: LoaderSettings) {
  const serviceByKey = rowsByUniqueKey(
    dataSource,
    Service,
    'id',
    'int',
    (service) => service.key,
    settings,
  );
  return {
    serviceByKey,
    primeServices(services: Service[]) {
      for (const service of services) serviceByKey.prime(service.key, service);
    },
    /** The whole category tree, from the process's copy. */
    taxonomy: (): Promise<Taxonomy> => referenceData(dataSource).taxonomy(),
  };
}
