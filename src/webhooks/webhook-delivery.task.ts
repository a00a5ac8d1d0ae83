// The graphile-worker task that makes one delivery attempt. A job names its delivery and the
// attempt it is to make; the attempt is claimed by a conditional UPDATE (attempts = n − 1), so
// that of two jobs for the same attempt — two processes, a redelivery racing a retry — one
// delivers and the other finds nothing to do. The claim also schedules the next attempt, so
// that a process killed mid-attempt loses nothing: the next attempt comes anyway. Deliveries are
// at least once; receivers deduplicate by the delivery id.
import type { Task } from 'graphile-worker';
import type { WebhookConfig } from '../config';
import { JOB_QUEUE_SCHEMA } from '../db/job-queue';
import type { Sql } from '../db/sql';
import type { Logger } from '../logger';
import { retryDelayMs } from './webhook-backoff';
import { webhookPayload, WebhookDelivery } from './webhook-delivery.entity';
import { ADD_DELIVERY_JOB, deliveryJobKey, type DeliveryJob } from './webhook-outbox';
import { openSecret, SecretUnreadable } from './webhook-secrets';
import { postWebhook, type AttemptOutcome } from './webhook-sender';
import { WEBHOOK_HEADERS, webhookSignature } from './webhook-signature';
import {
  checkTargetUrl,
  resolveTarget,
  systemResolver,
  TargetRefused,
  type Resolver,
} from './webhook-targets';

export interface DeliveryTaskOptions {
  sql: Sql;
  config: WebhookConfig;
  log: Logger;
  /** Host name lookups; tests hand in their own. */
  resolve?: Resolver;
  /** Sees every attempt's outcome (tests, the latency bench). */
  onAttempt?(deliveryUuid: string, attempt: number, outcome: AttemptOutcome): void;
}

interface ClaimedRow extends Record<string, unknown> {
  url: string;
  secret_ciphertext: Buffer;
  secret_key_id: string;
  attempt_limit: number;
}

/** Why a delivery cannot go on at all: its subscription was deleted or its key revoked. */
const STOPPED = `CASE WHEN NOT s.active THEN 'the subscription was deleted'
                      WHEN k.revoked_at IS NOT NULL THEN 'the API key of the subscription was revoked' END`;

