// The enterprise directory: enterprise(creditCode) and enterprises(filter) over the seeded
// registry. Who sees which enterprise (PUBLIC: the published lists; a partner: those it referred;
// staff: those referred to its institution; AUTHORITY: its region; ADMIN: all), every filter
// checked against SQL written here, refusals of hostile input, and the statements a page costs.
import { createApiKey } from '../../src/auth/api-key.commands';
import { startTestApi, type TestApi } from '../support/test-api';
import {
  CREATE,
  bearer,
  creditCodeFor,
  makeKeys,
  referralInput,
} from '../support/referral-fixtures';
import { toGlobalId } from '../../src/schema/global-id';

let api: TestApi;
let keys: Awaited<ReturnType<typeof makeKeys>>;
let authority44: Record<string, string>;
let authority11: Record<string, string>;
const TAG = 'enterprise-directory';
const referred = creditCodeFor(TAG, 0);

/** SQL (alias e) written here: a designation valid today. */
const LIVE = `EXISTS (SELECT FROM designation d WHERE d.enterprise_id = e.id
                 AND d.status IN ('ACTIVE', 'UNDER_REVIEW')
                 AND d.valid_from <= (now() AT TIME ZONE 'Asia/Shanghai')::date
                 AND d.valid_until >= (now() AT TIME ZONE 'Asia/Shanghai')::date)`;

const ONE = `query ($code: String!) { enterprise(creditCode: $code) { creditCode name region { code } } }`;
const LIST = `query ($filter: EnterpriseFilter, $first: Int, $after: String) {
  enterprises(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { creditCode name region { code name } clusters { code name regions { code } } }
  }
}`;

beforeAll(async () => {
  api = await startTestApi();
  keys = await makeKeys(api.sql, TAG);
  const authority = async (regionCode: string) =>
    bearer(
      (
        await createApiKey(api.sql, {
          role: 'AUTHORITY',
          name: `${TAG} authority ${regionCode}`,
          regionCode,
        })
      ).key,
    );
  authority44 = await authority('440000');
  authority11 = await authority('110000');
  // Partner A refers an enterprise no list holds to a service of Dongguan's centre that any SME may use.
  const [service] = await api.sql.rows<{ id: number }>(
    `SELECT s.id FROM service s JOIN institution i ON i.id = s.institution_id
      WHERE i.code = 'C-441900' AND s.active AND s.min_specialization = 'NONE'
        AND cardinality(s.eligible_scales) = 0 ORDER BY s.id LIMIT 1`,
  );
  const created = await api.graphql(
    CREATE,
    {
      input: referralInput(toGlobalId('Service', service.id), referred, {
        // A name of its own: other tests refer many enterprises under the fixtures' name.
        enterprise: { specialization: 'NONE', name: '东莞市目录可见性精密模具有限公司' },
      }),
    },
    keys.partnerA,
  );
  expect(created.errors).toBeUndefined();
});

afterAll(() => api.close());

