// npm run import: the same engine from the console — a dry run of the example file against the
// run's database says what it would do and writes nothing; a bad file exits 1 with each problem
// on its own line, as file:line column: message.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { connectTestDatabase } from '../support/test-database';

const importCommand = (...args: string[]) =>
  new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'src/app/cli/import.ts', ...args],
      {
        cwd: path.resolve(__dirname, '../..'),
        env: { ...process.env, DATABASE_URL: process.env.TEST_DATABASE_URL, LOG_LEVEL: 'silent' },
      },
      (error, stdout, stderr) =>
        resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });

let db: DataSource;
beforeAll(async () => (db = await connectTestDatabase()));
afterAll(() => db.destroy());

const counts = async () =>
  (
    await db.query(`SELECT (SELECT count(*)::int FROM institution) AS institutions,
                           (SELECT count(*)::int FROM service) AS services,
                           (SELECT count(*)::int FROM audit_entry) AS audit`)
  )[0];

describe('npm run import', () => {
  it('dry-runs the example file: what it would do, nothing written', async () => {
    const before = await counts();
    const result = await importCommand('docs/examples/network-import.csv', '--dry-run');
    expect([result.status, result.stderr]).toEqual([0, '']);
    expect(result.stdout).toMatch(
      /^7 rows: 5 created, 2 updated, 0 unchanged — dry run: nothing written \(\d+\.\d s\)\n$/,
    );
    expect(await counts()).toEqual(before);
  });

  it('prints every problem of a bad file by line and column, and exits 1', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'import-')), 'bad.csv');
    writeFileSync(file, 'record,code,name\ninstitution,C-1,x\n');
    const result = await importCommand(file);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${file}:1 name_en: column 'name_en' is missing`);
    expect(result.stdout).toMatch(/0 rows: .*problem\(s\): nothing written/);
  });

  it('explains how to call it', async () => {
    const result = await importCommand();
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe('usage: npm run import -- <file.csv> [--dry-run]');
  });
});
