// Creating and deleting webhook subscriptions and queueing a delivery again. A subscription
// belongs to the key that made it; others' subscriptions and deliveries are answered as if they
// did not exist (an ADMIN key reaches all).
import { Role } from '../auth/role';
import { requireRole } from '../auth/permissions';
import type { Viewer } from '../auth/viewer';
import { SqlParameters } from '../db/rows';
import { badInput, conflict, forbidden, notFound, quote } from '../schema/errors';
import { requireNodeKey } from '../schema/global-id';
import { WebhookDelivery } from './webhook-delivery.entity';
import { DeliveryStatus, WebhookEventType } from './webhook-enums';
import { ADD_DELIVERY_JOB } from './webhook-outbox';
import { generateSecret, keyIdOf, sealSecret } from './webhook-secrets';
import { WebhookSubscription } from './webhook-subscription.entity';
import { checkTargetUrl, resolveTarget, TargetRefused } from './webhook-targets';
import type { WebhookContext, WebhookSettings } from './webhook.context';
import type { CreateWebhookSubscriptionInput } from './webhook.inputs';
import { owned } from './webhook.queries';

/** Active subscriptions one key may have: enough for every event type and a rotation or two. */
const MAX_SUBSCRIPTIONS_PER_KEY = 20;

/**
 * Active subscriptions one key may have to one URL (its fragment, never sent, aside): the one that
 * receives, and a second while its secret is rotated (create the new, switch, delete the old).
 * More would only POST each change to the same receiver again.
 */
const MAX_SUBSCRIPTIONS_PER_URL = 2;

/** The roles whose keys may subscribe to webhooks. */
export const SUBSCRIBERS = [Role.PARTNER, Role.AUTHORITY, Role.ADMIN];

/**
 * The events each subscribing role can ever hear (webhook-outbox.ts decides which changes): a
 * subscription to an event its key would never be told of is refused rather than kept silent.
 * ADMIN hears every event.
 */
export const EVENTS_HEARD: Partial<Record<Role, readonly WebhookEventType[]>> = {
  [Role.PARTNER]: [
    WebhookEventType.REFERRAL_CREATED,
    WebhookEventType.REFERRAL_STATUS_CHANGED,
    WebhookEventType.EVENT_REGISTRATION_CHANGED,
    WebhookEventType.POLICY_APPLICATION_CHANGED,
    WebhookEventType.APPEAL_CHANGED,
  ],
  [Role.AUTHORITY]: [WebhookEventType.DESIGNATION_CHANGED, WebhookEventType.PILOT_STAGE_CHANGED],
};

function checkEventsHeard(viewer: Viewer, events: readonly WebhookEventType[]): void {
  const heard = EVENTS_HEARD[viewer.role];
  const unheard = heard ? events.filter((event) => !heard.includes(event)) : [];
  if (unheard.length > 0) {
    throw badInput(
      `a ${viewer.role} key is never told of ${unheard.join(', ')}: subscribe to ${heard!.join(', ')}`,
      'events',
    );
  }
}

export function requireSubscriber(viewer: Viewer): number {
  requireRole(viewer, SUBSCRIBERS, 'subscribe to webhooks');
  return viewer.apiKeyId!;
}

function enabled(settings: WebhookSettings | null): WebhookSettings & { secretKey: Buffer } {
  if (!settings?.secretKey) {
    throw forbidden(
      'webhooks are off on this server: its operator must set WEBHOOK_SECRET_KEY (32 random bytes, base64)',
    );
  }
  return settings as WebhookSettings & { secretKey: Buffer };
}

export async function createWebhookSubscription(
  { viewer, sql, webhooks }: WebhookContext,
  input: CreateWebhookSubscriptionInput,
): Promise<{ subscription: WebhookSubscription; secret: string }> {
  const apiKeyId = requireSubscriber(viewer);
  const settings = enabled(webhooks);
  const events = [...new Set(input.events)] as WebhookEventType[];
  if (events.length === 0) {
    throw badInput('events is empty: name at least one, e.g. [REFERRAL_STATUS_CHANGED]', 'events');
  }
  checkEventsHeard(viewer, events);
  let url: URL;
  try {
    url = checkTargetUrl(input.url, settings);
    await resolveTarget(url, settings, settings.resolve);
  } catch (error) {
    if (!(error instanceof TargetRefused)) throw error;
    const shown = input.url.href.length > 200 ? `${input.url.href.slice(0, 200)}…` : input.url.href;
    throw badInput(`url ${quote(shown)} ${error.message}`, 'url');
  }
  const secret = generateSecret();
  const subscription = await sql.transaction(async (transaction) => {
    // Counted under the key's row lock, so that concurrent creations cannot pass the limit together.
    await transaction.rows('SELECT id FROM api_key WHERE id = $1 FOR UPDATE', [apiKeyId]);
    const [{ count, sameUrl }] = await transaction.rows<{ count: number; sameUrl: number }>(
      `SELECT count(*)::int AS count,
              (count(*) FILTER (WHERE split_part(url, '#', 1) = split_part($2, '#', 1)))::int AS "sameUrl"
         FROM webhook_subscription WHERE api_key_id = $1 AND active`,
      [apiKeyId, url.href],
    );
    if (count >= MAX_SUBSCRIPTIONS_PER_KEY) {
      throw conflict(
        `this API key has ${count} webhook subscriptions, the most allowed: delete one it no longer needs`,
      );
    }
    if (sameUrl >= MAX_SUBSCRIPTIONS_PER_URL) {
      throw conflict(
        `this API key has ${sameUrl} webhook subscriptions to this URL, the most allowed (one, and a second while rotating its secret): delete one first`,
      );
    }
    const [row] = await transaction.rows(
      `INSERT INTO webhook_subscription (api_key_id, url, events, secret_ciphertext, secret_key_id)
       VALUES ($1, $2, $3::webhook_event_type[], $4, $5) RETURNING *`,
      [
        apiKeyId,
        url.href,
        events,
        sealSecret(settings.secretKey, secret),
        keyIdOf(settings.secretKey),
      ],
    );
    return transaction.hydrator(WebhookSubscription)(row);
  });
  return { subscription, secret };
}

