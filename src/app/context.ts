// What every resolver receives: each domain declares the narrow context it needs
// (RegionContext, InstitutionContext, …); this is the one place that assembles all of them. Loaders
// are the request's own, never shared between requests, so one client never sees another's rows.
import type { OperationTypeNode } from 'graphql';
import type { AppealContext } from '../appeals/appeal.context';
import { recomputeAppealDeadlines } from '../appeals/appeal-deadline-recompute';
import { createAppealLoaders, type AppealLoaders } from '../appeals/appeal.loaders';
import { PUBLIC_VIEWER, type Viewer } from '../auth/viewer';
import { BATCHED, type LoaderSettings } from '../db/loaders';
import type { CultivationContext } from '../cultivation/cultivation.context';
import {
  createDesignationLoaders,
  type DesignationLoaders,
} from '../cultivation/designation.loaders';
import type { RegistryFollowers } from '../cultivation/registry-followers';
import { registryReader } from '../cultivation/registry-standing';
import { endEntitlementsOf, entitleNewlyEligible } from '../policies/policy-entitlements';
import type { Sql } from '../db/sql';
import {
  createCultivationLoaders,
  type CultivationLoaders,
} from '../cultivation/cultivation.loaders';
import type { EventContext } from '../events/event.context';
import { createEventLoaders, type EventLoaders } from '../events/event.loaders';
import {
  createInstitutionLoaders,
  type InstitutionLoaders,
} from '../institutions/institution.loaders';
import type { NetworkImportContext } from '../network-import/network-import.context';
import type { PilotContext } from '../pilots/pilot.context';
import { createPilotLoaders, type PilotLoaders } from '../pilots/pilot.loaders';
import type { OneStopContext } from '../one-stop/one-stop.lookup';
import { recomputePayBy } from '../policies/pay-by';
import type { PolicyContext } from '../policies/policy.context';
import { createPolicyLoaders, type PolicyLoaders } from '../policies/policy.loaders';
import type { ReferralContext } from '../referrals/referral.context';
import { createReferralLoaders, type ReferralLoaders } from '../referrals/referral.loaders';
import { ConnectionLoaders } from '../schema/connection-loaders';
import { createServiceLoaders, type ServiceLoaders } from '../services/service.loaders';
import { createScorecardLoaders, type ScorecardLoaders } from '../statistics/scorecard.loaders';
import type { StatisticsContext } from '../statistics/statistics.context';
import { createStatisticsLoaders, type StatisticsLoaders } from '../statistics/statistics.loaders';
import type { WebhookContext, WebhookSettings } from '../webhooks/webhook.context';
import type { WorkingCalendarContext } from '../working-calendar/working-calendar.context';
import type { ReferenceData } from './reference-data';

/** Where a request comes from, for logs and budgets. */
export interface RequestOrigin {
  requestId: string;
  /** The client's address (behind trusted proxies: the one they name). */
  address: string;
}

/** What the request turned out to be, once Apollo has resolved its operation. */
export interface RequestRouting {
  operation: OperationTypeNode | null;
  /** Its statements went to a read replica (set when its session is chosen). */
  fromReplica?: boolean;
  /**
   * A mutation of nothing but fields with a time limit of their own (importNetwork: a province's
   * directory takes longer than a lookup): that limit instead of the per-request deadline.
   */
  timeoutMs?: number | null;
}

export type RequestContext = ReferralContext &
  OneStopContext &
  EventContext &
  CultivationContext &
  PilotContext &
  NetworkImportContext &
  StatisticsContext &
  WebhookContext &
  PolicyContext &
  WorkingCalendarContext &
  AppealContext & { origin: RequestOrigin; routing: RequestRouting };

/** The SQL session a request uses, chosen when its first statement is due: a read may go to a replica. */
export type SessionChooser = (routing: RequestRouting, viewer: Viewer) => Sql;

export interface RequestContextOptions {
  /** The request's SQL session, or how to choose it (see read-routing.ts). */
  sql: Sql | SessionChooser;
  reference: ReferenceData;
  /** Who is asking (PUBLIC without a key), decided once per request. */
  viewer?: Viewer;
  /** Batching is switched off only by the benchmark's floor. */
  settings?: LoaderSettings;
  origin?: RequestOrigin;
  /** "Now" for the request (events: scheduled or completed, open, started); tests fix it. */
  clock?: () => Date;
  /** Webhook URL rules, retries and the secrets' key; webhooks are off without them. */
  webhooks?: WebhookSettings | null;
}

