// The escalation chain, computed from the real region table alone (no database).
import { InstitutionTier } from '../../src/institutions/institution-enums';
import { escalationChain } from '../../src/one-stop/escalation-chain';
import { regionChain } from '../../src/regions/region-chain';
import { normalizeRegionCode } from '../../src/regions/region-code';
import { loadDivisions } from '../../src/seed/divisions';

const regionByCode = new Map(loadDivisions().map((region) => [region.code, region]));
const chainOf = (code: string) =>
  escalationChain(regionChain(normalizeRegionCode(code), regionByCode)).map((step) => [
    step.tier,
    step.regionCode,
    step.distance,
  ]);

const { COUNTY, MUNICIPAL, PROVINCIAL, NATIONAL } = InstitutionTier;

describe('escalation chain', () => {
  it('goes from a county of Beijing straight to the province: the municipalities have no municipal tier', () => {
    expect(chainOf('110101')).toEqual([
      [COUNTY, '110101', 0],
      [PROVINCIAL, '110000', 1],
      [NATIONAL, null, 2],
    ]);
  });

  it('starts at the municipal tier in Dongguan, a prefecture-level city without counties', () => {
    expect(chainOf('441900')).toEqual([
      [MUNICIPAL, '441900', 0],
      [PROVINCIAL, '440000', 1],
      [NATIONAL, null, 2],
    ]);
  });

  it('reads 4419 as 441900', () => {
    expect(chainOf('4419')).toEqual(chainOf('441900'));
  });

  it.each([
    ['429004', '420000'],
    ['419001', '410000'],
    ['659001', '650000'],
  ])(
    'has no municipal tier above the province-administered county-level city %s',
    (code, province) => {
      expect(chainOf(code)).toEqual([
        [COUNTY, code, 0],
        [PROVINCIAL, province, 1],
        [NATIONAL, null, 2],
      ]);
    },
  );

  it('climbs all four tiers from a county of Urumqi (650102)', () => {
    expect(chainOf('650102')).toEqual([
      [COUNTY, '650102', 0],
      [MUNICIPAL, '650100', 1],
      [PROVINCIAL, '650000', 2],
      [NATIONAL, null, 3],
    ]);
  });

  it('has only the province and the nation for a province code', () => {
    expect(chainOf('44')).toEqual([
      [PROVINCIAL, '440000', 0],
      [NATIONAL, null, 1],
    ]);
  });

  it('is empty for a code that names no division (a pseudo-prefecture)', () => {
    expect(chainOf('1101')).toEqual([]);
  });

  it('escalates every county of the country to the nation through its own province', () => {
    for (const region of regionByCode.values()) {
      if (region.level !== 'COUNTY') continue;
      const chain = escalationChain(regionChain(region.code, regionByCode));
      expect(chain[0]).toEqual({ tier: COUNTY, regionCode: region.code, distance: 0 });
      expect(chain.at(-1)).toEqual({
        tier: NATIONAL,
        regionCode: null,
        distance: chain.length - 1,
      });
      expect(chain.at(-2)!.regionCode).toBe(`${region.code.slice(0, 2)}0000`);
    }
  });
});
