// oneStop through HTTP, checked against an oracle computed in the test from the raw tables.
import { seededRandom } from '../../src/seed/deterministic';
import { startTestApi, type TestApi } from '../support/test-api';

interface ServiceRow {
  id: number;
  code: string;
  name: string;
  name_en: string;
  description: string;
  fee: string;
  delivery_mode: string;
  scales: string[];
  min_specialization: string;
  active: boolean;
  category: string;
  parent_category: string | null;
  institution: string;
  kind: string;
  tier: string;
  region_code: string | null;
  institution_active: boolean;
}

let api: TestApi;
let services: ServiceRow[];
let parentOf: Map<string, string | null>;
let levelOf: Map<string, string>;
/** The active PUBLIC centre of each region that has one. */
let publicCentreOf: Map<string, string>;
let counties: string[];
let prefectures: string[];
let provinces: string[];

beforeAll(async () => {
  api = await startTestApi();
  services = await api.dataSource.query(`
    SELECT s.id, s.code, s.name, s.name_en, s.description, s.fee, s.delivery_mode, s.eligible_scales::text[] AS scales, s.min_specialization, s.active,
           c.code AS category, p.code AS parent_category,
           i.code AS institution, i.kind, i.tier, i.region_code, i.active AS institution_active
      FROM service s JOIN institution i ON i.id = s.institution_id
      JOIN service_category c ON c.id = s.category_id LEFT JOIN service_category p ON p.id = c.parent_id`);
  const regions: { code: string; parent_code: string | null; level: string }[] =
    await api.dataSource.query('SELECT code, parent_code, level FROM region');
  parentOf = new Map(regions.map((region) => [region.code, region.parent_code]));
  levelOf = new Map(regions.map((region) => [region.code, region.level]));
  const ofLevel = (level: string) =>
    regions
      .filter((region) => region.level === level)
      .map((region) => region.code)
      .sort();
  counties = ofLevel('COUNTY');
  prefectures = ofLevel('PREFECTURE');
  provinces = ofLevel('PROVINCE');
  const centres: { code: string; region_code: string }[] = await api.dataSource.query(
    `SELECT code, region_code FROM institution WHERE kind = 'PUBLIC' AND region_code IS NOT NULL AND active`,
  );
  publicCentreOf = new Map(centres.map((centre) => [centre.region_code, centre.code]));
});
afterAll(() => api.close());

interface Input {
  regionCode: string;
  categoryCode?: string;
  scale?: string;
  specialization?: string;
  deliveryMode?: string[];
  search?: string;
  limitPerTier?: number;
}

const SPECIALIZATION = ['NONE', 'SPECIALIZED', 'LITTLE_GIANT'];
const FEE = ['FREE', 'SUBSIDIZED', 'PAID'];
const byCodePoints = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const TIER_OF_LEVEL: Record<string, string> = {
  COUNTY: 'COUNTY',
  PREFECTURE: 'MUNICIPAL',
  PROVINCE: 'PROVINCIAL',
};

interface Tier {
  tier: string;
  institution: string | null;
  matches: { distance: number; service: string; institution: string }[];
}

/** What oneStop must answer, tier by tier, computed from the tables without the API's code. */
function oracle(input: Input): Tier[] {
  const chain: (string | null)[] = [];
  for (
    let code: string | null | undefined = input.regionCode.padEnd(6, '0');
    code;
    code = parentOf.get(code)
  )
    chain.push(code);
  chain.push(null);
  const limit = input.limitPerTier ?? 10;
  const words = input.search?.toLowerCase();
  return chain.map((regionCode, distance) => ({
    tier: regionCode === null ? 'NATIONAL' : TIER_OF_LEVEL[levelOf.get(regionCode)!],
    institution: regionCode === null ? 'C-000000' : (publicCentreOf.get(regionCode) ?? null),
    matches: services
      .filter((s) => (regionCode === null ? s.tier === 'NATIONAL' : s.region_code === regionCode))
      .filter((s) => s.active && s.institution_active)
      .filter(
        (s) =>
          !input.categoryCode ||
          s.category === input.categoryCode ||
          s.parent_category === input.categoryCode,
      )
      .filter((s) => !input.scale || s.scales.length === 0 || s.scales.includes(input.scale))
      .filter(
        (s) =>
          SPECIALIZATION.indexOf(s.min_specialization) <=
          SPECIALIZATION.indexOf(input.specialization ?? 'NONE'),
      )
      .filter((s) => !input.deliveryMode || input.deliveryMode.includes(s.delivery_mode))
      .filter(
        (s) =>
          !words ||
          [s.name, s.name_en, s.description].some((text) => text.toLowerCase().includes(words)),
      )
      .sort(
        (a, b) =>
          (a.kind === b.kind ? 0 : a.kind === 'PUBLIC' ? -1 : 1) ||
          FEE.indexOf(a.fee) - FEE.indexOf(b.fee) ||
          byCodePoints(a.name, b.name) ||
          a.id - b.id,
      )
      .slice(0, limit)
      .map((s) => ({ distance, service: s.code, institution: s.institution })),
  }));
}

