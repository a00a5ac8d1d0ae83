// The executable schema: every resolver class and every domain's cost rule, listed here.
import 'reflect-metadata';
import { DateTimeResolver } from 'graphql-scalars';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import { AuditResolver } from '../audit/audit.resolver';
import { ViewerResolver } from '../auth/viewer.resolver';
import {
  EventRegistrationResolver,
  MatchmakingOutcomeResolver,
} from '../events/event-registration.resolver';
import { EventResolver, eventCostRules, eventPublicWrites } from '../events/event.resolver';
import { InstitutionEventsResolver } from '../events/institution-events.resolver';
import { OneStopTierEventsResolver } from '../events/one-stop-events.resolver';
import {
  InstitutionResolver,
  institutionCostRules,
  institutionPublicWrites,
} from '../institutions/institution.resolver';
import { RegionInstitutionsResolver } from '../institutions/region-institutions.resolver';
import { ViewerInstitutionResolver } from '../institutions/viewer-institution.resolver';
import { OneStopResolver, oneStopCostRule } from '../one-stop/one-stop.resolver';
import { EnterpriseResolver } from '../referrals/enterprise.resolver';
import { ReferralFeedbackResolver } from '../referrals/feedback.resolver';
import { ReferralResolver } from '../referrals/referral.resolver';
import { RegionResolver } from '../regions/region.resolver';
import type { CostRule } from '../schema/query-limits';
import { InstitutionServicesResolver } from '../services/institution-services.resolver';
import {
  ServiceCategoryResolver,
  ServiceResolver,
  serviceCostRules,
  servicePublicWrites,
} from '../services/service.resolver';
import {
  NetworkImportResolver,
  networkImportLongRunning,
  networkImportPublicWrites,
} from '../directory-import/directory-import.resolver';
import { IMPORT_TIME_LIMIT_MS } from '../directory-import/directory-import';
import { InstitutionScorecardResolver, scorecardCostRules } from '../statistics/scorecard.resolver';
import { NetworkStatisticsResolver, statisticsCostRules } from '../statistics/statistics.resolver';
import { WebhookSubscriptionResolver } from '../webhooks/webhook.resolver';
import {
  WorkingCalendarResolver,
  workingCalendarCostRules,
  workingCalendarPublicWrites,
} from '../working-calendar/working-calendar.resolver';
import { NodeResolver, nodesCostRule } from './node.resolver';
import type { LongRunningMutations } from './read-routing';

/** Every resolver class, listed explicitly (type-graphql's globs break with compiled output). */
const resolvers = [
  NodeResolver,
  RegionResolver,
  InstitutionResolver,
  RegionInstitutionsResolver,
  ViewerInstitutionResolver,
  ServiceResolver,
  ServiceCategoryResolver,
  InstitutionServicesResolver,
  OneStopResolver,
  ViewerResolver,
  ReferralResolver,
  EnterpriseResolver,
  EventResolver,
  EventRegistrationResolver,
  MatchmakingOutcomeResolver,
  InstitutionEventsResolver,
  OneStopTierEventsResolver,
  // Government operations: feedback, the audit trail, statistics and scorecards, the import.
  ReferralFeedbackResolver,
  AuditResolver,
  NetworkStatisticsResolver,
  InstitutionScorecardResolver,
  NetworkImportResolver,
  // Partners: webhook subscriptions and deliveries.
  WebhookSubscriptionResolver,
  // The mainland's working calendar, which deadlines are counted in.
  WorkingCalendarResolver,
] as const;

/** Mutations that, sent alone, run under their own deadline rather than REQUEST_TIMEOUT_MS. */
export const LONG_RUNNING_MUTATIONS: LongRunningMutations = {
  fields: new Set(networkImportLongRunning),
  timeoutMs: IMPORT_TIME_LIMIT_MS,
};

/** Mutations after which anonymous readers must not be served a cached answer. */
export const PUBLIC_WRITES: ReadonlySet<string> = new Set([
  ...institutionPublicWrites,
  ...servicePublicWrites,
  ...eventPublicWrites,
  ...networkImportPublicWrites,
  ...workingCalendarPublicWrites,
]);

/** Fields whose size does not follow `first`/`last`, priced by their own rule. */
export const COST_RULES: readonly CostRule[] = [
  nodesCostRule,
  oneStopCostRule,
  ...institutionCostRules,
  ...serviceCostRules,
  ...eventCostRules,
  ...statisticsCostRules,
  ...scorecardCostRules,
  ...workingCalendarCostRules,
];

let schema: GraphQLSchema | undefined;

/** The executable schema; built once per process (type-graphql's metadata is global). */
export function buildApiSchema(): GraphQLSchema {
  if (!schema) {
    schema = buildSchemaSync({
      resolvers,
      scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
      validate: false,
    });
    // type-graphql names the root type but cannot describe it.
    schema.getQueryType()!.description =
      "Entry points: the directory of China's SME service network (regions, institutions, services), one-stop lookup, referrals and events.";
    schema.getMutationType()!.description =
      'Changes: referrals and their lifecycle, events and registrations, and the network itself (institutions and services).';
  }
  return schema;
}

/** The SDL committed as schema/schema.graphql: sorted, so that diffs show real changes only. */
export function printApiSchema(): string {
  return printSchema(lexicographicSortSchema(buildApiSchema())) + '\n';
}
