// Files an import must survive, each replayed as it was sent (issue 26): a header of 125,000
// columns, a 25 MB dry run beside other clients, a GBK file as Excel saves it on a Chinese
// system, and text that hides or runs something (control and bidi characters, formulas). Over
// HTTP as clients send them and through `npm run import`, on a seeded database of this test's own.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import type { DataSource } from 'typeorm';
import { createApiKey } from '../../src/auth/api-key.commands';
import { createNetworkDataSource } from '../../src/app/data-source';
import { runPendingMigrations } from '../../src/db/migrations';
import { Sql } from '../../src/db/sql';
import { seedNetwork } from '../../src/seed/seed';
import {
  IMPORT_HEADER,
  csvRow,
  dongguanAgency,
  importCommand as runImportCommand,
  type ImportValues,
} from '../support/import-files';
import { provincePlan } from '../support/province-plan';
import { bearer } from '../support/referral-fixtures';
import { createScratchDatabase } from '../support/scratch-database';
import { startTestApi, type TestApi } from '../support/test-api';

const HEADER = IMPORT_HEADER;
/** A new MARKET agency of Dongguan, row `n` (codes from M-441900-700). */
const agency = (n: number, values: ImportValues = {}) => dongguanAgency(n, 700, values);

const IMPORT = `mutation ($input: ImportNetworkInput!) {
  importNetwork(input: $input) { dryRun rows created updated unchanged errors { line field message } }
}`;
const IMPORT_COUNTED = `mutation ($input: ImportNetworkInput!) {
  importNetwork(input: $input) { rows created errors { line field message } unlistedErrors }
}`;

let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let db: DataSource;
let api: TestApi;
let admin: Record<string, string>;

beforeAll(async () => {
  scratch = await createScratchDatabase('hostile_files');
  db = createNetworkDataSource({ url: scratch.url, applicationName: 'jest-hostile-files' });
  await db.initialize();
  await runPendingMigrations(db);
  const sql = new Sql(db);
  await seedNetwork(sql, provincePlan('44'));
  api = await startTestApi({ databaseUrl: scratch.url });
  admin = bearer((await createApiKey(sql, { role: 'ADMIN', name: 'importer' })).key);
});
afterAll(async () => {
  await api?.close();
  await db?.destroy();
  await scratch?.drop();
});

const importCommand = (...args: string[]) => runImportCommand(scratch.url, ...args);

const tempFile = (name: string, content: string | Buffer) => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'hostile-')), name);
  writeFileSync(file, content);
  return file;
};

const storedNames = async (codes: string[]) =>
  (
    await db.query(`SELECT code, name FROM institution WHERE code = ANY($1) ORDER BY code`, [codes])
  ).map((row: { code: string; name: string }) => `${row.code} ${row.name}`);

