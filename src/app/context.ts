// What every resolver receives: each domain declares the narrow context it needs
// (RegionContext, InstitutionContext, …); this is the one place that assembles all of them. Loaders
// are the request's own, never shared between requests, so one client never sees another's rows.
import { PUBLIC_VIEWER, type Viewer } from '../auth/viewer';
import { BATCHED, type LoaderSettings } from '../db/loaders';
import type { Sql } from '../db/sql';
import type { EventContext } from '../events/event.context';
import { createEventLoaders, type EventLoaders } from '../events/event.loaders';
import {
  createInstitutionLoaders,
  type InstitutionLoaders,
} from '../institutions/institution.loaders';
import type { OneStopContext } from '../one-stop/one-stop.lookup';
import type { ReferralContext } from '../referrals/referral.context';
import { createReferralLoaders, type ReferralLoaders } from '../referrals/referral.loaders';
import { ConnectionLoaders } from '../schema/connection-loaders';
import { createServiceLoaders, type ServiceLoaders } from '../services/service.loaders';
import type { ReferenceData } from './reference-data';

/** Where a request comes from, for logs and budgets. */
export interface RequestOrigin {
  requestId: string;
  /** The client's address (behind trusted proxies: the one they name). */
  address: string;
}

export type RequestContext = ReferralContext &
  OneStopContext &
  EventContext & { origin: RequestOrigin };

export interface RequestContextOptions {
  /** The request's own SQL session (see Sql.session). */
  sql: Sql;
  reference: ReferenceData;
  /** Who is asking (PUBLIC without a key), decided once per request. */
  viewer?: Viewer;
  /** Batching is switched off only by the benchmark's floor. */
  settings?: LoaderSettings;
  origin?: RequestOrigin;
  /** "Now" for the request (events: scheduled or completed, open, started); tests fix it. */
  clock?: () => Date;
}

export function createRequestContext({
  sql,
  reference,
  viewer = PUBLIC_VIEWER,
  settings = BATCHED,
  origin = { requestId: 'internal', address: 'internal' },
  clock = () => new Date(),
}: RequestContextOptions): RequestContext {
  // Loaders are made when a field first needs them: most requests touch few domains.
  let connections: ConnectionLoaders | undefined;
  let institutions: InstitutionLoaders | undefined;
  let services: ServiceLoaders | undefined;
  let referrals: ReferralLoaders | undefined;
  let events: EventLoaders | undefined;
  return {
    origin,
    sql,
    viewer,
    regions: reference.regions,
    taxonomy: reference.taxonomy,
    categoryKeys: (code, field) => reference.taxonomy.subtreeKeysOf(code, field),
    get connections() {
      return (connections ??= new ConnectionLoaders(settings));
    },
    get institutions() {
      return (institutions ??= createInstitutionLoaders(sql, settings));
    },
    get services() {
      return (services ??= createServiceLoaders(sql, settings));
    },
    get referrals() {
      return (referrals ??= createReferralLoaders(sql, viewer, settings));
    },
    get events() {
      return (events ??= createEventLoaders(sql, viewer, settings));
    },
    clock,
  };
}
