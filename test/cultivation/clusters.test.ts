// Clusters over the seeded registry: cluster(code), clusters(filter), a cluster's regions, status
// as of today, members and designated members (checked against SQL written here), and
// networkStatistics.designations; each in a fixed number of statements whatever the page.
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
const TODAY = `(now() AT TIME ZONE 'Asia/Shanghai')::date`;
const TEST_CLUSTER = 'T-CLUSTERS-LAPSED';

const PAGE = `query ($first: Int, $filter: ClusterFilter) {
  clusters(first: $first, filter: $filter) {
    totalCount
    nodes {
      code name level status industryCodes validFrom validUntil regions { code }
      designatedEnterprises(kind: SPECIALIZED_SME)
      enterprises(first: 5) { totalCount nodes { creditCode clusters { code } } }
    }
  }
}`;

beforeAll(async () => {
  api = await startTestApi();
  // A cluster of this file's own whose recognition lapsed yesterday, stored as ACTIVE: the job
  // has not written EXPIRED yet, and readers must not see ACTIVE.
  await api.sql.run(
    `INSERT INTO cluster (code, name, level, industry, industry_codes, batch, valid_from, valid_until, status)
     VALUES ($1, '测试市测试区五金制品产业集群', 'PROVINCIAL', '五金制品', '{C33}', '2023-2',
             ${TODAY} - 1096, ${TODAY} - 1, 'ACTIVE')
     ON CONFLICT (code) DO NOTHING`,
    [TEST_CLUSTER],
  );
  await api.sql.run(
    `INSERT INTO cluster_region (cluster_id, region_code)
     SELECT id, '441900' FROM cluster WHERE code = $1 ON CONFLICT DO NOTHING`,
    [TEST_CLUSTER],
  );
});

afterAll(() => api.close());

