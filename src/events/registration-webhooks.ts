// Partners' webhooks about event registrations: every change of a registration's status writes
// its EVENT_REGISTRATION_CHANGED deliveries in the change's own transaction (the outbox). The
// PARTNER that registered is told (and ADMIN subscribers); the payload names the registration,
// the event and the statuses — never the enterprise's contact details.
import type { SqlTransaction } from '../db/sql';
import { toGlobalId } from '../schema/global-id';
import { WebhookEventType } from '../webhooks/webhook-enums';
import { enqueueWebhookEvents } from '../webhooks/webhook-outbox';
import type { RegistrationStatus } from './event-enums';

export interface RegistrationChange {
  /** Row id of the registration. */
  key: number;
  /** The key that registered: the one PARTNER told. */
  apiKeyId: number | null;
  /** Its status after the change. */
  status: RegistrationStatus;
  /** Its status before the change; null for a new registration. */
  previousStatus: RegistrationStatus | null;
}

/** Call in the changes' transaction, with the registrations as the changes left them. */
export async function tellPartnersOfRegistrations(
  transaction: SqlTransaction,
  eventCode: string,
  changes: readonly RegistrationChange[],
): Promise<void> {
  await enqueueWebhookEvents(
    transaction,
    [...changes]
      .sort((a, b) => a.key - b.key)
      .map((change) => ({
        type: WebhookEventType.EVENT_REGISTRATION_CHANGED,
        ownerApiKeyId: change.apiKeyId,
        data: {
          registrationId: toGlobalId('EventRegistration', change.key),
          eventCode,
          status: change.status,
          previousStatus: change.previousStatus,
        },
      })),
  );
}