describe('who sees an enterprise', () => {
  it('shows PUBLIC an enterprise on a published list, and not one that only a partner referred', async () => {
    const [listed] = await api.sql.rows<{ credit_code: string }>(
      `SELECT e.credit_code FROM enterprise e WHERE ${LIVE} ORDER BY e.id LIMIT 1`,
    );
    const found = await api.graphql(ONE, { code: listed.credit_code });
    expect(found.data?.enterprise?.creditCode).toBe(listed.credit_code);
    expect((await api.graphql(ONE, { code: referred })).data?.enterprise).toBeNull();
  });

  it('shows a referred enterprise to its partner, the institution’s staff, the AUTHORITY over it and ADMIN only', async () => {
    const sees = async (headers: Record<string, string>) =>
      (await api.graphql(ONE, { code: referred }, headers)).data?.enterprise?.creditCode ?? null;
    expect({
      partnerA: await sees(keys.partnerA),
      partnerB: await sees(keys.partnerB),
      staffA: await sees(keys.staffA),
      staffB: await sees(keys.staffB),
      authority44: await sees(authority44),
      authority11: await sees(authority11),
      admin: await sees(keys.admin),
      public: await sees({}),
    }).toEqual({
      partnerA: referred,
      partnerB: null,
      staffA: referred,
      staffB: null,
      authority44: referred,
      authority11: null,
      admin: referred,
      public: null,
    });
  });

  it('lists for PUBLIC only enterprises on a published list', async () => {
    const response = await api.graphql<any>(LIST, { first: 100 });
    const codes = response.data!.enterprises.nodes.map((n: any) => n.creditCode);
    expect(codes).toHaveLength(100);
    const [{ unlisted }] = await api.sql.rows<{ unlisted: number }>(
      `SELECT count(*)::int AS unlisted FROM enterprise e WHERE e.credit_code = ANY($1::bpchar[]) AND NOT ${LIVE}`,
      [codes],
    );
    expect(unlisted).toBe(0);
    const [{ listed }] = await api.sql.rows<{ listed: number }>(
      `SELECT count(*)::int AS listed FROM enterprise e WHERE ${LIVE}`,
    );
    expect(response.data!.enterprises.totalCount).toBe(listed);
  });

  it('lists for ADMIN enterprises no list holds too', async () => {
    const response = await api.graphql<any>(
      LIST,
      { filter: { search: '目录可见性精密模具', regionCode: '441900' }, first: 100 },
      keys.admin,
    );
    expect(response.data!.enterprises.nodes.map((n: any) => n.creditCode)).toContain(referred);
  });
});

describe('enterprises(filter)', () => {
  const everyPage = async (filter: Record<string, unknown>, headers = {}) => {
    const codes: string[] = [];
    let after: string | null = null;
    for (;;) {
      const response: any = await api.graphql(LIST, { filter, first: 100, after }, headers);
      expect(response.errors).toBeUndefined();
      codes.push(...response.data.enterprises.nodes.map((n: any) => n.creditCode));
      if (!response.data.enterprises.pageInfo.hasNextPage) return codes;
      after = response.data.enterprises.pageInfo.endCursor;
    }
  };

  it('finds the little giants of Guangdong: a live LITTLE_GIANT, located in 44', async () => {
    const table = async () =>
      (
        await api.sql.rows<{ credit_code: string }>(
          `SELECT e.credit_code FROM enterprise e
            WHERE e.region_code LIKE '44%'
              AND EXISTS (SELECT FROM designation d WHERE d.enterprise_id = e.id AND d.kind = 'LITTLE_GIANT'
                             AND d.status IN ('ACTIVE', 'UNDER_REVIEW')
                             AND d.valid_until >= (now() AT TIME ZONE 'Asia/Shanghai')::date)
            ORDER BY e.id`,
        )
      ).map((row) => row.credit_code);
    // Tests running beside this file grant little giants in Guangdong: the pages are compared
    // with the table as it stood before and after them, once no grant fell in between.
    for (let attempt = 1; ; attempt++) {
      const before = await table();
      const codes = await everyPage({ designation: ['LITTLE_GIANT'], regionCode: '44' });
      const after = await table();
      if (JSON.stringify(before) !== JSON.stringify(after) && attempt < 5) continue;
      expect(after).toEqual(before);
      expect(codes).toEqual(before);
      expect(codes.length).toBeGreaterThan(10);
      return;
    }
  });

  it('finds a cluster’s members: located in its regions, industry under its codes', async () => {
    const [cluster] = await api.sql.rows<{ code: string; regions: string[]; prefixes: string[] }>(
      `SELECT c.code, array_agg(r.region_code::text) AS regions, c.industry_codes AS prefixes
         FROM cluster c JOIN cluster_region r ON r.cluster_id = c.id
        WHERE c.level = 'NATIONAL' GROUP BY c.id ORDER BY c.id LIMIT 1`,
    );
    const codes = await everyPage({ clusterCode: cluster.code }, keys.admin);
    const all = await api.sql.rows<{
      credit_code: string;
      region_code: string;
      industry_code: string;
    }>(
      `SELECT credit_code, region_code, industry_code FROM enterprise
        WHERE region_code = ANY($1::bpchar[]) AND industry_code IS NOT NULL ORDER BY id`,
      [cluster.regions],
    );
    const members = all.filter((e) => cluster.prefixes.some((p) => e.industry_code.startsWith(p)));
    expect(codes).toEqual(members.map((e) => e.credit_code));
    expect(codes.length).toBeGreaterThan(0);
  });

  it('finds enterprises by industry prefix and by name', async () => {
    const response = await api.graphql<any>(
      `{ enterprises(filter: { industryCode: "c36", regionCode: "33" }, first: 50) { nodes { creditCode } } }`,
    );
    const codes = response.data!.enterprises.nodes.map((n: any) => n.creditCode);
    expect(codes.length).toBeGreaterThan(0);
    const rows = await api.sql.rows<{ industry_code: string }>(
      `SELECT industry_code FROM enterprise WHERE credit_code = ANY($1::bpchar[])`,
      [codes],
    );
    expect(rows.every((row) => row.industry_code.startsWith('C36'))).toBe(true);
  });

  it('refuses a forged cursor, a page over 100, an industry the standard lacks and a mistyped credit code', async () => {
    const codeOf = async (query: string, variables?: Record<string, unknown>) =>
      (await api.graphql(query, variables)).errors?.map((e: any) => [e.extensions.code, e.message]);
    expect(await codeOf(LIST, { after: 'WzEsMl0' })).toEqual([
      ['BAD_USER_INPUT', expect.stringContaining('is not a cursor of this connection')],
    ]);
    expect(await codeOf(LIST, { first: 101 })).toEqual([
      ['BAD_USER_INPUT', 'first must be between 1 and 100, got 101'],
    ]);
    expect(await codeOf(LIST, { filter: { industryCode: 'C3' } })).toEqual([
      ['BAD_USER_INPUT', expect.stringContaining('is not a GB/T 4754-2017 code')],
    ]);
    expect(
      await codeOf(ONE, { code: `${referred.slice(0, 17)}${referred[17] === '0' ? '1' : '0'}` }),
    ).toEqual([['BAD_USER_INPUT', expect.stringContaining('check character')]]);
    expect(await codeOf(LIST, { filter: { search: 'a\u0000b' } })).toEqual([
      ['BAD_USER_INPUT', expect.any(String)],
    ]);
    expect(await codeOf(LIST, { filter: { clusterCode: "x'; DROP TABLE cluster; --" } })).toEqual([
      ['BAD_USER_INPUT', expect.stringContaining('is not a code')],
    ]);
  });
});

