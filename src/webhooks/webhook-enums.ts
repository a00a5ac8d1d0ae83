// What partners subscribe to and where a delivery stands, spelled the same in TypeScript, GraphQL
// and PostgreSQL.
import { registerEnumType } from 'type-graphql';

export enum WebhookEventType {
  REFERRAL_CREATED = 'REFERRAL_CREATED',
  REFERRAL_STATUS_CHANGED = 'REFERRAL_STATUS_CHANGED',
  EVENT_REGISTRATION_CHANGED = 'EVENT_REGISTRATION_CHANGED',
  DESIGNATION_CHANGED = 'DESIGNATION_CHANGED',
  PILOT_STAGE_CHANGED = 'PILOT_STAGE_CHANGED',
  APPEAL_CHANGED = 'APPEAL_CHANGED',
  POLICY_APPLICATION_CHANGED = 'POLICY_APPLICATION_CHANGED',
}

export enum DeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
  DEAD = 'DEAD',
}

registerEnumType(WebhookEventType, {
  name: 'WebhookEventType',
  description: 'A change a webhook subscription can be told about.',
  valuesConfig: {
    REFERRAL_CREATED: {
      description: 'A referral the subscriber may see was submitted (data: referralId, status).',
    },
    REFERRAL_STATUS_CHANGED: {
      description:
        'A referral the subscriber may see moved on (data: referralId, status, previousStatus).',
    },
    EVENT_REGISTRATION_CHANGED: {
      description:
        'An event registration the subscriber may see was made or changed status (data: registrationId, eventCode, status, previousStatus).',
    },
    DESIGNATION_CHANGED: {
      description:
        'A designation was granted or changed status (data: designationId, creditCode, kind, status, previousStatus; previousStatus null for a grant). ADMIN keys hear every one, AUTHORITY keys those of enterprises in their region.',
    },
    PILOT_STAGE_CHANGED: {
      description:
        'An enterprise was enrolled in a pilot city or moved to another stage; told to ADMIN keys and to AUTHORITY keys of a region containing the city (data: pilotEnterpriseId, cityCode, stage, previousStage).',
    },
    APPEAL_CHANGED: {
      description:
        'An appeal the subscriber submitted was submitted, moved, extended or escalated (data: appealId, code, change, status, previousStatus, handlerCode).',
    },
    POLICY_APPLICATION_CHANGED: {
      description:
        'A policy application the subscriber made (or, for ADMIN, any application or entitlement) was made or changed status (data: applicationId, policyCode, status, previousStatus).',
    },
  },
});

registerEnumType(DeliveryStatus, {
  name: 'DeliveryStatus',
  description: 'Where a webhook delivery stands.',
  valuesConfig: {
    PENDING: {
      description:
        'An attempt is queued or under way: the first, a retry, or one queued by redeliverWebhook.',
    },
    DELIVERED: { description: 'The receiver answered 2xx.' },
    FAILED: { description: 'The last attempt failed; another is due at nextAttemptAt.' },
    DEAD: {
      description:
        'No more attempts: the attempt limit was reached, or the subscription was deleted or its key revoked.',
    },
  },
});