describe('a header of 125,000 extra columns (0.9 MB)', () => {
  const header = `${HEADER},${Array.from({ length: 125_000 }, (_, n) => `x${n}`).join(',')}`;

  it('is refused as one problem, in a small answer', async () => {
    const body = JSON.stringify({
      query: IMPORT,
      variables: { input: { csv: `${header}\n${csvRow(agency(1))}`, dryRun: true } },
    });
    expect(body.length).toBeGreaterThan(850_000);
    const response = await fetch(`${api.origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...admin },
      body,
    });
    const text = await response.text();
    expect(text.length).toBeLessThan(10_000);
    expect(JSON.parse(text).data.importNetwork.errors).toEqual([
      {
        line: 1,
        field: null,
        message: expect.stringContaining('the header has 125022 columns where the layout has 22'),
      },
    ]);
  });
});

describe('a file with thousands of problems', () => {
  it('lists the first 100 by line and says how many more there were', async () => {
    const rows = Array.from({ length: 2_000 }, (_, n) => csvRow(agency(n, { phone: 'call us' })));
    const { data } = await api.graphql<any>(
      IMPORT_COUNTED,
      { input: { csv: [HEADER, ...rows].join('\n'), dryRun: true } },
      admin,
    );
    expect(data.importNetwork.rows).toBe(2_000);
    expect(data.importNetwork.errors).toHaveLength(100);
    expect(data.importNetwork.errors.map((error: { line: number }) => error.line)).toEqual(
      Array.from({ length: 100 }, (_, n) => n + 2),
    );
    expect(data.importNetwork.unlistedErrors).toBe(1_900);
  });

  it('prints the first 100 from the console too, and the count of the rest', async () => {
    const rows = Array.from({ length: 300 }, (_, n) => csvRow(agency(n, { phone: 'call us' })));
    const result = await importCommand(tempFile('bad.csv', [HEADER, ...rows].join('\n')));
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(101);
    expect(lines[100]).toMatch(/… and 200 more problem\(s\) not listed$/);
    expect(result.stdout).toMatch(/300 rows: .* 300 problem\(s\): nothing written/);
  });
});

describe('a dry run of 100,000 rows (25 MB)', () => {
  it('lets a bystander’s lookup answer within 3 s while it runs', async () => {
    const csv = [HEADER, ...Array.from({ length: 100_000 }, (_, n) => csvRow(agency(n)))].join(
      '\n',
    );
    expect(Buffer.byteLength(csv)).toBeGreaterThan(24_000_000);
    let importing = true;
    const imported = api
      .graphql<any>(IMPORT, { input: { csv, dryRun: true } }, admin)
      .finally(() => (importing = false));
    const waits: number[] = [];
    // Lookups one after another for as long as the import runs (the first once it has begun).
    await new Promise((resolve) => setTimeout(resolve, 300));
    while (importing) {
      const started = Date.now();
      const { data } = await api.graphql<any>(`{ institution(code: "C-441900") { name } }`);
      waits.push(Date.now() - started);
      expect(data.institution.name).toBe('东莞市中小企业服务中心');
    }
    const { data, errors } = await imported;
    expect(errors).toBeUndefined();
    expect(data.importNetwork).toMatchObject({ rows: 100_000, created: 100_000, errors: [] });
    console.log(
      `bystander lookups during the dry run: ${waits.length}, slowest ${Math.max(...waits)} ms`,
    );
    expect(waits.length).toBeGreaterThan(3);
    expect(Math.max(...waits)).toBeLessThan(3_000);
  }, 180_000);
});

describe('a GBK file, as Excel saves "CSV" on a Chinese system', () => {
  const row = agency(1, { code: 'M-441900-GBK', name: '东莞市知识产权服务有限公司' });
  const gbk = iconv.encode([HEADER, csvRow(row), ''].join('\r\n'), 'gbk');

  it('is refused over HTTP, where its client read it as UTF-8, naming the encoding', async () => {
    const csv = gbk.toString('utf8');
    expect(csv).toContain('\uFFFD');
    const { data } = await api.graphql<any>(IMPORT, { input: { csv } }, admin);
    expect(data.importNetwork).toMatchObject({ rows: 0, created: 0 });
    expect(data.importNetwork.errors).toEqual([
      { line: 2, field: null, message: expect.stringMatching(/not UTF-8.*GBK \(GB18030\)/) },
    ]);
    expect(await storedNames(['M-441900-GBK'])).toEqual([]);
  });

  it('is read as GB18030 by npm run import, which says so, and stored as the Chinese it is', async () => {
    const result = await importCommand(tempFile('gbk.csv', gbk));
    expect([result.status, result.stderr]).toEqual([0, '']);
    expect(result.stdout).toContain('read as GB18030 (GBK), not UTF-8');
    expect(result.stdout).toMatch(/1 rows: 1 created/);
    expect(await storedNames(['M-441900-GBK'])).toEqual([
      'M-441900-GBK 东莞市知识产权服务有限公司',
    ]);
  });

  it('is refused by npm run import when it is neither UTF-8 nor GB18030', async () => {
    const bytes = Buffer.concat([Buffer.from(`${HEADER}\n`), Buffer.from([0x81, 0x20, 0x0a])]);
    const result = await importCommand(tempFile('latin.csv', bytes));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('neither UTF-8 nor GB18030/GBK');
  });
});

describe('text that hides or runs something', () => {
  it('refuses control and bidi characters in names, and formulas leading any text', async () => {
    const service = {
      record: 'service',
      institution_code: 'C-441900',
      category_code: 'FIN-LOAN',
      delivery_mode: 'ONLINE',
      fee: 'FREE',
    };
    const rows: ImportValues[] = [
      agency(11, { name: '东莞市\u0007服务公司' }),
      agency(12, { name: '东莞市服务公司\u202Eexe.doc' }),
      agency(13, { name: '=HYPERLINK("http://evil.example","点击")' }),
      agency(14, { name_en: "+cmd|' /C calc'!A0" }),
      agency(15, { address: "@SUM(1+1)*cmd|' /C calc'!A0" }),
      { ...service, code: 'C-441900-S91', name: "-2+3+cmd|' /C calc'!A0" },
      { ...service, code: 'C-441900-S92', name: '融资咨询', description: '=1+1' },
      // still accepted: a description of several lines, a hyphen or plus inside the text
      { ...service, code: 'C-441900-S93', name: '融资咨询 - 线上', description: '第一行\n第二行' },
    ];
    const { data } = await api.graphql<any>(
      IMPORT,
      { input: { csv: [HEADER, ...rows.map(csvRow)].join('\n') } },
      admin,
    );
    expect(data.importNetwork.errors.map((e: any) => [e.line, e.field])).toEqual([
      [2, 'name'],
      [3, 'name'],
      [4, 'name'],
      [5, 'name_en'],
      [6, 'address'],
      [7, 'name'],
      [8, 'description'],
    ]);
    const messages = data.importNetwork.errors.map((e: any) => e.message);
    expect(messages[0]).toBe(
      'name holds the control character U+0007 at position 4: use one line of plain text',
    );
    expect(messages[1]).toMatch(/^name holds the invisible mark U\+202E at position 8/);
    expect(messages[2]).toMatch(/^name starts with '=', which a spreadsheet runs as a formula/);
    expect(data.importNetwork.created).toBe(0);
    expect(await storedNames(['M-441900-711', 'M-441900-712', 'M-441900-713'])).toEqual([]);
  });
});
