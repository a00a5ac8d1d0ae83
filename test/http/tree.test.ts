// The institution tree through the API, checked against sets computed here from parent links.
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
let parentOf: Map<string, string | null>;

beforeAll(async () => {
  api = await startTestApi();
  const rows: { code: string; parent: string | null }[] = await api.dataSource.query(
    'SELECT i.code, p.code AS parent FROM institution i LEFT JOIN institution p ON p.id = i.parent_id',
  );
  parentOf = new Map(rows.map((row) => [row.code, row.parent]));
});
afterAll(() => api.close());

function subtreeOf(root: string): Set<string> {
  const below = new Set<string>();
  for (const code of parentOf.keys()) {
    for (let up = parentOf.get(code); up; up = parentOf.get(up)) {
      if (up === root) below.add(code);
    }
  }
  return below;
}

async function allDescendants(
  code: string,
  filter?: object,
): Promise<{ codes: string[]; totalCount: number }> {
  const codes: string[] = [];
  let totalCount = 0;
  for (let after: string | null = null; ;) {
    const { data, errors }: any = await api.graphql(
      `query ($code: String!, $after: String, $filter: InstitutionFilter) {
        institution(code: $code) {
          descendants(first: 100, after: $after, filter: $filter) { totalCount nodes { code } pageInfo { hasNextPage endCursor } }
        }
      }`,
      { code, after, filter },
    );
    expect(errors).toBeUndefined();
    const connection = data.institution.descendants;
    totalCount = connection.totalCount;
    codes.push(...connection.nodes.map((node: { code: string }) => node.code));
    if (!connection.pageInfo.hasNextPage) return { codes, totalCount };
    after = connection.pageInfo.endCursor;
  }
}

describe('the institution tree', () => {
  it.each(['C-440000', 'C-110000', 'C-650000'])(
    'gives the whole subtree of %s as its descendants',
    async (code) => {
      const expected = subtreeOf(code);
      const { codes, totalCount } = await allDescendants(code);
      expect(new Set(codes)).toEqual(expected);
      expect(codes).toHaveLength(expected.size);
      expect(totalCount).toBe(expected.size);
    },
  );

  it('filters descendants like any institution list', async () => {
    const { codes } = await allDescendants('C-440000', { tier: ['COUNTY'], kind: ['PUBLIC'] });
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((code) => code.startsWith('C-44') && !code.endsWith('00'))).toBe(true);
  });

  it('lists the ancestors of a county centre nearest first, ending at the national centre', async () => {
    const county = [...parentOf.entries()].find(
      ([code, parent]) => code.startsWith('C-4401') && parent === 'C-440100',
    );
    expect(county).toBeDefined();
    const { data }: any = await api.graphql(
      `query ($code: String!) { institution(code: $code) { ancestors { code tier } } }`,
      {
        code: county![0],
      },
    );
    expect(data.institution.ancestors).toEqual([
      { code: 'C-440100', tier: 'MUNICIPAL' },
      { code: 'C-440000', tier: 'PROVINCIAL' },
      { code: 'C-000000', tier: 'NATIONAL' },
    ]);
  });

  it('has no ancestors above the national centre', async () => {
    const { data }: any = await api.graphql(
      `{ institution(code: "C-000000") { ancestors { code } } }`,
    );
    expect(data.institution.ancestors).toEqual([]);
  });

  it('lists children with their count', async () => {
    const expected = [...parentOf.entries()]
      .filter(([, parent]) => parent === 'C-000000')
      .map(([code]) => code);
    const { data }: any = await api.graphql(
      `{ institution(code: "C-000000") { children(first: 100) { totalCount nodes { code } } } }`,
    );
    expect(data.institution.children.totalCount).toBe(expected.length);
    expect(
      data.institution.children.nodes.map((node: { code: string }) => node.code).sort(),
    ).toEqual(expected.sort());
  });
});
