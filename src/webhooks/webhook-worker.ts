// Delivering webhooks in this process: graphile-worker runs the delivery task on the shared
// PostgreSQL queue. Every API process may run one; they share the queue without delivering the
// same attempt twice (graphile-worker locks a job for one worker; the task claims its attempt),
// and free the lanes of a process that died mid-attempt (webhook-lanes.ts).
import type { TaskList } from 'graphile-worker';
import type { WebhookConfig } from '../config';
import { startJobQueue, type JobQueue } from '../db/job-queue';
import { deliverWebhookTask, type DeliveryTaskOptions } from './webhook-delivery.task';
import { sweepStaleLanes } from './webhook-lanes';
import { DELIVER_WEBHOOK } from './webhook-outbox';

export interface WebhookWorkerOptions extends Omit<DeliveryTaskOptions, 'config'> {
  /** The database the queue lives in. */
  url: string;
  config: WebhookConfig;
  /** Other domains' jobs, run by the same queue (src/app hands them in): the registry's upkeep,
   * entitling policies on their opening day. */
  otherTasks?: TaskList;
  crontab?: string;
}

/** Starts delivering; null when this process delivers nothing (no concurrency, or no secret key). */
export async function startWebhookWorker(options: WebhookWorkerOptions): Promise<JobQueue | null> {
  const { config, log } = options;
  if (config.concurrency === 0) return null;
  if (!config.secretKey) {
    log.warn('webhooks are off: set WEBHOOK_SECRET_KEY to deliver them');
    return null;
  }
  if (config.developmentKey) {
    log.warn(
      'webhook secrets are encrypted with the public development key: set WEBHOOK_SECRET_KEY',
    );
  }
  const queue = await startJobQueue({
    url: options.url,
    log,
    concurrency: config.concurrency,
    pollIntervalMs: config.pollIntervalMs,
    tasks: { ...options.otherTasks, [DELIVER_WEBHOOK]: deliverWebhookTask(options) },
    crontab: options.crontab,
  });
  const sweeper = sweepStaleLanes(options.sql, config.timeoutMs, log);
  return {
    async stop() {
      sweeper.stop();
      await queue.stop();
    },
  };
}