describe('statements per request', () => {
  it('answers Guangdong’s little giants with their clusters in the same statements for 5 and 100', async () => {
    const page = (first: number) =>
      api.countedGraphql<any>(LIST, {
        filter: { designation: ['LITTLE_GIANT'], regionCode: '44' },
        first,
      });
    const small = await page(5);
    const large = await page(100);
    expect(large.response.errors).toBeUndefined();
    console.log(`enterprises: ${small.statements} statements for 5, ${large.statements} for 100`);
    // The page, its total, every enterprise's clusters, every cluster's regions — the last only
    // once some enterprise of the page is in a cluster (partners' enterprises have no industry).
    expect(small.statements).toBeLessThanOrEqual(4);
    expect(large.statements).toBe(4);
  });

  it('answers a cluster’s members, each with its clusters, in the same statements for 5 and 100', async () => {
    const { data } = await api.graphql<any>(
      `{ clusters(filter: { regionCode: "44" }, first: 50) { nodes { code enterprises(first: 1) { totalCount } } } }`,
    );
    const largest = data!.clusters.nodes.reduce((best: any, cluster: any) =>
      cluster.enterprises.totalCount > best.enterprises.totalCount ? cluster : best,
    );
    expect(largest.enterprises.totalCount).toBeGreaterThan(5);
    const page = (first: number) =>
      api.countedGraphql<any>(LIST, { filter: { clusterCode: largest.code }, first });
    const small = await page(5);
    const large = await page(100);
    expect(small.response.data!.enterprises.nodes).toHaveLength(5);
    expect([small.statements, large.statements]).toEqual([4, 4]);
  });
});
