// What partners subscribe to and where a delivery stands, spelled the same in TypeScript, GraphQL
// and PostgreSQL.
import { registerEnumType } from 'type-graphql';

export enum WebhookEventType {
  REFERRAL_CREATED = 'REFERRAL_CREATED',
  REFERRAL_STATUS_CHANGED = 'REFERRAL_STATUS_CHANGED',
  EVENT_REGISTRATION_CHANGED = 'EVENT_REGISTRATION_CHANGED',
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
