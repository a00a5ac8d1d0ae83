// npm run import: the same engine from the console — a dry run of the example file against the
// run's database says what it would do and writes nothing; a bad file exits 1 with each problem
// on its own line, as file:line column: message.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { DataSource } from 'typeorm';
import { importCommand as runImportCommand } from '../support/import-files';
import { connectTestDatabase } from '../support/test-database';

const importCommand = (...args: string[]) =>
  runImportCommand(process.env.TEST_DATABASE_URL, ...args);

let db: DataSource;
beforeAll(async () => (db = await connectTestDatabase()));
afterAll(() => db.destroy());

/** The codes the example file names: what a dry run must leave as it found it. */
const EXAMPLE = 'docs/examples/network-import.csv';
const exampleCodes = (
  parse(readFileSync(path.resolve(__dirname, '../..', EXAMPLE)), { columns: true }) as {
    code: string;
  }[]
).map((row) => row.code);

/**
 * The rows of the file's codes and the audit entries about them (other test files write to this
 * database at the same time: whole-table counts would see their rows).
 */
const counts = async () =>
  (
    await db.query(
      `SELECT (SELECT json_agg(i ORDER BY i.code) FROM institution i WHERE i.code = ANY($1)) AS institutions,
              (SELECT json_agg(s ORDER BY s.code) FROM service s WHERE s.code = ANY($1)) AS services,
              (SELECT count(*)::int FROM audit_entry WHERE entity_code = ANY($1)) AS audit`,
      [exampleCodes],
    )
  )[0];

describe('npm run import', () => {
  it('dry-runs the example file: what it would do, nothing written', async () => {
    const before = await counts();
    expect(exampleCodes.length).toBeGreaterThan(5);
    const result = await importCommand(EXAMPLE, '--dry-run');
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
