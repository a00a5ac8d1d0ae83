// One process serving the API: database (embedded unless DATABASE_URL) → migrations → seed if
// the network is empty → HTTP server; and the reverse on SIGTERM/SIGINT. With WEB_CONCURRENCY > 1
// each worker of the cluster runs this, on the database its primary prepared.
import type { Config } from '../config';
import {
  REGISTRY_CRONTAB,
  REGISTRY_UPKEEP,
  registryUpkeepTask,
} from '../cultivation/registry-upkeep';
import type { JobQueue } from '../db/job-queue';
import type { Logger } from '../logger';
import { startAppealEscalation } from '../appeals/appeal-escalation.task';
import { ENTITLE_OPENED_POLICIES, entitleOpenedPoliciesTask } from '../policies/policy-opening';
import { startWebhookWorker } from '../webhooks/webhook-worker';
import { failedStart, stopInOrder, stopOnTermination } from './lifecycle';
import { openNetwork, type OpenNetwork } from './network';
import { createReferenceData } from './reference-data';
import { createApiServer, type ApiServer } from './server';

export function runApiProcess(config: Config, log: Logger): void {
  let network: Partial<OpenNetwork> | undefined;
  let server: ApiServer | undefined;
  let webhooks: JobQueue | null = null;
  let escalation: JobQueue | undefined;

  /**
   * In dependency order: HTTP (finishing in-flight requests), webhook deliveries and the appeals'
   * escalation sweep under way, pools, embedded database.
   */
  const stop = async () => {
    await stopInOrder([
      ['http', server && (() => server!.stop())],
      ['webhooks', webhooks ? () => webhooks!.stop() : undefined],
      ['escalation', escalation && (() => escalation!.stop())],
      ['database', network?.close],
    ]);
    log.info('stopped');
  };
  stopOnTermination(log, config.shutdownTimeoutMs, stop);

  const start = async () => {
    const startedAt = performance.now();
    const { sql, database } = await openNetwork(config, log, {
      onOpened: (opened) => (network = opened),
    });
    // One copy of the reference data for the server and the escalation sweep (the calendar).
    const reference = createReferenceData(sql);
    server = await createApiServer({ sql, config, log, reference });
    // The job queue of the process: webhook deliveries, and the registry's upkeep every minute.
    webhooks = await startWebhookWorker({
      url: database.url,
      sql,
      config: config.webhooks,
      log,
      otherTasks: {
        [REGISTRY_UPKEEP]: registryUpkeepTask(sql),
        [ENTITLE_OPENED_POLICIES]: entitleOpenedPoliciesTask(sql),
      },
      crontab: REGISTRY_CRONTAB,
    });
    escalation = await startAppealEscalation({
      url: database.url,
      sql,
      workingCalendar: reference.workingCalendar,
      log,
    });
    const port = await server.listen(config.port);
    log.info(`SME service network API ready at http://localhost:${port}/graphql`, {
      startupMs: Math.round(performance.now() - startedAt),
    });
  };
  start().catch((error: Error) => failedStart(log, error, stop));
}
