// Filters of institution and service lists, each checked against the database read directly.
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

/** Every node of a connection field of Query, page after page. */
async function everyNode(
  field: 'institutions' | 'services',
  filter: object,
  selection = 'code',
): Promise<any[]> {
  const nodes: any[] = [];
  const type = field === 'institutions' ? 'InstitutionFilter' : 'ServiceFilter';
  for (let after: string | null = null; ;) {
    const { data, errors }: any = await api.graphql(
      `query ($filter: ${type}, $after: String) {
        ${field}(first: 100, after: $after, filter: $filter) { totalCount nodes { ${selection} } pageInfo { hasNextPage endCursor } }
      }`,
      { filter, after },
    );
    expect(errors).toBeUndefined();
    nodes.push(...data[field].nodes);
    if (!data[field].pageInfo.hasNextPage) return nodes;
    after = data[field].pageInfo.endCursor;
  }
}

const codesFromDb = async (sql: string, params: unknown[] = []) =>
  ((await api.dataSource.query(sql, params)) as { code: string }[]).map((row) => row.code).sort();

describe('institutions(filter)', () => {
  it('regionCode 44 returns Guangdong’s institutions at every tier below the nation, and nothing outside', async () => {
    const nodes = await everyNode(
      'institutions',
      { regionCode: '44' },
      'code tier region { code }',
    );
    expect(nodes.every((node) => node.region.code.startsWith('44'))).toBe(true);
    expect(new Set(nodes.map((node) => node.tier))).toEqual(
      new Set(['PROVINCIAL', 'MUNICIPAL', 'COUNTY']),
    );
    expect(nodes.map((node) => node.code).sort()).toEqual(
      await codesFromDb(`SELECT code FROM institution WHERE region_code LIKE '44%'`),
    );
  });

  it('regionCode 4419 and 441900 both mean Dongguan and what is below it', async () => {
    const short = await everyNode('institutions', { regionCode: '4419' });
    const long = await everyNode('institutions', { regionCode: '441900' });
    expect(short).toEqual(long);
    expect(short.map((node) => node.code)).toContain('C-441900');
  });

  it('refuses a malformed regionCode, naming the field', async () => {
    const { errors } = await api.graphql(
      `{ institutions(filter: { regionCode: "4A" }) { totalCount } }`,
    );
    expect(errors![0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'filter.regionCode' },
    });
  });

  it('categoryCode FIN returns institutions offering an active service in FIN or any sub-category', async () => {
    const nodes = await everyNode('institutions', { categoryCode: 'FIN' });
    expect(nodes.map((node) => node.code).sort()).toEqual(
      await codesFromDb(`
        SELECT DISTINCT i.code FROM institution i JOIN service s ON s.institution_id = i.id AND s.active
          JOIN service_category c ON c.id = s.category_id LEFT JOIN service_category p ON p.id = c.parent_id
         WHERE c.code = 'FIN' OR p.code = 'FIN'`),
    );
  });

  it('categoryCode of a sub-category narrows to that sub-category', async () => {
    const nodes = await everyNode('institutions', {
      categoryCode: 'FIN-GUAR',
      tier: ['PROVINCIAL'],
    });
    expect(nodes.map((node) => node.code).sort()).toEqual(
      await codesFromDb(`
        SELECT DISTINCT i.code FROM institution i JOIN service s ON s.institution_id = i.id AND s.active
          JOIN service_category c ON c.id = s.category_id WHERE c.code = 'FIN-GUAR' AND i.tier = 'PROVINCIAL'`),
    );
  });

  it('refuses an unknown category with NOT_FOUND and a malformed one with BAD_USER_INPUT', async () => {
    const unknown = await api.graphql(
      `{ institutions(filter: { categoryCode: "XYZ" }) { totalCount } }`,
    );
    expect(unknown.errors![0].extensions).toEqual({
      code: 'NOT_FOUND',
      field: 'filter.categoryCode',
    });
    const malformed = await api.graphql(
      `{ institutions(filter: { categoryCode: "fin loan" }) { totalCount } }`,
    );
    expect(malformed.errors![0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'filter.categoryCode',
    });
  });

  it('combines tier, kind and active', async () => {
    const nodes = await everyNode(
      'institutions',
      { tier: ['MUNICIPAL'], kind: ['MARKET'], active: true },
      'tier kind active',
    );
    expect(nodes.length).toBeGreaterThan(0);
    expect(
      nodes.every((node) => node.tier === 'MUNICIPAL' && node.kind === 'MARKET' && node.active),
    ).toBe(true);
  });

  describe('search', () => {
    const search = async (text: string) => {
      const { data, errors }: any = await api.graphql(
        `query ($text: String) { institutions(first: 10, filter: { search: $text }) { nodes { code name nameEn } } }`,
        { text },
      );
      expect(errors).toBeUndefined();
      return data.institutions.nodes as { code: string; name: string; nameEn: string }[];
    };

    it('finds a city’s centre by its Chinese name, best match first', async () => {
      const nodes = await search('东莞');
      expect(nodes[0].code).toBe('C-441900');
      expect(nodes.every((node) => node.name.includes('东莞'))).toBe(true);
    });

    it.each(['Dongguan', 'dongguan', 'DONGGUAN'])(
      'finds the same centre by its English name in any case (%s)',
      async (text) => {
        expect((await search(text))[0].code).toBe('C-441900');
      },
    );

    it('tolerates a typo by fuzzy matching', async () => {
      const codes = (await search('Dongguam')).map((node) => node.code);
      expect(codes).toContain('C-441900');
    });

    it('finds nothing for a name no institution has', async () => {
      expect(await search('Atlantis')).toEqual([]);
    });

    it('treats % and _ as plain characters', async () => {
      expect(await search('%')).toEqual([]);
    });
  });
});

