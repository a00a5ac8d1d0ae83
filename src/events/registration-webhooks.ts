// Partners' webhooks about event registrations: every change of a registration's status writes
// its EVENT_REGISTRATION_CHANGED deliveries in the change's own transaction (the outbox). The
// PARTNER that registered is told (and ADMIN subscribers); the payload names the registration,
// the event and the statuses — never the enterprise's contact details.
import type { SqlTransaction } from '../db/sql';
import { toGlobalId } from '../schema/node';
import { WebhookEventType } from '../webhooks/webhook-enums';
import { enqueueWebhookEvents } from '../webhooks/webhook-outbox';
import type { RegistrationStatus } from './event-enums';

export interface RegistrationChange {
  /** Row id of the registration. */
  key: number;
  /** Its status before the change; null for a new registration. */
  previousStatus: RegistrationStatus | null;
}

/** Call after the changes, in their transaction: reads the registrations as they now are. */
export async function tellPartnersOfRegistrations(
  transaction: SqlTransaction,
  changes: readonly RegistrationChange[],
): Promise<void> {
  if (changes.length === 0) return;
  const rows = await transaction.rows<{
    id: number;
    status: RegistrationStatus;
    api_key_id: number | null;
    code: string;
  }>(
    `SELECT r.id, r.status, r.api_key_id, e.code FROM event_registration r JOIN event e ON e.id = r.event_id
      WHERE r.id = ANY($1::int[]) ORDER BY r.id`,
    [changes.map((change) => change.key)],
  );
  const previous = new Map(changes.map((change) => [change.key, change.previousStatus]));
  await enqueueWebhookEvents(
    transaction,
    rows.map((row) => ({
      type: WebhookEventType.EVENT_REGISTRATION_CHANGED,
      ownerApiKeyId: row.api_key_id,
      data: {
        registrationId: toGlobalId('EventRegistration', row.id),
        eventCode: row.code,
        status: row.status,
        previousStatus: previous.get(row.id) ?? null,
      },
    })),
  );
}
