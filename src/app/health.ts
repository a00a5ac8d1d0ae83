// Probes for orchestrators: /healthz answers while the process lives; /readyz only while the
// database answers and every migration the code knows has been applied.
import express, { type Router } from 'express';
import { pendingMigrations } from '../db/migrations';
import type { ReadReplicas } from '../db/read-replicas';
import type { Sql } from '../db/sql';

const PROBE_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error) => (clearTimeout(timer), reject(error)),
    );
  });
}

/** How each read replica stands, for /readyz: serving, or skipped and why. */
function replicaReport(replicas: ReadReplicas | null) {
  return (replicas?.health() ?? []).map(({ name, up, lagMs, error }) => ({
    name,
    status: up ? 'ready' : 'unavailable',
    lagMs,
    ...(error ? { reason: error } : {}),
  }));
}

export function healthRoutes(sql: Sql, replicas: ReadReplicas | null = null): Router {
  const router = express.Router();
  router.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });
  router.get('/readyz', async (_request, response) => {
    try {
      const pending = await withTimeout(pendingMigrations(sql), PROBE_TIMEOUT_MS);
      if (pending.length > 0) {
        response.status(503).json({ status: 'unavailable', reason: 'migrations pending', pending });
        return;
      }
      // Ready while the primary is: a replica that is down or behind only loses its reads.
      const databases = [{ name: 'primary', status: 'ready' }, ...replicaReport(replicas)];
      response.json({ status: 'ready', databases });
    } catch (error) {
      response
        .status(503)
        .json({ status: 'unavailable', reason: `database: ${(error as Error).message}` });
    }
  });
  return router;
}
