// What every resolver receives: the request's own loaders (never shared between requests,
// so one client never sees another's cached rows) and the DataSource for services.
import type { DataSource } from 'typeorm';
import { institutionLoaders } from '../institutions/institution.loaders';
import { regionLoaders } from '../regions/region.loaders';

export function createLoaders(dataSource: DataSource) {
  return { ...regionLoaders(dataSource), ...institutionLoaders(dataSource) };
}

export type Loaders = ReturnType<typeof createLoaders>;

export interface RequestContext {
  dataSource: DataSource;
  loaders: Loaders;
}

export function createRequestContext(dataSource: DataSource): RequestContext {
  return { dataSource, loaders: createLoaders(dataSource) };
}