/** The parts of an answer the oracle computes. */
function tiersOf(result: any): Tier[] {
  return result.tiers.map((tier: any) => ({
    tier: tier.tier,
    institution: tier.institution?.code ?? null,
    matches: tier.matches.map((match: any) => ({
      distance: match.distance,
      service: match.service.code,
      institution: match.institution.code,
    })),
  }));
}

const ONE_STOP = `query ($input: OneStopInput!) {
  oneStop(input: $input) {
    region { code name }
    tiers { tier institution { code kind } matches { distance service { code } institution { code } } }
    matches {
      distance reason
      institution { code kind region { code } }
      service { code fee deliveryMode eligibleScales minSpecialization active category { code name parent { code } } institution { code region { name } } }
    }
  }
}`;

async function oneStop(input: Input) {
  const { data, errors } = await api.graphql(ONE_STOP, { input });
  expect(errors).toBeUndefined();
  return data!.oneStop;
}

describe('oneStop', () => {
  it('ranks a FREE service of the public county centre before a PAID one of a market agency', async () => {
    const county = counties.find((code) => {
      const here = services.filter((s) => s.region_code === code && s.active);
      return (
        here.some((s) => s.kind === 'PUBLIC' && s.fee === 'FREE') &&
        here.some((s) => s.kind === 'MARKET' && s.fee === 'PAID')
      );
    })!;
    expect(county).toBeDefined();
    const result = await oneStop({ regionCode: county, limitPerTier: 50 });
    const matches = result.tiers[0].matches.map((match: any) => match.service.code);
    const free = services.find(
      (s) => s.region_code === county && s.kind === 'PUBLIC' && s.fee === 'FREE' && s.active,
    )!;
    const paid = services.find(
      (s) => s.region_code === county && s.kind === 'MARKET' && s.fee === 'PAID' && s.active,
    )!;
    expect(matches.indexOf(free.code)).toBeGreaterThanOrEqual(0);
    expect(matches.indexOf(free.code)).toBeLessThan(matches.indexOf(paid.code));
  });

  it('excludes a LITTLE_GIANT-only service for a SPECIALIZED enterprise and includes it for a LITTLE_GIANT one', async () => {
    const target = services.find(
      (s) => s.min_specialization === 'LITTLE_GIANT' && s.active && s.tier === 'COUNTY',
    )!;
    const input = {
      regionCode: target.region_code!,
      categoryCode: target.category,
      limitPerTier: 50,
    };
    const codes = (result: any) => result.matches.map((match: any) => match.service.code);
    expect(codes(await oneStop({ ...input, specialization: 'SPECIALIZED' }))).not.toContain(
      target.code,
    );
    expect(codes(await oneStop({ ...input, specialization: 'LITTLE_GIANT' }))).toContain(
      target.code,
    );
  });

  it('matches a sub-category’s service when asked for its parent category', async () => {
    const result = await oneStop({ regionCode: '110101', categoryCode: 'FIN', limitPerTier: 50 });
    expect(result.matches.length).toBeGreaterThan(0);
    for (const match of result.matches) expect(match.service.category.parent.code).toBe('FIN');
  });

  it('keeps a county without a centre as a tier with no institution, served from the tiers above', async () => {
    // A county under a real prefecture (not one of a province's directly administered counties,
    // whose next tier is the province), so that the tier above must be the MUNICIPAL one.
    const county = counties.find(
      (code) =>
        !publicCentreOf.has(code) &&
        levelOf.get(parentOf.get(code)!) === 'PREFECTURE' &&
        publicCentreOf.has(parentOf.get(code)!),
    )!;
    const result = await oneStop({ regionCode: county });
    expect(result.tiers[0]).toMatchObject({ tier: 'COUNTY', institution: null });
    expect(result.tiers[0].matches.every((match: any) => match.service.code.startsWith('M-'))).toBe(
      true,
    );
    expect(result.tiers[1]).toMatchObject({
      tier: 'MUNICIPAL',
      institution: { code: publicCentreOf.get(parentOf.get(county)!), kind: 'PUBLIC' },
    });
    expect(result.matches.length).toBeGreaterThan(0);
  });

  it('explains each match in plain words', async () => {
    const result = await oneStop({
      regionCode: '441900',
      categoryCode: 'FIN',
      scale: 'SMALL',
      specialization: 'SPECIALIZED',
    });
    const first = result.matches[0];
    expect(first.reason).toMatch(
      /^东莞市中小企业服务中心 — municipal centre of 东莞市; category .+ \(.+\) within 融资服务; /,
    );
    expect(first.reason).toMatch(/open to (every scale|[A-Z/]*SMALL[A-Z/]* enterprises)/);
    expect(first.reason).toMatch(
      /(no specialization required|requires SPECIALIZED, enterprise is SPECIALIZED)/,
    );
    const national = result.matches.find((match: any) => match.distance === 2);
    expect(national.reason).toMatch(
      /^工业和信息化部中小企业发展促进中心 — national centre; 2 tiers above 东莞市; /,
    );
  });

  it('answers with the region in six digits and the chain of tiers', async () => {
    const result = await oneStop({ regionCode: '4419' });
    expect(result.region).toEqual({ code: '441900', name: '东莞市' });
    expect(result.tiers.map((tier: any) => [tier.tier, tier.institution?.code ?? null])).toEqual([
      ['MUNICIPAL', 'C-441900'],
      ['PROVINCIAL', 'C-440000'],
      ['NATIONAL', 'C-000000'],
    ]);
  });

  it('finds services by words of their name', async () => {
    const input = { regionCode: '44', search: '专利' };
    const result = await oneStop(input);
    expect(result.matches.length).toBeGreaterThan(0);
    for (const match of result.matches)
      expect(services.find((s) => s.code === match.service.code)!.name).toContain('专利');
    expect(tiersOf(result)).toEqual(oracle(input));
  });

  it('answers as the oracle over many random regions of every level and needs: tiers, centres, distances, matches', async () => {
    const random = seededRandom(20261122);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
    const categories = [
      ...new Set(services.map((s) => s.category)),
      ...new Set(services.map((s) => s.parent_category!)),
    ];
    const levels = { county: 0, prefecture: 0, province: 0 };
    for (let round = 0; round < 80; round++) {
      const level = random();
      // Counties most often; prefectures and provinces, sometimes in their short forms (4419, 44).
      const regionCode =
        level < 0.55
          ? pick(counties)
          : level < 0.8
            ? pick(prefectures).slice(0, random() < 0.5 ? 4 : 6)
            : pick(provinces).slice(0, random() < 0.5 ? 2 : 6);
      levels[level < 0.55 ? 'county' : level < 0.8 ? 'prefecture' : 'province']++;
      const input: Input = {
        regionCode,
        limitPerTier: pick([1, 2, 5, 10, 50]),
        ...(random() < 0.7 ? { categoryCode: pick(categories) } : {}),
        ...(random() < 0.5 ? { scale: pick(['MICRO', 'SMALL', 'MEDIUM']) } : {}),
        ...(random() < 0.5 ? { specialization: pick(SPECIALIZATION) } : {}),
        ...(random() < 0.3 ? { deliveryMode: [pick(['ONLINE', 'ONSITE', 'HYBRID'])] } : {}),
      };
      if (random() < 0.2) delete input.limitPerTier;
      const result = await oneStop(input);
      const expected = oracle(input);

      expect([input, result.region.code]).toEqual([input, input.regionCode.padEnd(6, '0')]);
      expect([input, tiersOf(result)]).toEqual([input, expected]);
      expect([
        input,
        result.matches.map((match: any) => ({
          distance: match.distance,
          service: match.service.code,
          institution: match.institution.code,
        })),
      ]).toEqual([input, expected.flatMap((tier) => tier.matches)]);
      for (const match of result.matches) {
        const service = match.service;
        expect(service.active).toBe(true);
        expect(service.institution.code).toBe(match.institution.code);
        if (input.categoryCode)
          expect([service.category.code, service.category.parent?.code]).toContain(
            input.categoryCode,
          );
        if (input.scale)
          expect(
            service.eligibleScales.length === 0 || service.eligibleScales.includes(input.scale),
          ).toBe(true);
        expect(SPECIALIZATION.indexOf(service.minSpecialization)).toBeLessThanOrEqual(
          SPECIALIZATION.indexOf(input.specialization ?? 'NONE'),
        );
        if (input.deliveryMode) expect(input.deliveryMode).toContain(service.deliveryMode);
      }
    }
    expect(Object.values(levels).every((count) => count >= 10)).toBe(true);
  });

  it('finds services by words of their description, not only of their name', async () => {
    // Seeded descriptions name the place served (面向东莞市中小企业的…); service names do not.
    const input = { regionCode: '441900', search: '东莞', limitPerTier: 50 };
    const result = await oneStop(input);
    const own = result.tiers[0].matches.map((match: any) => match.service.code);
    expect(own.length).toBeGreaterThan(0);
    for (const code of own) {
      const service = services.find((s) => s.code === code)!;
      expect([code, service.name.includes('东莞'), service.description.includes('东莞')]).toEqual([
        code,
        false,
        true,
      ]);
    }
    expect(tiersOf(result)).toEqual(oracle(input));
  });

  it('issues the same few statements for Beijing, Dongguan and Xinjiang, at limit 1 and 50, nested fields included', async () => {
    const query = `query ($input: OneStopInput!) {
      oneStop(input: $input) {
        region { name parent { name } }
        tiers { institution { name region { name } } }
        matches { reason service { name category { name } institution { name region { name } } } institution { name } }
      }
    }`;
    await api.graphql(query, { input: { regionCode: '110101' } }); // loads the process's reference data
    const counts: number[] = [];
    for (const regionCode of ['110101', '441900', '650102']) {
      for (const limitPerTier of [1, 50]) {
        const { response, statements } = await api.countedGraphql(query, {
          input: { regionCode, limitPerTier, categoryCode: 'FIN' },
        });
        expect(response.errors).toBeUndefined();
        counts.push(statements);
      }
    }
    // Every tier's matches in one statement; regions and taxonomy come from reference data.
    expect(counts).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('answers for every county of the network', async () => {
    for (let start = 0; start < counties.length; start += 100) {
      const batch = counties.slice(start, start + 100);
      const query = `{ ${batch
        .map(
          (code, index) =>
            `c${index}: oneStop(input: { regionCode: "${code}", categoryCode: "POL" }) { tiers { tier } matches { distance } }`,
        )
        .join('\n')} }`;
      const { data, errors } = await api.graphql(query);
      expect(errors).toBeUndefined();
      batch.forEach((_, index) => {
        expect(data![`c${index}`].tiers[0].tier).toBe('COUNTY');
        expect(data![`c${index}`].tiers.at(-1).tier).toBe('NATIONAL');
      });
    }
  });
});

describe('oneStop errors', () => {
  it.each([
    [{ regionCode: '999999' }, 'NOT_FOUND', 'regionCode'],
    [{ regionCode: '1101' }, 'NOT_FOUND', 'regionCode'],
    [{ regionCode: '11010' }, 'BAD_USER_INPUT', 'regionCode'],
    [{ regionCode: 'beijing' }, 'BAD_USER_INPUT', 'regionCode'],
    [{ regionCode: '110101', categoryCode: 'fin' }, 'BAD_USER_INPUT', 'categoryCode'],
    [{ regionCode: '110101', categoryCode: 'XYZ' }, 'NOT_FOUND', 'categoryCode'],
    [{ regionCode: '110101', limitPerTier: 0 }, 'BAD_USER_INPUT', 'limitPerTier'],
    [{ regionCode: '110101', limitPerTier: 51 }, 'BAD_USER_INPUT', 'limitPerTier'],
  ])('refuses %p with %s naming %s', async (input, code, field) => {
    const { data, errors } = await api.graphql(ONE_STOP, { input });
    expect(data).toBeNull();
    expect(errors![0].extensions).toEqual({ code, field });
    expect(errors![0].message).toContain(field);
  });
});
