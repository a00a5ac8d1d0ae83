// The entity list of the DataSource: every domain's tables, known here only.
import { AppealChange } from '../appeals/appeal-change.entity';
import { Appeal } from '../appeals/appeal.entity';
import { AuditEntry } from '../audit/audit-entry.entity';
import { ApiKey } from '../auth/api-key.entity';
import { ClusterRegion } from '../cultivation/cluster-region.entity';
import { Cluster } from '../cultivation/cluster.entity';
import { DesignationChange } from '../cultivation/designation-change.entity';
import { Designation } from '../cultivation/designation.entity';
import { EventRegistrationChange } from '../events/event-registration-change.entity';
import { EventRegistration } from '../events/event-registration.entity';
import { Event } from '../events/event.entity';
import { MatchmakingOutcome } from '../events/matchmaking-outcome.entity';
import { Institution } from '../institutions/institution.entity';
import { Enterprise } from '../referrals/enterprise.entity';
import { ReferralEvent } from '../referrals/referral-event.entity';
import { ReferralFeedback } from '../referrals/referral-feedback.entity';
import { Referral } from '../referrals/referral.entity';
import { PolicyApplicationChange } from '../policies/policy-application-change.entity';
import { PolicyApplication } from '../policies/policy-application.entity';
import { Policy } from '../policies/policy.entity';
import { Region } from '../regions/region.entity';
import { SeedInfo } from '../seed/seed-info.entity';
import { Service } from '../services/service.entity';
import { ServiceCategory } from '../services/service-category.entity';
import { WebhookDelivery } from '../webhooks/webhook-delivery.entity';
import { WebhookSubscription } from '../webhooks/webhook-subscription.entity';
import { WorkingCalendarYear } from '../working-calendar/working-calendar-year.entity';

import { PilotCity } from '../pilots/pilot-city.entity';
import { PilotEnterprise } from '../pilots/pilot-enterprise.entity';
import { PilotStageChange } from '../pilots/pilot-stage-change.entity';
import { PersistedQuery } from './persisted-query.entity';

/** Every TypeORM entity, listed explicitly (globs break between ts-node, jest and dist). */
export const entities = [
  Region,
  Institution,
  ServiceCategory,
  Service,
  ApiKey,
  Enterprise,
  Referral,
  ReferralEvent,
  Event,
  EventRegistration,
  EventRegistrationChange,
  MatchmakingOutcome,
  SeedInfo,
  PersistedQuery,
  ReferralFeedback,
  AuditEntry,
  WebhookSubscription,
  WebhookDelivery,
  WorkingCalendarYear,
  Designation,
  DesignationChange,
  Cluster,
  ClusterRegion,
  PilotCity,
  PilotEnterprise,
  PilotStageChange,
  Appeal,
  AppealChange,
  Policy,
  PolicyApplication,
  PolicyApplicationChange,
];
