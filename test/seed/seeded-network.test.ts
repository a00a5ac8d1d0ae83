// The network as `npm start` seeds it, checked straight in the database against DESIGN.md.
import type { DataSource } from 'typeorm';
import { Sql } from '../../src/db/sql';
import { seedNetwork } from '../../src/seed/seed';
import { connectTestDatabase } from '../support/test-database';

interface Row {
  code: string;
  tier: string;
  kind: string;
  region_code: string | null;
  region_level: string | null;
  region_parent: string | null;
  parent_code: string | null;
  parent_tier: string | null;
  parent_kind: string | null;
  parent_region: string | null;
}

let db: DataSource;
let institutions: Row[];
let regionLevel: Map<string, { level: string; parent: string | null }>;
let publicCentreOf: Map<string, string>;

beforeAll(async () => {
  db = await connectTestDatabase();
  institutions = await db.query(`
    SELECT i.code, i.tier, i.kind, i.region_code, r.level AS region_level, r.parent_code AS region_parent,
           p.code AS parent_code, p.tier AS parent_tier, p.kind AS parent_kind, p.region_code AS parent_region
      FROM institution i
      LEFT JOIN region r ON r.code = i.region_code
      LEFT JOIN institution p ON p.id = i.parent_id`);
  const regions: { code: string; level: string; parent_code: string | null }[] = await db.query(
    'SELECT code, level, parent_code FROM region',
  );
  regionLevel = new Map(regions.map((r) => [r.code, { level: r.level, parent: r.parent_code }]));
  publicCentreOf = new Map(
    institutions
      .filter((i) => i.kind === 'PUBLIC' && i.region_code)
      .map((i) => [i.region_code!, i.code]),
  );
});

afterAll(() => db.destroy());

const count = (predicate: (row: Row) => boolean) => institutions.filter(predicate).length;
const centreOf = (code: string) =>
  institutions.find((i) => i.kind === 'PUBLIC' && i.region_code === code);

