// The executable schema: every resolver class, listed here. Policy (access, cost, cache effect,
// time limit) is declared on each field, where the field is declared — see src/schema/field-policy.ts.
import 'reflect-metadata';
import { DateTimeResolver } from 'graphql-scalars';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import { AppealChangeResolver, AppealResolver } from '../appeals/appeal.resolver';
import { AuditResolver } from '../audit/audit.resolver';
import { authChecker } from '../auth/permissions';
import { DesignationResolver } from '../cultivation/designation.resolver';
import { EnterpriseRegistryResolver } from '../cultivation/enterprise-registry.resolver';
import { ViewerResolver } from '../auth/viewer.resolver';
import {
  EventRegistrationResolver,
  MatchmakingOutcomeResolver,
} from '../events/event-registration.resolver';
import { ClusterResolver } from '../cultivation/cluster.resolver';
import { EnterpriseDirectoryResolver } from '../cultivation/enterprise-directory.resolver';
import { EventResolver } from '../events/event.resolver';
import { InstitutionEventsResolver } from '../events/institution-events.resolver';
import { OneStopTierEventsResolver } from '../events/one-stop-events.resolver';
import { InstitutionResolver } from '../institutions/institution.resolver';
import { RegionInstitutionsResolver } from '../institutions/region-institutions.resolver';
import { ViewerRegionResolver } from '../auth/viewer-region.resolver';
import { ViewerInstitutionResolver } from '../institutions/viewer-institution.resolver';
import {
  InstitutionPilotRecordResolver,
  PilotEnterpriseResolver,
} from '../pilots/pilot-enterprise.resolver';
import { PilotCityResolver } from '../pilots/pilot.resolver';
import { OneStopResolver } from '../one-stop/one-stop.resolver';
import { PolicyApplicationResolver } from '../policies/policy-application.resolver';
import { PolicyResolver } from '../policies/policy.resolver';
import { EnterpriseResolver } from '../referrals/enterprise.resolver';
import { ReferralFeedbackResolver } from '../referrals/feedback.resolver';
import { ReferralResolver } from '../referrals/referral.resolver';
import { RegionResolver } from '../regions/region.resolver';
import { InstitutionServicesResolver } from '../services/institution-services.resolver';
import { ServiceCategoryResolver, ServiceResolver } from '../services/service.resolver';
import { NetworkImportResolver } from '../network-import/network-import.resolver';
import { InstitutionScorecardResolver } from '../statistics/scorecard.resolver';
import { NetworkDesignationsResolver } from '../statistics/designation-figures';
import { PilotStatisticsResolver } from '../statistics/pilot-statistics.resolver';
import { NetworkStatisticsResolver } from '../statistics/statistics.resolver';
import { WebhookSubscriptionResolver } from '../webhooks/webhook.resolver';
import { WorkingCalendarResolver } from '../working-calendar/working-calendar.resolver';
import { NodeResolver } from './node.resolver';

/** Every resolver class, listed explicitly (type-graphql's globs break with compiled output). */
const resolvers = [
  NodeResolver,
  RegionResolver,
  InstitutionResolver,
  RegionInstitutionsResolver,
  ViewerInstitutionResolver,
  ViewerRegionResolver,
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
  // Enterprise cultivation: clusters and the enterprise directory.
  ClusterResolver,
  EnterpriseDirectoryResolver,
  // Government operations: feedback, the audit trail, statistics and scorecards, the import.
  ReferralFeedbackResolver,
  AuditResolver,
  NetworkStatisticsResolver,
  NetworkDesignationsResolver,
  InstitutionScorecardResolver,
  NetworkImportResolver,
  // Partners: webhook subscriptions and deliveries.
  WebhookSubscriptionResolver,
  // The mainland's working calendar, which deadlines are counted in.
  WorkingCalendarResolver,
  // Enterprise cultivation: the registry of designations.
  DesignationResolver,
  EnterpriseRegistryResolver,
  // Digital-transformation pilot cities.
  PilotCityResolver,
  PilotEnterpriseResolver,
  InstitutionPilotRecordResolver,
  PilotStatisticsResolver,
  // Enterprise appeals, answered within working-day deadlines.
  AppealResolver,
  AppealChangeResolver,
  PolicyResolver,
  PolicyApplicationResolver,
] as const;

let schema: GraphQLSchema | undefined;

/** The executable schema; built once per process (type-graphql's metadata is global). */
export function buildApiSchema(): GraphQLSchema {
  if (!schema) {
    schema = buildSchemaSync({
      resolvers,
      scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
      // Checks every field that declares @Allow, before its resolver runs.
      authChecker,
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
