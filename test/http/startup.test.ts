// `npm start` as a process: a cluster of its own in a temporary folder, then the probes, a
// stopped database, a graceful SIGTERM, a warm restart and a port that is already taken.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

const status = async (url: string) => (await fetch(url)).status;

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
  it('starts an embedded cluster, migrates, seeds, serves, and stops cleanly on SIGTERM', async () => {
    const app = startProcess(env);
    try {
      await waitFor(app, 'API ready at');
      expect(app.output()).toMatch(/using database database="embedded PostgreSQL/);
      expect(app.output()).toContain(`migrations applied count=${migrations.length}`);
      expect(app.output()).toMatch(/network seeded regions=3338/);
      expect(await status(`http://127.0.0.1:${port}/healthz`)).toBe(200);
      expect(await status(`http://127.0.0.1:${port}/readyz`)).toBe(200);

      // The database goes away under the running API: not ready, yet alive.
      const postmasterPid = Number(
        readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0],
      );
      process.kill(postmasterPid, 'SIGINT');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(await status(`http://127.0.0.1:${port}/readyz`)).toBe(503);
      expect(await status(`http://127.0.0.1:${port}/healthz`)).toBe(200);

      app.child.kill('SIGTERM');
      expect(await app.exit).toBe(0);
      expect(app.output()).toMatch(/SIGTERM received/);
    } finally {
      app.child.kill('SIGKILL');
    }
  });

  it('reuses the data on a second start without seeding again', async () => {
    const app = startProcess(env);
    try {
      await waitFor(app, 'API ready at');
      expect(app.output()).toMatch(/migrations applied count=0/);
      expect(app.output()).toMatch(/seed skipped/);
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
      const errors = app
        .output()
        .split('\n')
        .filter((line) => line.includes('ERROR'));
      expect(errors).toEqual([
        expect.stringContaining(`start-up failed: port ${port} is already in use`),
      ]);
      expect(app.output()).not.toMatch(/\n\s+at /); // no stack trace
      expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
    } finally {
      blocker.close();
      app.child.kill('SIGKILL');
    }
  });
});
