// What every resolver receives: the request's own loaders (never shared between requests,
// so one client never sees another's cached rows) and the DataSource for queries.
import type { DataSource } from 'typeorm';
import { PUBLIC_VIEWER, type Viewer } from '../auth/viewer';
import { BATCHED, type LoaderSettings } from '../db/loaders';
import { institutionLoaders } from '../institutions/institution.loaders';
import type { InstitutionQueryContext } from '../institutions/institution.queries';
import { referralLoaders } from '../referrals/referral.queries';
import { regionLoaders } from '../regions/region.loaders';
import type { ServiceQueryContext } from '../services/service.queries';
import { serviceLoaders } from '../services/service.loaders';
import { ConnectionLoaders } from './connection-loaders';

export function createLoaders(dataSource: DataSource, settings: LoaderSettings = BATCHED) {
  return {
    ...regionLoaders(dataSource, settings),
    ...institutionLoaders(dataSource, settings),
    ...serviceLoaders(dataSource, settings),
    ...referralLoaders(dataSource, settings),
    connections: new ConnectionLoaders(settings),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

export interface RequestContext {
  dataSource: DataSource;
  loaders: Loaders;
  /** Who is asking (PUBLIC without a key), decided once per request. */
  viewer: Viewer;
}

export function createRequestContext(
  dataSource: DataSource,
  viewer: Viewer = PUBLIC_VIEWER,
  settings: LoaderSettings = BATCHED,
): RequestContext {
  return { dataSource, loaders: createLoaders(dataSource, settings), viewer };
}

/** What the institution queries need from a request. */
export function institutionQueryContext({
  dataSource,
  loaders,
}: RequestContext): InstitutionQueryContext {
  return { dataSource, taxonomy: loaders.taxonomy, prime: loaders.primeInstitutions };
}

/** What the service queries need from a request. */
export function serviceQueryContext({ dataSource, loaders }: RequestContext): ServiceQueryContext {
  return { dataSource, taxonomy: loaders.taxonomy, prime: loaders.primeServices };
}