/**
 * Deactivates the subscription and ends its deliveries still to come (DEAD). True when this call
 * deleted it, false when it was deleted already.
 */
export async function deleteWebhookSubscription(
  { viewer, sql }: WebhookContext,
  id: string,
): Promise<boolean> {
  requireSubscriber(viewer);
  const key = Number(requireNodeKey(id, 'WebhookSubscription', 'id'));
  return sql.transaction(async (transaction) => {
    const params = new SqlParameters();
    const [found] = await transaction.rows<{ active: boolean }>(
      `SELECT s.active FROM webhook_subscription s
        WHERE s.id = ${params.add(key)} AND ${owned(viewer, params)} FOR UPDATE`,
      params.values,
    );
    if (!found) {
      throw notFound(`no webhook subscription with id ${quote(id)} belongs to this API key`, 'id');
    }
    if (!found.active) return false;
    await transaction.run(
      'UPDATE webhook_subscription SET active = false, deleted_at = now() WHERE id = $1',
      [key],
    );
    await transaction.run(
      `UPDATE webhook_delivery SET status = 'DEAD', next_attempt_at = NULL,
              last_error = 'the subscription was deleted: no more attempts'
        WHERE subscription_id = $1 AND status IN ('PENDING', 'FAILED')`,
      [key],
    );
    return true;
  });
}

/**
 * Queues the next attempt of the delivery now: one more for a DELIVERED or DEAD delivery (the
 * retries left, if any; else one, a failure of which is final), the scheduled retry brought
 * forward for a FAILED one. Refused (CONFLICT) while an attempt is queued or under way (PENDING):
 * a delivery has at most one attempt waiting or running, however often this is called. Refused
 * once its subscription is deleted or its key revoked.
 */
export async function redeliverWebhook(
  { viewer, sql, webhooks }: WebhookContext,
  deliveryId: string,
): Promise<WebhookDelivery> {
  requireSubscriber(viewer);
  const uuid = requireNodeKey(deliveryId, 'WebhookDelivery', 'deliveryId');
  return sql.transaction(async (transaction) => {
    const params = new SqlParameters();
    // The row lock orders this after an attempt's claim, which marks the delivery PENDING.
    const [found] = await transaction.rows<{
      active: boolean;
      attempts: number;
      status: DeliveryStatus;
    }>(
      `SELECT s.active, d.attempts, d.status FROM webhook_delivery d
         JOIN webhook_subscription s ON s.id = d.subscription_id
        WHERE d.uuid = ${params.add(uuid)} AND ${owned(viewer, params)} FOR UPDATE OF d`,
      params.values,
    );
    if (!found) {
      throw notFound(
        `no webhook delivery with id ${quote(deliveryId)} belongs to this API key`,
        'deliveryId',
      );
    }
    if (!found.active) {
      throw conflict(
        'the delivery’s subscription was deleted: create a new subscription for new deliveries',
      );
    }
    if (found.status === DeliveryStatus.PENDING) {
      throw conflict(
        'the delivery already has an attempt queued or under way (status PENDING): redeliver it once that attempt is over',
      );
    }
    const [row] = await transaction.rows(
      `UPDATE webhook_delivery SET status = 'PENDING', next_attempt_at = now(),
              attempt_limit = greatest(coalesce(attempt_limit, $2), attempts + 1)
        WHERE uuid = $1 RETURNING *`,
      [uuid, webhooks?.maxAttempts ?? 1],
    );
    // Replaces a FAILED delivery's waiting retry (the same job key): brought forward, not doubled.
    await transaction.rows(ADD_DELIVERY_JOB, [uuid, found.attempts + 1, null]);
    return transaction.hydrator(WebhookDelivery)(row);
  });
}
