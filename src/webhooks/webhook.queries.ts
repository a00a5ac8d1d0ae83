// SQL reads of webhooks as their owner sees them: the key's subscriptions, newest first; the
// deliveries of many subscriptions at once; one subscription or delivery by its key.
import { isAdmin, isPartner } from '../auth/permissions';
import type { Viewer } from '../auth/viewer';
import { entityPage, entityPagesByKey, type KeysetPage } from '../db/entity-pages';
import { anyOf, type KeysetWindow, type PageSource, type SortColumn } from '../db/page-query';
import { SqlParameters } from '../db/rows';
import type { SqlRunner } from '../db/sql';
import { WebhookDelivery } from './webhook-delivery.entity';
import type { DeliveryStatus } from './webhook-enums';
import { WebhookSubscription } from './webhook-subscription.entity';

const NEWEST_SUBSCRIPTION_FIRST: SortColumn[] = [{ sql: '-t.id', type: 'int' }];
const NEWEST_DELIVERY_FIRST: SortColumn[] = [{ sql: '-t.seq', type: 'int' }];

/** The viewer's own subscriptions still active (an ADMIN's own too: lists are per key). */
export function listSubscriptions(
  sql: SqlRunner,
  viewer: Viewer,
  window: KeysetWindow,
): Promise<KeysetPage<WebhookSubscription>> {
  return entityPage(
    { sql },
    WebhookSubscription,
    (params): PageSource => ({
      from: 'webhook_subscription t',
      where: [`t.api_key_id = ${params.add(viewer.apiKeyId)}`, 't.active'],
      sort: NEWEST_SUBSCRIPTION_FIRST,
    }),
    window,
  );
}

/** The deliveries of each subscription (already known to be the viewer's), newest first. */
export function deliveryPagesBySubscription(
  sql: SqlRunner,
  subscriptionKeys: readonly number[],
  status: readonly DeliveryStatus[] | null | undefined,
  window: KeysetWindow,
  withTotals: boolean,
): Promise<KeysetPage<WebhookDelivery>[]> {
  return entityPagesByKey(
    { sql },
    WebhookDelivery,
    subscriptionKeys,
    'int',
    (params) => ({
      source: {
        from: 'webhook_delivery t',
        where: anyOf('t.status', status ?? undefined, 'delivery_status', params),
        sort: NEWEST_DELIVERY_FIRST,
      },
      partition: 't.subscription_id',
    }),
    window,
    withTotals,
  );
}

/** SQL restricting subscriptions (alias `s`) to the viewer's own; an ADMIN key reaches all. */
export const owned = (viewer: Viewer, params: SqlParameters) =>
  isAdmin(viewer) ? 'true' : `s.api_key_id = ${params.add(viewer.apiKeyId)}`;

export async function ownSubscription(
  sql: SqlRunner,
  viewer: Viewer,
  key: number,
): Promise<WebhookSubscription | null> {
  if (!isPartner(viewer) && !isAdmin(viewer)) return null;
  const params = new SqlParameters();
  const rows = await sql.rows(
    `SELECT s.* FROM webhook_subscription s WHERE s.id = ${params.add(key)} AND ${owned(viewer, params)}`,
    params.values,
  );
  return rows.map(sql.hydrator(WebhookSubscription))[0] ?? null;
}

export async function ownDelivery(
  sql: SqlRunner,
  viewer: Viewer,
  uuid: string,
): Promise<WebhookDelivery | null> {
  if (!isPartner(viewer) && !isAdmin(viewer)) return null;
  const params = new SqlParameters();
  const rows = await sql.rows(
    `SELECT d.* FROM webhook_delivery d JOIN webhook_subscription s ON s.id = d.subscription_id
      WHERE d.uuid = ${params.add(uuid)} AND ${owned(viewer, params)}`,
    params.values,
  );
  return rows.map(sql.hydrator(WebhookDelivery))[0] ?? null;
}
