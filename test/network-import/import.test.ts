// Importing the real directory: the shipped example file creates a municipal centre, moves a
// county centre under it and adds an agency with services; every bad row of a file is reported
// by line and column and nothing is written; a dry run writes nothing; a second import of the
// same file (with a BOM and CRLF line ends too) changes nothing; every change is audited.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { createNetworkDataSource } from '../../src/app/data-source';
import { createReferenceData } from '../../src/app/reference-data';
import { consoleActor } from '../../src/db/audit-trail';
import { runPendingMigrations } from '../../src/db/migrations';
import { Sql } from '../../src/db/sql';
import { importNetwork } from '../../src/network-import/network-import';
import { seedNetwork } from '../../src/seed/seed';
import { IMPORT_HEADER, csvRow } from '../support/import-files';
import { provincePlan } from '../support/province-plan';
import { createScratchDatabase } from '../support/scratch-database';

const EXAMPLE = readFileSync(
  path.resolve(__dirname, '../../docs/examples/network-import.csv'),
  'utf8',
);
const HEADER = IMPORT_HEADER;

const guangdong = provincePlan('44');

let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let db: DataSource;
let sql: Sql;
let run: (csv: string, dryRun?: boolean) => ReturnType<typeof importNetwork>;

/** Everything an import could change, to compare before and after. */
const snapshot = async () =>
  (
    await db.query(`
      SELECT (SELECT string_agg(i.code || ':' || i.name || ':' || coalesce(p.code, '-') || ':' || coalesce(i.phone, '-') || ':' || i.updated_at::text, ',' ORDER BY i.id)
                FROM institution i LEFT JOIN institution p ON p.id = i.parent_id) AS institutions,
             (SELECT string_agg(code || ':' || name || ':' || fee || ':' || updated_at::text, ',' ORDER BY id) FROM service) AS services,
             (SELECT count(*)::int FROM audit_entry) AS audit`)
  )[0];

beforeAll(async () => {
  scratch = await createScratchDatabase('network_import');
  db = createNetworkDataSource({ url: scratch.url, applicationName: 'jest-network-import' });
  await db.initialize();
  await runPendingMigrations(db);
  sql = new Sql(db);
  await seedNetwork(sql, guangdong);
  const reference = createReferenceData(sql);
  run = (csv, dryRun = false) =>
    importNetwork({
      sql,
      regions: reference.regions,
      taxonomy: reference.taxonomy,
      actor: consoleActor('import'),
      csv,
      dryRun,
      source: 'test.csv',
    });
});
afterAll(async () => {
  await db?.destroy();
  await scratch?.drop();
});