export function createRequestContext({
  sql,
  reference,
  viewer = PUBLIC_VIEWER,
  settings = BATCHED,
  origin = { requestId: 'internal', address: 'internal' },
  clock = () => new Date(),
  webhooks = null,
}: RequestContextOptions): RequestContext {
  return new RequestScope(
    typeof sql === 'function' ? sql : () => sql,
    reference,
    viewer,
    settings,
    origin,
    clock,
    webhooks,
  );
}

/**
 * One request's context. Apollo copies the context object it is given (own properties only,
 * keeping the prototype), so what must stay lazy — the SQL session, chosen once the operation is
 * known, and each domain's loaders, made when a field first needs them — lives in getters on the
 * prototype, and its state in plain fields the copy carries.
 */
class RequestScope implements RequestContext {
  readonly routing: RequestRouting = { operation: null };
  readonly regions: ReferenceData['regions'];
  readonly taxonomy: ReferenceData['taxonomy'];
  readonly workingCalendar: ReferenceData['workingCalendar'];
  readonly categoryKeys: RequestContext['categoryKeys'];
  readonly registry = registryReader;
  /** Policies' no-application entitlements follow the registry's grants and ends. */
  readonly registryFollowers: RegistryFollowers = {
    granted: entitleNewlyEligible,
    ended: endEntitlementsOf,
  };
  private session: Sql | undefined;
  private connectionLoaders: ConnectionLoaders | undefined;
  private institutionLoaders: InstitutionLoaders | undefined;
  private serviceLoaders: ServiceLoaders | undefined;
  private referralLoaders: ReferralLoaders | undefined;
  private eventLoaders: EventLoaders | undefined;
  private cultivationLoaders: CultivationLoaders | undefined;
  private pilotLoaders: PilotLoaders | undefined;
  private statisticsLoaders: StatisticsLoaders | undefined;
  private scorecardLoaders: ScorecardLoaders | undefined;
  private designationLoaders: DesignationLoaders | undefined;
  private appealLoaders: AppealLoaders | undefined;
  private policyLoaders: PolicyLoaders | undefined;
  /** What setWorkingCalendarYear recomputes: the deadlines each domain holds. */
  readonly recomputeDeadlines = [recomputeAppealDeadlines, recomputePayBy];

  constructor(
    private readonly choose: SessionChooser,
    reference: ReferenceData,
    readonly viewer: Viewer,
    private readonly settings: LoaderSettings,
    readonly origin: RequestOrigin,
    readonly clock: () => Date,
    readonly webhooks: WebhookSettings | null,
  ) {
    this.regions = reference.regions;
    this.taxonomy = reference.taxonomy;
    this.workingCalendar = reference.workingCalendar;
    this.categoryKeys = (code, field) => reference.taxonomy.subtreeKeysOf(code, field);
  }

  get sql(): Sql {
    return (this.session ??= this.choose(this.routing, this.viewer));
  }

  get connections(): ConnectionLoaders {
    return (this.connectionLoaders ??= new ConnectionLoaders(this.settings));
  }

  get institutions(): InstitutionLoaders {
    return (this.institutionLoaders ??= createInstitutionLoaders(this.sql, this.settings));
  }

  get services(): ServiceLoaders {
    return (this.serviceLoaders ??= createServiceLoaders(this.sql, this.settings));
  }

  get referrals(): ReferralLoaders {
    return (this.referralLoaders ??= createReferralLoaders(this.sql, this.viewer, this.settings));
  }

  get events(): EventLoaders {
    return (this.eventLoaders ??= createEventLoaders(this.sql, this.viewer, this.settings));
  }

  get cultivation(): CultivationLoaders {
    return (this.cultivationLoaders ??= createCultivationLoaders(
      this.sql,
      this.viewer,
      this.settings,
    ));
  }

  get pilots(): PilotLoaders {
    return (this.pilotLoaders ??= createPilotLoaders(this.sql, this.settings));
  }

  get statistics(): StatisticsLoaders {
    return (this.statisticsLoaders ??= createStatisticsLoaders(
      this.sql,
      this.settings,
      this.clock,
    ));
  }

  get designations(): DesignationLoaders {
    return (this.designationLoaders ??= createDesignationLoaders(this.sql, this.settings));
  }

  get policies(): PolicyLoaders {
    return (this.policyLoaders ??= createPolicyLoaders(this.sql, this.settings));
  }

  get scorecards(): ScorecardLoaders {
    return (this.scorecardLoaders ??= createScorecardLoaders(this.sql, this.settings, this.clock));
  }

  get appeals(): AppealLoaders {
    return (this.appealLoaders ??= createAppealLoaders(this.sql, this.settings));
  }
}
