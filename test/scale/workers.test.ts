// WEB_CONCURRENCY=2: a primary and two workers sharing one port (node:cluster). Both serve; a
// worker that dies is replaced; SIGTERM lets every worker finish its requests.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApiProcess, post, type ApiProcess } from '../support/api-process';
import { freePort } from '../support/free-port';

let dataDir: string;
let app: ApiProcess;

const SLOW = `{ services(first: 1, filter: { search: "${'中小企业融资服务数字化转型人才培训'.repeat(6).slice(0, 100)}" }) { totalCount } }`;

/** The pids of the processes that logged a `graphql` line. */
const servingPids = () =>
  new Set(
    app
      .records()
      .filter((record) => record.msg === 'graphql')
      .map((record) => record.pid),
  );
const workerPids = () =>
  app
    .records()
    .filter((record) => record.msg === 'worker started')
    .map((record) => record.workerPid as number);

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'sme-workers-'));
  app = startApiProcess(await freePort(), {
    DATABASE_URL: '',
    EMBEDDED_PG_DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(await freePort()),
    WEB_CONCURRENCY: '2',
    RATE_LIMITS: 'off',
    // The drain is under test, not the deadlines: on a loaded CI machine six slow searches at
    // once may outlast the 5 s statement timeout, and a TIMEOUT (503) would hide what we check.
    DB_STATEMENT_TIMEOUT_MS: '60000',
    REQUEST_TIMEOUT_MS: '60000',
    SHUTDOWN_TIMEOUT_MS: '60000',
  });
  await app.waitFor('primary ready', 180_000);
  const deadline = Date.now() + 60_000;
  while (app.records().filter((record) => record.msg.includes('API ready at')).length < 2) {
    if (Date.now() > deadline) throw new Error(`workers not ready:\n${app.output().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}, 240_000);

afterAll(async () => {
  app.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('WEB_CONCURRENCY=2', () => {
  it('runs two workers that both serve the one port', async () => {
    expect(new Set(workerPids()).size).toBe(2);
    for (let i = 0; i < 20; i++) {
      expect((await post(app.url, '{ viewer { role } }')).status).toBe(200);
    }
    expect([...servingPids()].sort()).toEqual([...workerPids()].sort());
  });

  it('replaces a worker that dies, and keeps serving meanwhile', async () => {
    const [victim] = workerPids();
    process.kill(victim, 'SIGKILL');
    await app.waitFor('worker died: starting another');
    // The other worker answers meanwhile (a connection kept alive to the dead one is gone).
    expect(
      (await post(app.url, '{ viewer { role } }', undefined, { connection: 'close' })).status,
    ).toBe(200);
    const deadline = Date.now() + 60_000;
    while (workerPids().length < 3) {
      if (Date.now() > deadline) throw new Error('no worker replaced the dead one');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const replacement = workerPids()[2];
    while (
      !app
        .records()
        .some((record) => record.pid === replacement && record.msg.includes('API ready at'))
    ) {
      if (Date.now() > deadline) throw new Error('the replacement never became ready');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect((await post(app.url, '{ viewer { role } }')).status).toBe(200);
  });

  it('drains every worker on SIGTERM: no request in flight fails, then the database stops', async () => {
    const inFlight = Array.from({ length: 6 }, () => post(app.url, SLOW));
    await new Promise((resolve) => setTimeout(resolve, 300));
    app.child.kill('SIGTERM');
    const answers = await Promise.all(inFlight);
    // A failure names the error's code, not just the status.
    expect(
      answers.map(({ status, body }) =>
        status === 200 ? 200 : `${status} ${JSON.stringify(body)}`,
      ),
    ).toEqual([200, 200, 200, 200, 200, 200]);
    expect(await app.exit).toBe(0);
    // Every process that was serving stopped cleanly, and the primary last.
    const serving = new Set(
      app
        .records()
        .filter((record) => record.msg.includes('API ready at'))
        .map((record) => record.pid),
    );
    const alive = [...serving].filter((pid) => pid !== workerPids()[0]);
    const stopped = app.records().filter((record) => record.msg === 'stopped');
    expect(stopped.map((record) => record.pid).sort()).toEqual([...alive, app.child.pid].sort());
    expect(stopped.at(-1)!.pid).toBe(app.child.pid);
    expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
  });
});