describe('the example file', () => {
  it('checks clean on a dry run and writes nothing', async () => {
    const before = await snapshot();
    const report = await run(EXAMPLE, true);
    expect(report).toEqual({
      dryRun: true,
      rows: 7,
      created: 5,
      updated: 2,
      unchanged: 0,
      errors: [],
      unlistedErrors: 0,
    });
    expect(await snapshot()).toEqual(before);
  });

  it('creates the Foshan centre, moves Shunde’s centre under it, and audits every changed row', async () => {
    const [{ last }] = await db.query(`SELECT coalesce(max(id), 0) AS last FROM audit_entry`);
    const report = await run(EXAMPLE);
    expect(report).toMatchObject({ dryRun: false, rows: 7, created: 5, updated: 2, unchanged: 0 });
    expect(report.errors).toEqual([]);

    const tree = await db.query(`
      SELECT i.code, p.code AS parent FROM institution i JOIN institution p ON p.id = i.parent_id
       WHERE i.code IN ('C-440600', 'C-440606', 'M-440600-01') ORDER BY i.code`);
    expect(tree).toEqual([
      { code: 'C-440600', parent: 'C-440000' },
      { code: 'C-440606', parent: 'C-440600' },
      { code: 'M-440600-01', parent: 'C-440600' },
    ]);
    // An empty column keeps what the network knows: Shunde's contacts are as seeded.
    const [shunde] = await db.query(`SELECT phone, email FROM institution WHERE code = 'C-440606'`);
    expect(shunde).toEqual({ phone: '400-183-3057', email: 'service@sme440606.org.cn' });
    const [service] = await db.query(`
      SELECT s.eligible_scales::text[] AS scales, s.fee, c.code AS category FROM service s
        JOIN service_category c ON c.id = s.category_id WHERE s.code = 'C-440600-S02'`);
    expect(service).toEqual({
      scales: ['SMALL', 'MICRO'],
      fee: 'SUBSIDIZED',
      category: 'DIG-DIAG',
    });

    const entries = await db.query(
      `SELECT action, entity_type, entity_code, changes, actor_name, actor_role FROM audit_entry WHERE id > $1 ORDER BY id`,
      [last],
    );
    expect(entries.map((e: { action: string }) => e.action)).toEqual([
      'network.import',
      ...Array(7).fill('network.import.row'),
    ]);
    expect(entries[0]).toMatchObject({
      entity_code: 'test.csv',
      actor_name: 'console: npm run import',
      actor_role: 'ADMIN',
      changes: { created: { after: 5 }, updated: { after: 2 } },
    });
    const byCode = new Map(entries.map((e: { entity_code: string }) => [e.entity_code, e]));
    expect((byCode.get('C-440606') as any).changes).toEqual({
      parentCode: { before: 'C-440000', after: 'C-440600' },
    });
    expect((byCode.get('C-441900') as any).changes).toEqual({
      phone: { before: '400-792-9149', after: '0769-22830000' },
      latitude: { before: null, after: 23.0207 },
      longitude: { before: null, after: 113.7518 },
    });
    expect((byCode.get('C-440600-S01') as any).changes.fee).toEqual({
      before: null,
      after: 'FREE',
    });
  });

  it('changes nothing the second time, nor with a BOM and CRLF line ends, and says so', async () => {
    const before = await snapshot();
    for (const csv of [EXAMPLE, `\uFEFF${EXAMPLE.replace(/\n/g, '\r\n')}`]) {
      expect(await run(csv)).toEqual({
        dryRun: false,
        rows: 7,
        created: 0,
        updated: 0,
        unchanged: 7,
        errors: [],
        unlistedErrors: 0,
      });
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('a file with problems', () => {
  it('refuses a wrong header by column, and writes nothing', async () => {
    const before = await snapshot();
    const csv = EXAMPLE.replace('region_code', 'region').replace(',active', ',active,colour');
    const report = await run(csv);
    expect(report.errors).toEqual([
      { line: 1, field: 'region', message: expect.stringContaining("unknown column 'region'") },
      { line: 1, field: 'colour', message: expect.stringContaining("unknown column 'colour'") },
      {
        line: 1,
        field: 'region_code',
        message: expect.stringContaining("column 'region_code' is missing"),
      },
    ]);
    expect(report).toMatchObject({ rows: 0, created: 0, updated: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it('reports every bad row by line and column — a tier that does not fit the region, a duplicate code, a bad phone, an unknown category — and writes none of the good ones', async () => {
    const before = await snapshot();
    const csv = [
      HEADER,
      // good, but in a file with bad rows
      csvRow({
        record: 'institution',
        code: 'M-440100-91',
        name: '广州市知识产权服务有限公司',
        tier: 'MUNICIPAL',
        kind: 'MARKET',
        region_code: '4401',
      }),
      // 440106 (天河区) is a county-level division: COUNTY, not MUNICIPAL
      csvRow({
        record: 'institution',
        code: 'M-440106-91',
        name: '天河区企业服务有限公司',
        tier: 'MUNICIPAL',
        kind: 'MARKET',
        region_code: '440106',
      }),
      csvRow({
        record: 'institution',
        code: 'M-440100-91',
        name: '重复的机构',
        tier: 'MUNICIPAL',
        kind: 'MARKET',
        region_code: '440100',
      }),
      csvRow({
        record: 'service',
        code: 'M-440100-91-S01',
        name: '专利代理',
        institution_code: 'M-440100-91',
        category_code: 'IPR-XYZ',
        delivery_mode: 'ONLINE',
        fee: 'PAID',
        tier: 'COUNTY',
      }),
      csvRow({
        record: 'service',
        code: 'M-440100-91-S02',
        name: '商标注册',
        institution_code: 'M-999999-01',
        category_code: 'IPR-TM',
        delivery_mode: 'ONLINE',
        fee: 'CHEAP',
      }),
      csvRow({ record: 'agency', code: 'X-1', name: 'x' }),
      csvRow({
        record: 'institution',
        code: 'M-440100-94',
        name: '广州某公司',
        tier: 'MUNICIPAL',
        kind: 'MARKET',
        region_code: '440100',
        phone: '12345',
      }),
      '',
    ].join('\n');
    const report = await run(csv);
    expect(report.rows).toBe(7);
    expect(report.errors.map(({ line, field }) => [line, field])).toEqual([
      [3, 'tier'],
      [4, 'code'],
      [5, 'tier'],
      [5, 'category_code'],
      [6, 'fee'],
      [7, 'record'],
      [8, 'phone'],
    ]);
    expect(report.errors[0].message).toBe(
      'tier MUNICIPAL does not fit 天河区 (440106), a COUNTY: use COUNTY',
    );
    expect(report.errors[1].message).toBe(
      'institution code M-440100-91 appears already on line 2: each code once per file',
    );
    expect(report).toMatchObject({ created: 0, updated: 0, unchanged: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it('reports a service of an unknown institution once its own columns are right', async () => {
    const csv = [
      HEADER,
      csvRow({
        record: 'service',
        code: 'M-440100-91-S02',
        name: '商标注册',
        institution_code: 'M-999999-01',
        category_code: 'IPR-TM',
        delivery_mode: 'ONLINE',
        fee: 'PAID',
      }),
    ].join('\n');
    expect((await run(csv)).errors).toEqual([
      {
        line: 2,
        field: 'institution_code',
        message: 'institution_code M-999999-01 names no institution of the network or of this file',
      },
    ]);
  });

  it('keeps the tree rules: a parent they do not prescribe, a second PUBLIC centre, a changed region', async () => {
    const before = await snapshot();
    const csv = [
      HEADER,
      // Foshan has its own centre now: Shunde's centre hangs under it, not under Guangdong's
      csvRow({
        record: 'institution',
        code: 'C-440606',
        name: '顺德区中小企业服务中心',
        tier: 'COUNTY',
        kind: 'PUBLIC',
        region_code: '440606',
        parent_code: 'C-440000',
      }),
      csvRow({
        record: 'institution',
        code: 'C-440600-B',
        name: '佛山市第二中心',
        tier: 'MUNICIPAL',
        kind: 'PUBLIC',
        region_code: '440600',
      }),
      csvRow({
        record: 'institution',
        code: 'C-441900',
        name: '东莞市中小企业服务中心',
        tier: 'MUNICIPAL',
        kind: 'PUBLIC',
        region_code: '442000',
      }),
    ].join('\n');
    const report = await run(csv);
    expect(report.errors.map(({ line, field }) => [line, field])).toEqual([
      [2, 'parent_code'],
      [3, 'region_code'],
      [4, 'region_code'],
    ]);
    expect(report.errors[0].message).toContain('parent_code must be C-440600');
    expect(report.errors[1].message).toContain('has a PUBLIC centre already (C-440600)');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses text that is not text, and values that are not phones, e-mails, web sites or places', async () => {
    const csv = [
      HEADER,
      csvRow({
        record: 'institution',
        code: 'M-440100-92',
        name: '广州\u0000公司',
        tier: 'MUNICIPAL',
        kind: 'MARKET',
        region_code: '440100',
      }),
      csvRow({
        record: 'institution',
        code: 'M-440100-93',
        name: '广州公司',
        tier: 'MUNICIPAL',
        kind: 'MARKET',
        region_code: '440100',
        email: 'not-mail',
        website: 'ftp://x',
        latitude: '95',
        longitude: '113',
      }),
    ].join('\n');
    const report = await run(csv);
    expect(report.errors.map(({ line, field }) => [line, field])).toEqual([
      [2, 'name'],
      [3, 'email'],
      [3, 'website'],
      [3, 'latitude'],
    ]);
  });
});

describe('line numbers', () => {
  it('counts the lines of a quoted field with line breaks, and names a missing required column', async () => {
    const csv = [
      HEADER,
      csvRow({
        record: 'service',
        code: 'C-441900-S91',
        name: '法律咨询',
        institution_code: 'C-441900',
        category_code: 'LAW-CONS',
        delivery_mode: 'ONLINE',
        fee: 'GRATIS',
        description: '第一行\n第二行',
      }),
      csvRow({
        record: 'service',
        code: 'C-441900-S92',
        name: '法律咨询',
        delivery_mode: 'ONLINE',
        fee: 'FREE',
      }),
    ].join('\r\n');
    const report = await run(csv, true);
    expect(report.errors.map(({ line, field }) => [line, field])).toEqual([
      [2, 'fee'],
      [4, 'institution_code'],
      [4, 'category_code'],
    ]);
  });
});

describe('a whole province', () => {
  it('imports 5,000 rows in one transaction, then finds them all unchanged', async () => {
    const counties = guangdong.regions.filter((region) => region.level === 'COUNTY');
    const lines = [HEADER];
    for (let n = 0; lines.length <= 5_000; n++) {
      const county = counties[n % counties.length];
      const code = `M-${county.code}-${50 + Math.floor(n / counties.length)}`;
      lines.push(
        csvRow({
          record: 'institution',
          code,
          name: `${county.name}第${n}号服务机构`,
          tier: 'COUNTY',
          kind: 'MARKET',
          region_code: county.code,
          phone: '400-123-4567',
        }),
      );
      for (const [index, category] of ['FIN-LOAN', 'DIG-DIAG', 'TAL-SKILL', 'LAW-CONS'].entries())
        lines.push(
          csvRow({
            record: 'service',
            code: `${code}-S0${index + 1}`,
            name: `服务${index + 1}`,
            institution_code: code,
            category_code: category,
            delivery_mode: 'HYBRID',
            fee: index % 2 ? 'FREE' : 'PAID',
            eligible_scales: 'MICRO|SMALL',
          }),
        );
    }
    const csv = lines.slice(0, 5_001).join('\n');
    const started = Date.now();
    const report = await run(csv);
    const elapsed = Date.now() - started;
    console.log(`importing 5,000 rows took ${elapsed} ms`);
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ rows: 5_000, created: 5_000, updated: 0 });
    const [{ agencies }] = await db.query(
      `SELECT count(*)::int AS agencies FROM institution i JOIN institution p ON p.id = i.parent_id
        WHERE i.code LIKE 'M-%-5_' OR i.code LIKE 'M-%-6_'`,
    );
    expect(agencies).toBe(1_000);
    expect(await run(csv)).toMatchObject({ created: 0, updated: 0, unchanged: 5_000 });
  });
});