export function deliverWebhookTask(options: DeliveryTaskOptions): Task {
  const { sql, config, log } = options;
  const resolve = options.resolve ?? systemResolver;
  const hydrate = sql.hydrator(WebhookDelivery);

  /** Claims attempt n, or says why not (null: a stale job, nothing to do). */
  async function claim(uuid: string, attempt: number): Promise<ClaimedRow | null> {
    return sql.transaction(async (transaction) => {
      const [found] = await transaction.rows<{ stopped: string | null; attempt_limit: number }>(
        `SELECT ${STOPPED} AS stopped, coalesce(d.attempt_limit, $3) AS attempt_limit
           FROM webhook_delivery d
           JOIN webhook_subscription s ON s.id = d.subscription_id
           JOIN api_key k ON k.id = s.api_key_id
          WHERE d.uuid = $1 AND d.attempts = $2 - 1 AND d.status IN ('PENDING', 'FAILED')
          FOR UPDATE OF d`,
        [uuid, attempt, config.maxAttempts],
      );
      if (!found) return null;
      if (found.stopped || attempt > found.attempt_limit) {
        await transaction.run(
          `UPDATE webhook_delivery SET status = 'DEAD', next_attempt_at = NULL, last_error = $2 WHERE uuid = $1`,
          [
            uuid,
            found.stopped
              ? `${found.stopped}: no more attempts`
              : `attempt ${attempt - 1} was cut short (the server stopped) and was the last allowed`,
          ],
        );
        return null;
      }
      // Should this attempt never finish (the process dies), the next one comes when a retry
      // would: the attempt's time limit, then the backoff. PENDING while it is under way, so that
      // redeliverWebhook does not queue a second attempt beside it.
      const nextAt = new Date(Date.now() + config.timeoutMs + retryDelayMs(attempt, config));
      const [row] = await transaction.rows<ClaimedRow>(
        `UPDATE webhook_delivery d SET attempts = $2, next_attempt_at = $3, status = 'PENDING'
           FROM webhook_subscription s
          WHERE d.uuid = $1 AND s.id = d.subscription_id
          RETURNING d.*, s.url, s.secret_ciphertext, s.secret_key_id`,
        [uuid, attempt, nextAt],
      );
      await transaction.rows(ADD_DELIVERY_JOB, [uuid, attempt + 1, nextAt]);
      return { ...row, attempt_limit: found.attempt_limit };
    });
  }

  async function attempt(row: ClaimedRow, attemptNumber: number, signal: AbortSignal) {
    const delivery = hydrate(row);
    const url = checkTargetUrl(row.url, config);
    const target = await resolveTarget(url, config, resolve);
    const secret = openSecret(config.secretKey!, row.secret_key_id, row.secret_ciphertext);
    const body = JSON.stringify(webhookPayload(delivery));
    const timestamp = Math.floor(Date.now() / 1000);
    return postWebhook({
      url,
      target,
      body,
      timeoutMs: config.timeoutMs,
      signal,
      headers: {
        [WEBHOOK_HEADERS.id]: delivery.id,
        [WEBHOOK_HEADERS.event]: delivery.eventType,
        [WEBHOOK_HEADERS.timestamp]: String(timestamp),
        [WEBHOOK_HEADERS.signature]: webhookSignature(secret, timestamp, body),
        [WEBHOOK_HEADERS.attempt]: String(attemptNumber),
      },
    });
  }

  /** Records how attempt n went: DELIVERED, FAILED with the next attempt scheduled, or DEAD. */
  async function record(uuid: string, n: number, limit: number, outcome: AttemptOutcome) {
    await sql.transaction(async (transaction) => {
      if (outcome.ok) {
        const done = await transaction.run(
          `UPDATE webhook_delivery SET status = 'DELIVERED', delivered_at = coalesce(delivered_at, now()),
                  next_attempt_at = NULL, last_status_code = $3, last_error = NULL
            WHERE uuid = $1 AND attempts = $2`,
          [uuid, n, outcome.statusCode],
        );
        if (done.rowCount) await removeWaitingJob(transaction, uuid);
        return;
      }
      const error = outcome.error.slice(0, 500);
      if (n >= limit) {
        const dead = await transaction.run(
          `UPDATE webhook_delivery SET status = 'DEAD', next_attempt_at = NULL, last_status_code = $3, last_error = $4
            WHERE uuid = $1 AND attempts = $2`,
          [uuid, n, outcome.statusCode, `${error} (attempt ${n} of ${limit}: no more attempts)`],
        );
        if (dead.rowCount) await removeWaitingJob(transaction, uuid);
        return;
      }
      const nextAt = new Date(Date.now() + retryDelayMs(n, config));
      const failed = await transaction.run(
        `UPDATE webhook_delivery SET status = 'FAILED', next_attempt_at = $3, last_status_code = $4, last_error = $5
          WHERE uuid = $1 AND attempts = $2`,
        [uuid, n, nextAt, outcome.statusCode, error],
      );
      // The next attempt's job (scheduled by the claim for a crash) now comes after the backoff.
      if (failed.rowCount) await transaction.rows(ADD_DELIVERY_JOB, [uuid, n + 1, nextAt]);
    });
  }

  return async (payload, helpers) => {
    const { deliveryId, attempt: n } = payload as DeliveryJob;
    const claimed = await claim(deliveryId, n);
    if (!claimed) return;
    let outcome: AttemptOutcome;
    try {
      outcome = await attempt(claimed, n, helpers.abortSignal);
    } catch (error) {
      if (!(error instanceof TargetRefused || error instanceof SecretUnreadable)) throw error;
      const message = error instanceof TargetRefused ? `the URL ${error.message}` : error.message;
      outcome = { ok: false, statusCode: null, error: message };
    }
    // One line per attempt, as the operation log has one per request: which process made it.
    if (outcome.ok)
      log.info('webhook delivered', { deliveryId, attempt: n, statusCode: outcome.statusCode });
    else log.info('webhook attempt failed', { deliveryId, attempt: n, error: outcome.error });
    await record(deliveryId, n, claimed.attempt_limit, outcome);
    options.onAttempt?.(deliveryId, n, outcome);
  };
}

/** The next attempt's job, not needed any more (a stale one would find nothing to do anyway). */
async function removeWaitingJob(transaction: Pick<Sql, 'rows'>, uuid: string) {
  await transaction.rows(`SELECT ${JOB_QUEUE_SCHEMA}.remove_job($1)`, [deliveryJobKey(uuid)]);
}
