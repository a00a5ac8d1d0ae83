import { InstitutionKind } from '../../src/institutions/institution-enums';
import { parentPlace } from '../../src/institutions/tree-rules';
import { regionChain, type RegionLink } from '../../src/regions/region-chain';
import { RegionLevel } from '../../src/regions/region-level';

const regions: RegionLink[] = [
  { code: '420000', level: RegionLevel.PROVINCE, parentCode: null },
  { code: '420100', level: RegionLevel.PREFECTURE, parentCode: '420000' },
  { code: '420102', level: RegionLevel.COUNTY, parentCode: '420100' },
  { code: '420103', level: RegionLevel.COUNTY, parentCode: '420100' },
  { code: '429004', level: RegionLevel.COUNTY, parentCode: '420000' },
  { code: '420200', level: RegionLevel.PREFECTURE, parentCode: '420000' },
  { code: '420202', level: RegionLevel.COUNTY, parentCode: '420200' },
];
const byCode = new Map(regions.map((region) => [region.code, region]));
// Wuhan (420100) and its district 420102 have centres; Huangshi (420200) and 420103 do not.
const centres = new Set(['420000', '420100', '420102']);
const hasCentre = (code: string) => centres.has(code);
const parent = (code: string, kind: InstitutionKind) =>
  parentPlace(regionChain(code, byCode), kind, hasCentre);

describe('tree rules', () => {
  it('walks a county up through its real prefecture to its province', () => {
    expect(regionChain('420102', byCode).map((region) => region.code)).toEqual([
      '420102',
      '420100',
      '420000',
    ]);
    expect(regionChain('429004', byCode).map((region) => region.code)).toEqual([
      '429004',
      '420000',
    ]);
  });

  it('hangs a county centre under its municipal centre', () => {
    expect(parent('420102', InstitutionKind.PUBLIC)).toEqual({ regionCode: '420100' });
  });

  it('hangs a county centre under the provincial centre when its prefecture has none', () => {
    expect(parent('420202', InstitutionKind.PUBLIC)).toEqual({ regionCode: '420000' });
  });

  it('hangs a province-administered county-level city (仙桃) under the provincial centre', () => {
    expect(parent('429004', InstitutionKind.PUBLIC)).toEqual({ regionCode: '420000' });
  });

  it('hangs a provincial centre under the national centre', () => {
    expect(parent('420000', InstitutionKind.PUBLIC)).toBe('NATIONAL');
  });

  it('attaches a market agency to the centre of its own region, or the nearest one above', () => {
    expect(parent('420102', InstitutionKind.MARKET)).toEqual({ regionCode: '420102' });
    expect(parent('420103', InstitutionKind.MARKET)).toEqual({ regionCode: '420100' });
    expect(parent('420000', InstitutionKind.MARKET)).toEqual({ regionCode: '420000' });
  });

  it('hangs under the national centre whatever has no centre above it', () => {
    const nowhere = () => false;
    expect(parentPlace(regionChain('420102', byCode), InstitutionKind.PUBLIC, nowhere)).toBe(
      'NATIONAL',
    );
    expect(parentPlace(regionChain('420102', byCode), InstitutionKind.MARKET, nowhere)).toBe(
      'NATIONAL',
    );
    expect(parentPlace([], InstitutionKind.MARKET, nowhere)).toBe('NATIONAL');
  });

  it('asks only about the regions of the chain, nearest first, and stops at the first centre', () => {
    const asked: string[] = [];
    const answer = parentPlace(regionChain('420102', byCode), InstitutionKind.MARKET, (code) => {
      asked.push(code);
      return code === '420100';
    });
    expect(answer).toEqual({ regionCode: '420100' });
    expect(asked).toEqual(['420102', '420100']);
  });
});
