// The process's copy of the reference data (regions, taxonomy): read once, kept while the
// database changes under it, read again after invalidate() or once it is 5 minutes old. On a
// database of this test's own, since regions and categories are added to it.
import { createReferenceData } from '../../src/app/reference-data';
import { Sql } from '../../src/db/sql';
import { RegionDirectory } from '../../src/regions/region-directory';
import { TaxonomyCatalog } from '../../src/services/taxonomy';
import { createScratchNetwork, type ScratchNetwork } from '../support/scratch-network';
import { startTestApi, type TestApi } from '../support/test-api';

let network: ScratchNetwork;
let sql: Sql;

beforeAll(async () => {
  network = await createScratchNetwork('reference_data'); // Guangdong only
  sql = new Sql(network.dataSource);
});
afterAll(() => network.drop());

const addProvince = (code: string, name: string, nameEn: string) =>
  network.dataSource.query(
    `INSERT INTO region (code, name, name_en, level, parent_code) VALUES ($1, $2, $3, 'PROVINCE', NULL)`,
    [code, name, nameEn],
  );
const addPrefecture = (code: string, name: string, nameEn: string, parent: string) =>
  network.dataSource.query(
    `INSERT INTO region (code, name, name_en, level, parent_code) VALUES ($1, $2, $3, 'PREFECTURE', $4)`,
    [code, name, nameEn, parent],
  );
const addCategory = async (code: string, name: string, nameEn: string, parent?: string) => {
  await network.dataSource.query(
    `INSERT INTO service_category (code, name, name_en, parent_id, position)
     VALUES ($1, $2, $3, (SELECT id FROM service_category WHERE code = $4), 99)`,
    [code, name, nameEn, parent ?? null],
  );
};

describe('RegionDirectory', () => {
  it('keeps its copy while regions are added, and reads them after invalidate()', async () => {
    const regions = new RegionDirectory(sql);
    expect((await regions.byCode('440000'))?.name).toBe('广东省');
    expect(await regions.byCode('450000')).toBeNull();

    await addProvince('450000', '广西壮族自治区', 'Guangxi');
    await addPrefecture('450100', '南宁市', 'Nanning', '450000');
    expect(await regions.byCode('450000')).toBeNull();
    expect(await regions.chain('450100')).toEqual([]);

    regions.invalidate();
    expect(await regions.byCode('450000')).toMatchObject({
      name: '广西壮族自治区',
      level: 'PROVINCE',
    });
    expect((await regions.chain('450100')).map((region) => region.code)).toEqual([
      '450100',
      '450000',
    ]);
  });

  it('reads the regions again once its copy is more than 5 minutes old', async () => {
    const regions = new RegionDirectory(sql);
    const start = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(start);
    try {
      await regions.all();
      await addProvince('460000', '海南省', 'Hainan');
      clock.mockReturnValue(start + 5 * 60_000);
      expect(await regions.byCode('460000')).toBeNull();
      clock.mockReturnValue(start + 5 * 60_000 + 1);
      expect((await regions.byCode('460000'))?.name).toBe('海南省');
    } finally {
      clock.mockRestore();
    }
  });
});

describe('TaxonomyCatalog', () => {
  it('keeps its copy while categories are added, and reads them after invalidate()', async () => {
    const taxonomy = new TaxonomyCatalog(sql);
    expect((await taxonomy.current()).roots).toHaveLength(12);
    await addCategory('ZZA', '测试类别', 'Test category');
    await addCategory('ZZA-ONE', '测试子类', 'Test sub-category', 'ZZA');
    expect((await taxonomy.current()).byCode.has('ZZA')).toBe(false);
    await expect(taxonomy.subtreeKeysOf('ZZA', 'categoryCode')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });

    taxonomy.invalidate();
    const current = await taxonomy.current();
    expect(current.roots).toHaveLength(13);
    const added = current.byCode.get('ZZA')!;
    expect(added.name).toBe('测试类别');
    expect(await taxonomy.subtreeKeysOf('ZZA', 'categoryCode')).toEqual([
      added.key,
      current.byCode.get('ZZA-ONE')!.key,
    ]);
  });

  it('reads the taxonomy again once its copy is more than 5 minutes old', async () => {
    const taxonomy = new TaxonomyCatalog(sql);
    const start = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(start);
    try {
      await taxonomy.current();
      await addCategory('ZZB', '测试类别二', 'Second test category');
      clock.mockReturnValue(start + 5 * 60_000);
      expect((await taxonomy.current()).byCode.has('ZZB')).toBe(false);
      clock.mockReturnValue(start + 5 * 60_000 + 1);
      expect((await taxonomy.current()).byCode.has('ZZB')).toBe(true);
    } finally {
      clock.mockRestore();
    }
  });
});

describe('the reference data of a server', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ databaseUrl: network.url });
  });
  afterAll(() => api.close());

  it('answers from its copy until invalidate(), then from the database', async () => {
    const read = async () =>
      (await api.graphql(`{ region(code: "50") { name } serviceCategories { code } }`)).data as {
        region: { name: string } | null;
        serviceCategories: { code: string }[];
      };
    const before = await read();
    expect(before.region).toBeNull();
    const categories = before.serviceCategories.map((category) => category.code);

    await addProvince('500000', '重庆市', 'Chongqing');
    await addCategory('ZZC', '测试类别三', 'Third test category');
    expect(await read()).toEqual(before);

    api.reference.invalidate();
    const after = await read();
    expect(after.region).toEqual({ name: '重庆市' });
    expect(after.serviceCategories.map((category) => category.code)).toEqual([
      ...categories,
      'ZZC',
    ]);
  });

  it('is the copy createReferenceData makes: invalidate() refreshes regions and taxonomy both', async () => {
    const reference = createReferenceData(sql);
    await Promise.all([reference.regions.all(), reference.taxonomy.current()]);
    await addProvince('510000', '四川省', 'Sichuan');
    await addCategory('ZZD', '测试类别四', 'Fourth test category');
    expect(await reference.regions.byCode('510000')).toBeNull();
    expect((await reference.taxonomy.current()).byCode.has('ZZD')).toBe(false);
    reference.invalidate();
    expect((await reference.regions.byCode('510000'))?.name).toBe('四川省');
    expect((await reference.taxonomy.current()).byCode.has('ZZD')).toBe(true);
  });
});
