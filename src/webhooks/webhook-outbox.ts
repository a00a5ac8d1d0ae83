// The transactional outbox: a change that partners may be told about writes one webhook_delivery
// row per matching subscription, and one graphile-worker job per row, in the change's own
// transaction — so a delivery exists exactly when its change committed, and survives any crash
// after the commit. Who is told: active subscriptions of unrevoked keys that asked for the event
// type and may see the change (an ADMIN key sees all; a PARTNER key what it made; an AUTHORITY
// key what happened in its region).
import type { SqlRunner } from '../db/sql';
import { JOB_QUEUE_SCHEMA } from '../db/job-queue';
import type { WebhookEventType } from './webhook-enums';
import { regionContainsSql } from '../regions/region-code';

/** The graphile-worker task that makes delivery attempts. */
export const DELIVER_WEBHOOK = 'deliver_webhook';

/** One job key per delivery: a retry or a redelivery replaces the job waiting for it. */
const JOB_KEY_PREFIX = 'webhook:';

export function deliveryJobKey(deliveryUuid: string): string {
  return `${JOB_KEY_PREFIX}${deliveryUuid}`;
}

/** What a delivery job carries: the delivery and which attempt it is to make (1-based). */
export interface DeliveryJob {
  deliveryId: string;
  attempt: number;
}

export interface WebhookEvent {
  type: WebhookEventType;
  /** The API key that made the referral or registration: the one PARTNER that may see it. */
  ownerApiKeyId: number | null;
  /** Where the change happened (six digits): AUTHORITY keys over it hear of it. */
  regionCode?: string | null;
  /** The payload's `data`: global ids and statuses, never personal data. */
  data: Record<string, unknown>;
}

/**
 * A job is one delivery attempt; the next attempt is a job of its own, scheduled by the delivery
 * task with our backoff (graphile-worker's own retry schedule is not configurable). The queue's
 * own retries (exponential, up to this many runs) only cover a task that failed before it could
 * record anything, e.g. the database was unreachable: running a job again is safe, since an
 * attempt is claimed once.
 */
const JOB_RUNS = 10;

/** The lanes one API key's deliveries run in, across every process: see `deliveryLane`. */
export const LANES_PER_KEY = 4;

/** Prefix of the lanes' queue names: the stale-lane sweep (webhook-lanes.ts) looks only at these. */
export const LANE_PREFIX = 'webhook-lane:';

/**
 * The lane of delivery `uuid` to subscription `s` (SQL expressions): a graphile-worker named
 * queue, `webhook-lane:<key id>:<n>`, whose jobs run one at a time across every process. A key's
 * deliveries are spread over its LANES_PER_KEY lanes by their random id (retries stay in their
 * delivery's lane), so a key occupies at most LANES_PER_KEY delivery slots, however many
 * subscriptions and hosts it has: a slow or dead receiver delays its own key's deliveries, never
 * another partner's, and a busy partner's burst still goes out LANES_PER_KEY at a time. Fairness
 * per key rather than per host, because host names cost a partner nothing (twenty names for one
 * slow server) while keys are issued by the operator. graphile-worker has no concurrency limit for
 * a group of jobs; LANES_PER_KEY named queues per key make one.
 */
function deliveryLane(s: string, uuid: string): string {
  return `'${LANE_PREFIX}' || ${s}.api_key_id || ':' || get_byte(uuid_send(${uuid}), 15) % ${LANES_PER_KEY}`;
}

/** The add_job call for a delivery's attempt at `runAt` (null: now); arguments are SQL expressions. */
function addDeliveryJob(uuid: string, attempt: string, runAt: string, lane: string): string {
  return `${JOB_QUEUE_SCHEMA}.add_job('${DELIVER_WEBHOOK}',
    json_build_object('deliveryId', ${uuid}, 'attempt', ${attempt}), queue_name => ${lane},
    run_at => ${runAt}, max_attempts => ${JOB_RUNS}, job_key => '${JOB_KEY_PREFIX}' || ${uuid})`;
}

/** Statement adding a delivery's job (attempt `$2`) at `$3` (null: now), replacing the waiting one. */
export const ADD_DELIVERY_JOB = `SELECT ${addDeliveryJob(
  '$1::text',
  '$2::int',
  '$3::timestamptz',
  `(SELECT ${deliveryLane('s', 'd.uuid')} FROM webhook_delivery d
     JOIN webhook_subscription s ON s.id = d.subscription_id WHERE d.uuid = $1::uuid)`,
)}`;

/** Writes the deliveries of `events` and their jobs; call it inside the change's transaction. */
export async function enqueueWebhookEvents(
  transaction: SqlRunner,
  events: readonly WebhookEvent[],
): Promise<number> {
  if (events.length === 0) return 0;
  const [row] = await transaction.rows<{ queued: number }>(
    `WITH event AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS e(type webhook_event_type, owner integer, region text, data jsonb)
     ), inserted AS (
       INSERT INTO webhook_delivery (subscription_id, event_type, data)
       SELECT s.id, e.type, e.data
         FROM event e
         JOIN webhook_subscription s ON s.active AND e.type = ANY(s.events)
         JOIN api_key k ON k.id = s.api_key_id AND k.revoked_at IS NULL
                       AND (k.role = 'ADMIN' OR (k.role = 'PARTNER' AND k.id = e.owner)
                            OR (k.role = 'AUTHORITY' AND ${regionContainsSql('k.region_code', 'e.region')}))
       RETURNING uuid, subscription_id
     )
     SELECT count(${addDeliveryJob('i.uuid::text', '1', 'NULL', deliveryLane('s', 'i.uuid'))})::int AS queued
       FROM inserted i JOIN webhook_subscription s ON s.id = i.subscription_id`,
    [
      JSON.stringify(
        events.map(({ type, ownerApiKeyId, regionCode, data }) => ({
          type,
          owner: ownerApiKeyId,
          region: regionCode ?? null,
          data,
        })),
      ),
    ],
  );
  return row.queued;
}