describe('clusters', () => {
  it('lists the national and provincial clusters with their regions and dates', async () => {
    const response = await api.graphql<any>(PAGE, { first: 3, filter: { level: ['NATIONAL'] } });
    expect(response.errors).toBeUndefined();
    const [{ national }] = await api.sql.rows<{ national: number }>(
      `SELECT count(*)::int AS national FROM cluster WHERE level = 'NATIONAL'`,
    );
    expect(response.data!.clusters.totalCount).toBe(national);
    expect(national).toBe(300);
    for (const cluster of response.data!.clusters.nodes) {
      expect(cluster.level).toBe('NATIONAL');
      expect(cluster.regions.length).toBeGreaterThan(0);
      expect(cluster.validFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('answers a lapsed cluster as EXPIRED though its row still says ACTIVE', async () => {
    const response = await api.graphql<any>(
      `query ($code: String!) { cluster(code: $code) { code status regions { code name } } }`,
      { code: TEST_CLUSTER },
    );
    expect(response.data!.cluster).toEqual({
      code: TEST_CLUSTER,
      status: 'EXPIRED',
      regions: [{ code: '441900', name: '东莞市' }],
    });
    expect(
      (await api.graphql<any>(`{ cluster(code: "NC-1999-999") { code } }`)).data!.cluster,
    ).toBeNull();
  });

  it('finds clusters by region and by words of their name or industry', async () => {
    const byRegion = await api.graphql<any>(PAGE, { first: 100, filter: { regionCode: '4419' } });
    expect(byRegion.data!.clusters.nodes.map((c: any) => c.code)).toContain(TEST_CLUSTER);
    expect(
      byRegion.data!.clusters.nodes.every((c: any) =>
        c.regions.some((r: any) => r.code.startsWith('4419')),
      ),
    ).toBe(true);
    const bySearch = await api.graphql<any>(PAGE, { first: 100, filter: { search: '五金制品' } });
    expect(bySearch.data!.clusters.nodes.length).toBeGreaterThan(0);
    expect(bySearch.data!.clusters.nodes.every((c: any) => c.name.includes('五金制品'))).toBe(true);
  });

  it('counts a cluster’s members and its designated members as SQL written here does', async () => {
    const response = await api.graphql<any>(PAGE, { first: 20 });
    for (const cluster of response.data!.clusters.nodes) {
      const [expected] = await api.sql.rows<{ members: number; designated: number }>(
        `SELECT count(DISTINCT e.id)::int AS members,
                count(DISTINCT e.id) FILTER (WHERE d.id IS NOT NULL)::int AS designated
           FROM cluster c JOIN cluster_region r ON r.cluster_id = c.id
           JOIN enterprise e ON e.region_code = r.region_code
            AND EXISTS (SELECT FROM unnest(c.industry_codes) p WHERE left(e.industry_code, length(p)) = p)
           LEFT JOIN designation d ON d.enterprise_id = e.id AND d.kind = 'SPECIALIZED_SME'
            AND d.status IN ('ACTIVE', 'UNDER_REVIEW') AND d.valid_until >= ${TODAY}
          WHERE c.code = $1`,
        [cluster.code],
      );
      expect([cluster.code, cluster.designatedEnterprises]).toEqual([
        cluster.code,
        expected.designated,
      ]);
      // PUBLIC sees the members on a published list only.
      expect(cluster.enterprises.totalCount).toBeLessThanOrEqual(expected.members);
      for (const member of cluster.enterprises.nodes) {
        expect(member.clusters.map((c: any) => c.code)).toContain(cluster.code);
      }
    }
    expect(response.data!.clusters.nodes.some((c: any) => c.designatedEnterprises > 0)).toBe(true);
  });

  it('pages clusters with regions, members and counts in the same statements for 5 and 100', async () => {
    const small = await api.countedGraphql<any>(PAGE, { first: 5 });
    const large = await api.countedGraphql<any>(PAGE, { first: 100 });
    expect(large.response.errors).toBeUndefined();
    console.log(`clusters: ${small.statements} statements for 5, ${large.statements} for 100`);
    // Page, total, regions, members (with totals), designated counts, members' clusters, their regions.
    expect(small.statements).toBe(large.statements);
    expect(large.statements).toBeLessThanOrEqual(7);
  });
});

describe('networkStatistics.designations', () => {
  const FIGURES = `{ networkStatistics { designations { kind active underReview expired revoked }
                     breakdown { region { code } designations { kind active underReview expired revoked } } } }`;

  it('counts the designations of each area by kind and today’s status, as SQL written here does', async () => {
    const table = () =>
      api.sql.rows<{ area: string; kind: string; status: string; n: number }>(
        `SELECT left(e.region_code, 2) AS area, d.kind,
              CASE WHEN d.status IN ('ACTIVE', 'UNDER_REVIEW') AND d.valid_until < ${TODAY} THEN 'EXPIRED'
                   WHEN d.status = 'ACTIVE' AND d.valid_until - 90 <= ${TODAY} THEN 'UNDER_REVIEW'
                   ELSE d.status::text END AS status,
              count(*)::int AS n
         FROM designation d JOIN enterprise e ON e.id = d.enterprise_id GROUP BY 1, 2, 3
        ORDER BY 1, 2, 3`,
      );
    // Tests running beside this file grant designations: the answer is compared with the table
    // as it stood before and after it, once no grant fell in between.
    let rows = await table();
    let response = await api.graphql<any>(FIGURES);
    for (let attempt = 1; attempt < 5; attempt++) {
      const after = await table();
      if (JSON.stringify(after) === JSON.stringify(rows)) break;
      rows = after;
      response = await api.graphql<any>(FIGURES);
    }
    expect(response.errors).toBeUndefined();
    const field = {
      ACTIVE: 'active',
      UNDER_REVIEW: 'underReview',
      EXPIRED: 'expired',
      REVOKED: 'revoked',
    };
    const expected = (prefix: string | null) =>
      ['INNOVATIVE_SME', 'SPECIALIZED_SME', 'LITTLE_GIANT'].map((kind) => {
        const count = { kind, active: 0, underReview: 0, expired: 0, revoked: 0 } as any;
        for (const row of rows)
          if (row.kind === kind && (prefix === null || row.area === prefix))
            count[field[row.status as keyof typeof field]] += row.n;
        return count;
      });
    expect(response.data!.networkStatistics.designations).toEqual(expected(null));
    for (const province of response.data!.networkStatistics.breakdown) {
      expect(province.designations).toEqual(expected(province.region.code.slice(0, 2)));
    }
    const country = response.data!.networkStatistics.designations;
    expect(country.find((c: any) => c.kind === 'SPECIALIZED_SME').revoked).toBeGreaterThan(0);
  });

  it('gives the country with its 31 provinces in one statement for the designations', async () => {
    const { response, statements } = await api.countedGraphql<any>(FIGURES);
    expect(response.data!.networkStatistics.breakdown).toHaveLength(31);
    expect(statements).toBe(1);
  });
});
