// The walk up the GB/T 2260 tree and the escalation steps built on it, on a small region table
// written here (the real table is walked in test/one-stop/escalation-chain.test.ts).
import { InstitutionTier } from '../../src/institutions/institution-enums';
import { TIER_OF_REGION_LEVEL } from '../../src/institutions/tree-rules';
import { escalationChain } from '../../src/one-stop/escalation-chain';
import { regionChain, type RegionLink } from '../../src/regions/region-chain';
import { RegionLevel } from '../../src/regions/region-level';

const { PROVINCE, PREFECTURE, COUNTY } = RegionLevel;
const REGIONS: RegionLink[] = [
  { code: '650000', level: PROVINCE, parentCode: null },
  { code: '650100', level: PREFECTURE, parentCode: '650000' },
  { code: '650102', level: COUNTY, parentCode: '650100' },
  { code: '659001', level: COUNTY, parentCode: '650000' },
  // A region whose parent is missing from the table: the walk stops where the table ends.
  { code: '710101', level: COUNTY, parentCode: '710100' },
];
const byCode = new Map(REGIONS.map((region) => [region.code, region]));
const codes = (code: string) => regionChain(code, byCode).map((region) => region.code);

describe('regionChain', () => {
  it('walks a county up through its prefecture to its province, nearest first', () => {
    expect(codes('650102')).toEqual(['650102', '650100', '650000']);
  });

  it('walks a county under its province directly to the province', () => {
    expect(codes('659001')).toEqual(['659001', '650000']);
  });

  it('is the province alone for a province', () => {
    expect(codes('650000')).toEqual(['650000']);
  });

  it('is empty for a code the table does not have', () => {
    expect(codes('650101')).toEqual([]);
    expect(codes('')).toEqual([]);
  });

  it('stops where the table ends', () => {
    expect(codes('710101')).toEqual(['710101']);
  });

  it('returns the table’s own objects', () => {
    expect(regionChain('650102', byCode)[1]).toBe(byCode.get('650100'));
  });
});

describe('TIER_OF_REGION_LEVEL', () => {
  it('serves a province by a provincial, a prefecture by a municipal, a county by a county centre', () => {
    expect(TIER_OF_REGION_LEVEL).toEqual({
      PROVINCE: InstitutionTier.PROVINCIAL,
      PREFECTURE: InstitutionTier.MUNICIPAL,
      COUNTY: InstitutionTier.COUNTY,
    });
  });
});

describe('escalationChain', () => {
  const steps = (code: string) => escalationChain(regionChain(code, byCode));

  it('climbs from a county through every tier to the nation, one step of distance each', () => {
    expect(steps('650102')).toEqual([
      { tier: 'COUNTY', regionCode: '650102', distance: 0 },
      { tier: 'MUNICIPAL', regionCode: '650100', distance: 1 },
      { tier: 'PROVINCIAL', regionCode: '650000', distance: 2 },
      { tier: 'NATIONAL', regionCode: null, distance: 3 },
    ]);
  });

  it('skips the municipal tier for a county under its province', () => {
    expect(steps('659001')).toEqual([
      { tier: 'COUNTY', regionCode: '659001', distance: 0 },
      { tier: 'PROVINCIAL', regionCode: '650000', distance: 1 },
      { tier: 'NATIONAL', regionCode: null, distance: 2 },
    ]);
  });

  it('starts at the municipal tier for a prefecture and at the provincial one for a province', () => {
    expect(steps('650100')).toEqual([
      { tier: 'MUNICIPAL', regionCode: '650100', distance: 0 },
      { tier: 'PROVINCIAL', regionCode: '650000', distance: 1 },
      { tier: 'NATIONAL', regionCode: null, distance: 2 },
    ]);
    expect(steps('650000')).toEqual([
      { tier: 'PROVINCIAL', regionCode: '650000', distance: 0 },
      { tier: 'NATIONAL', regionCode: null, distance: 1 },
    ]);
  });

  it('is empty for an unknown region: not even the nation', () => {
    expect(escalationChain([])).toEqual([]);
  });
});
