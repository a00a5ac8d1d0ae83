// Webhooks about policy applications: every change of an application's status writes its
// POLICY_APPLICATION_CHANGED deliveries in the change's own transaction (the outbox). The PARTNER
// that applied is told (and ADMIN subscribers); entitlements have no partner, so only ADMIN
// subscribers hear of them. The payload names the application, the policy and the statuses.
import type { SqlRunner } from '../db/sql';
import { toGlobalId } from '../schema/global-id';
import { WebhookEventType } from '../webhooks/webhook-enums';
import { enqueueWebhookEvents } from '../webhooks/webhook-outbox';
import type { PolicyApplicationStatus } from './policy-enums';

export interface ApplicationChange {
  /** Row id of the application. */
  id: number;
  /** The key that applied; null for entitlements. */
  apiKeyId: number | null;
  policyCode: string;
  status: PolicyApplicationStatus;
  /** null for a new application or entitlement. */
  previousStatus: PolicyApplicationStatus | null;
}

/** Call in the changes' transaction, with the applications as the changes left them. */
export async function tellOfApplicationChanges(
  transaction: SqlRunner,
  changes: readonly ApplicationChange[],
): Promise<void> {
  await enqueueWebhookEvents(
    transaction,
    [...changes]
      .sort((a, b) => a.id - b.id)
      .map((change) => ({
        type: WebhookEventType.POLICY_APPLICATION_CHANGED,
        ownerApiKeyId: change.apiKeyId,
        data: {
          applicationId: toGlobalId('PolicyApplication', change.id),
          policyCode: change.policyCode,
          status: change.status,
          previousStatus: change.previousStatus,
        },
      })),
  );
}