describe('the seeded network', () => {
  it('has the shape of the published figures: 1 national, 31 provincial, ~84 % municipal, ~50 % county', () => {
    const prefectures = [...regionLevel.values()].filter((r) => r.level === 'PREFECTURE').length;
    const counties = [...regionLevel.values()].filter((r) => r.level === 'COUNTY').length;
    const publicOf = (tier: string) => count((i) => i.kind === 'PUBLIC' && i.tier === tier);

    expect(publicOf('NATIONAL')).toBe(1);
    expect(publicOf('PROVINCIAL')).toBe(31);
    expect(publicOf('MUNICIPAL') / prefectures).toBeCloseTo(0.84, 2);
    expect(publicOf('COUNTY') / counties).toBeCloseTo(0.5, 2);
    expect(count((i) => i.kind === 'PUBLIC')).toBeGreaterThan(1700);
    expect(count((i) => i.kind === 'MARKET')).toBeGreaterThan(0);
  });

  it('names the national centre as MIIT does', async () => {
    const [national] = await db.query(
      `SELECT name, name_en FROM institution WHERE tier = 'NATIONAL'`,
    );
    expect(national).toEqual({
      name: '工业和信息化部中小企业发展促进中心',
      name_en: 'China Center for Promotion of SME Development',
    });
  });

  it('gives every provincial capital and each of the 15 sub-provincial cities a municipal centre', () => {
    // Listed here by hand (not with the seed's list): 27 capitals of provinces and regions, then
    // 深圳 广州 厦门 宁波 青岛 大连 沈阳 长春 哈尔滨 南京 杭州 济南 武汉 成都 西安.
    const capitals = [
      '130100',
      '140100',
      '150100',
      '210100',
      '220100',
      '230100',
      '320100',
      '330100',
      '340100',
      '350100',
      '360100',
      '370100',
      '410100',
      '420100',
      '430100',
      '440100',
      '450100',
      '460100',
      '510100',
      '520100',
      '530100',
      '540100',
      '610100',
      '620100',
      '630100',
      '640100',
      '650100',
    ];
    const subProvincial = [
      '440300',
      '440100',
      '350200',
      '330200',
      '370200',
      '210200',
      '210100',
      '220100',
      '230100',
      '320100',
      '330100',
      '370100',
      '420100',
      '510100',
      '610100',
    ];
    const missing = [...new Set([...capitals, ...subProvincial])].filter(
      (code) => centreOf(code)?.tier !== 'MUNICIPAL',
    );
    expect(missing).toEqual([]);
  });

  it('puts municipal centres only in real prefectures, never in a pseudo-prefecture', () => {
    const municipal = institutions.filter((i) => i.tier === 'MUNICIPAL');
    expect(municipal.every((i) => i.region_level === 'PREFECTURE')).toBe(true);
    for (const pseudo of [
      '110100',
      '120100',
      '310100',
      '500100',
      '500200',
      '419000',
      '429000',
      '469000',
      '659000',
    ]) {
      expect(institutions.some((i) => i.region_code === pseudo)).toBe(false);
    }
  });

  it('gives every institution the tier of its region level', () => {
    const tierOfLevel: Record<string, string> = {
      PROVINCE: 'PROVINCIAL',
      PREFECTURE: 'MUNICIPAL',
      COUNTY: 'COUNTY',
    };
    for (const institution of institutions.filter((i) => i.tier !== 'NATIONAL')) {
      expect([institution.code, institution.tier]).toEqual([
        institution.code,
        tierOfLevel[institution.region_level!],
      ]);
    }
  });

  it('hangs every institution under the parent DESIGN.md prescribes', () => {
    // Computed here from the region table alone, not with the code that built the seed.
    const nearestCentreAbove = (regionCode: string, includingItself: boolean): string => {
      let code: string | null = includingItself ? regionCode : regionLevel.get(regionCode)!.parent;
      for (; code; code = regionLevel.get(code)!.parent) {
        if (publicCentreOf.has(code)) return publicCentreOf.get(code)!;
      }
      return 'C-000000';
    };
    for (const institution of institutions) {
      if (institution.tier === 'NATIONAL') {
        expect(institution.parent_code).toBeNull();
        continue;
      }
      const expected = nearestCentreAbove(institution.region_code!, institution.kind === 'MARKET');
      expect([institution.code, institution.parent_code]).toEqual([institution.code, expected]);
      expect(institution.parent_kind).toBe('PUBLIC');
    }
  });

  it('gives municipal centres their provincial centre as parent', () => {
    for (const municipal of institutions.filter(
      (i) => i.tier === 'MUNICIPAL' && i.kind === 'PUBLIC',
    )) {
      expect(municipal.parent_tier).toBe('PROVINCIAL');
      expect(municipal.parent_region).toBe(`${municipal.region_code!.slice(0, 2)}0000`);
    }
  });

  it('has no municipal tier in Beijing, Tianjin, Shanghai and Chongqing: county centres hang under the provincial one', () => {
    const countyCentres = institutions.filter(
      (i) =>
        i.tier === 'COUNTY' &&
        i.kind === 'PUBLIC' &&
        ['11', '12', '31', '50'].includes(i.region_code!.slice(0, 2)),
    );
    expect(countyCentres.length).toBeGreaterThan(20);
    for (const centre of countyCentres) {
      expect(centre.parent_code).toBe(`C-${centre.region_code!.slice(0, 2)}0000`);
    }
  });

  it('has Dongguan (441900) as a prefecture with no county-level region below it', async () => {
    const [dongguan] = await db.query(`SELECT name, level FROM region WHERE code = '441900'`);
    expect(dongguan).toEqual({ name: '东莞市', level: 'PREFECTURE' });
    const [{ below }] = await db.query(
      `SELECT count(*)::int AS below FROM region WHERE parent_code = '441900'`,
    );
    expect(below).toBe(0);
  });

  it('hangs county centres under 4290 (e.g. 仙桃市) directly under the Hubei provincial centre', () => {
    const underPseudo = institutions.filter(
      (i) => i.kind === 'PUBLIC' && i.region_code?.startsWith('4290'),
    );
    expect(underPseudo.length).toBeGreaterThan(0);
    for (const centre of underPseudo) expect(centre.parent_code).toBe('C-420000');
  });

  it('hangs a county centre whose prefecture has no centre under its provincial centre', () => {
    const orphans = institutions.filter((i) => {
      if (i.tier !== 'COUNTY' || i.kind !== 'PUBLIC') return false;
      const prefecture = i.region_parent!;
      return regionLevel.get(prefecture)!.level === 'PREFECTURE' && !centreOf(prefecture);
    });
    expect(orphans.length).toBeGreaterThan(0);
    for (const centre of orphans)
      expect(centre.parent_code).toBe(`C-${centre.region_code!.slice(0, 2)}0000`);
  });

  it('offers services in every category, at every public centre', async () => {
    const [{ categories }] = await db.query(`
      SELECT count(DISTINCT top.code)::int AS categories
        FROM service s JOIN service_category c ON c.id = s.category_id JOIN service_category top ON top.id = c.parent_id`);
    expect(categories).toBe(12);
    const [{ without }] = await db.query(`
      SELECT count(*)::int AS without FROM institution i
       WHERE NOT EXISTS (SELECT 1 FROM service s WHERE s.institution_id = i.id)`);
    expect(without).toBe(0);
    const variety = await db.query(
      `SELECT DISTINCT fee, delivery_mode, min_specialization FROM service`,
    );
    expect(variety.length).toBeGreaterThanOrEqual(20);
  });

  it('changes nothing when seeded a second time: same counts, same ids', async () => {
    const snapshot = () =>
      db.query(`
        SELECT (SELECT count(*) FROM region)::int AS regions,
               (SELECT count(*) FROM service_category)::int AS categories,
               (SELECT string_agg(id || ':' || code, ',' ORDER BY id) FROM institution) AS institutions,
               (SELECT string_agg(id || ':' || code, ',' ORDER BY id) FROM service) AS services`);
    const before = await snapshot();
    const added = await seedNetwork(new Sql(db));
    expect(added).toEqual({ regions: 0, categories: 0, institutions: 0, services: 0 });
    expect(await snapshot()).toEqual(before);
  });
});