describe('services(filter)', () => {
  it('scale: MICRO keeps services open to every scale or listing MICRO', async () => {
    const nodes = await everyNode(
      'services',
      { scale: 'MICRO', categoryCode: 'TAL' },
      'code eligibleScales',
    );
    expect(nodes.length).toBeGreaterThan(0);
    expect(
      nodes.every(
        (node) => node.eligibleScales.length === 0 || node.eligibleScales.includes('MICRO'),
      ),
    ).toBe(true);
    expect(nodes.map((node) => node.code).sort()).toEqual(
      await codesFromDb(`
        SELECT s.code FROM service s JOIN service_category c ON c.id = s.category_id JOIN service_category p ON p.id = c.parent_id
         WHERE p.code = 'TAL' AND (cardinality(s.eligible_scales) = 0 OR 'MICRO' = ANY(s.eligible_scales))`),
    );
  });

  it.each([
    ['NONE', ['NONE']],
    ['SPECIALIZED', ['NONE', 'SPECIALIZED']],
    ['LITTLE_GIANT', ['NONE', 'SPECIALIZED', 'LITTLE_GIANT']],
  ])('specialization: %s admits services whose minimum is one of %p', async (level, admitted) => {
    const nodes = await everyNode(
      'services',
      { specialization: level, categoryCode: 'FIN-EQTY' },
      'minSpecialization',
    );
    expect(new Set(nodes.map((node) => node.minSpecialization))).toEqual(new Set(admitted));
  });

  it('combines category, fee and delivery mode, and returns a service’s category and institution', async () => {
    const nodes = await everyNode(
      'services',
      { categoryCode: 'IPR', fee: ['FREE'], deliveryMode: ['ONLINE', 'HYBRID'], active: true },
      'fee deliveryMode active category { parent { code } } institution { code }',
    );
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) {
      expect(node).toMatchObject({
        fee: 'FREE',
        active: true,
        category: { parent: { code: 'IPR' } },
      });
      expect(['ONLINE', 'HYBRID']).toContain(node.deliveryMode);
      expect(node.institution.code).toMatch(/^[CM]-/);
    }
  });

  it('searches names in Chinese and English, finding the same services', async () => {
    const chinese = await everyNode('services', { search: '专利' }, 'code name');
    expect(chinese.every((node) => node.name.includes('专利'))).toBe(true);
    // Every service with 专利 in its name, name_en or description, read straight from the table.
    const expected = await codesFromDb(
      `SELECT code FROM service WHERE name LIKE '%专利%' OR name_en ILIKE '%专利%' OR description LIKE '%专利%'`,
    );
    expect(expected.length).toBeGreaterThan(5);
    expect(chinese.map((node) => node.code).sort()).toEqual(expected);
    const english = await everyNode('services', { search: 'patent' }, 'code nameEn');
    expect(english.every((node) => /patent/i.test(node.nameEn))).toBe(true);
    expect(english.map((node) => node.code).sort()).toEqual(expected);
  });

  it('filters an institution’s own services the same way', async () => {
    const { data }: any = await api.graphql(`{
      institution(code: "C-000000") {
        all: services(first: 100) { totalCount }
        fin: services(first: 100, filter: { categoryCode: "FIN" }) { totalCount nodes { category { parent { code } } } }
      }
    }`);
    expect(data.institution.all.totalCount).toBe(36);
    expect(data.institution.fin.totalCount).toBe(3); // one service in each of FIN's three sub-categories
    expect(
      data.institution.fin.nodes.every((node: any) => node.category.parent.code === 'FIN'),
    ).toBe(true);
  });
});

describe('serviceCategories', () => {
  it('is the two-level taxonomy: twelve top categories, each with sub-categories', async () => {
    const { data }: any = await api.graphql(
      `{ serviceCategories { code name nameEn parent { code } children { code parent { code } children { code } } } }`,
    );
    expect(data.serviceCategories).toHaveLength(12);
    expect(data.serviceCategories.map((category: any) => category.name)).toEqual(
      expect.arrayContaining([
        '融资服务',
        '数字化转型',
        '人才培训',
        '知识产权',
        '跨境贸易',
        '技术创新',
        '政策咨询',
        '法律服务',
        '创业服务',
        '管理咨询',
        '大中小企业融通',
        '检验检测',
      ]),
    );
    for (const category of data.serviceCategories) {
      expect(category.parent).toBeNull();
      expect(category.children.length).toBeGreaterThan(0);
      for (const child of category.children)
        expect(child).toEqual({
          code: expect.stringMatching(new RegExp(`^${category.code}-`)),
          parent: { code: category.code },
          children: [],
        });
    }
  });
});
