// The seeded network, computed from the real divisions and nothing else: which regions have a
// centre, the market agencies attached to them and the services every institution offers.
// Pure and deterministic: the same divisions always give the same plan.
import { InstitutionKind, InstitutionTier } from '../institutions/institution-enums';
import { TIER_OF_REGION_LEVEL, parentPlace } from '../institutions/tree-rules';
import { regionChain } from '../regions/region-chain';
import { RegionLevel } from '../regions/region-level';
import { EnterpriseScale, SpecializationLevel } from '../services/eligibility';
import { DeliveryMode, FeeType } from '../services/service-enums';
import { PROVINCIAL_CAPITALS, hotline, landline, streetAddress } from './contacts';
import { between, chance, pick, sample, shuffled, weighted } from './deterministic';
import type { RegionSeed } from './divisions';
import { TAXONOMY, type CategorySeed, type SubCategorySeed } from './categories';

/** Shares of real prefectures and counties with a centre of their own (MIIT, mid-2024). */
export const MUNICIPAL_COVERAGE = 0.84;
export const COUNTY_COVERAGE = 0.5;

export const NATIONAL_CENTRE = {
  code: 'C-000000',
  name: '工业和信息化部中小企业发展促进中心',
  nameEn: 'China Center for Promotion of SME Development',
};

export interface CategoryRow {
  code: string;
  name: string;
  nameEn: string;
  parentCode: string | null;
  position: number;
}

export interface InstitutionRow {
  code: string;
  name: string;
  nameEn: string;
  tier: InstitutionTier;
  kind: InstitutionKind;
  regionCode: string | null;
  parentCode: string | null;
  phone: string;
  email: string;
  website: string | null;
  address: string;
  latitude: number | null;
  longitude: number | null;
}

export interface ServiceRow {
  code: string;
  name: string;
  nameEn: string;
  description: string;
  institutionCode: string;
  categoryCode: string;
  deliveryMode: DeliveryMode;
  fee: FeeType;
  eligibleScales: EnterpriseScale[];
  minSpecialization: SpecializationLevel;
  active: boolean;
}

export interface NetworkPlan {
  regions: RegionSeed[];
  categories: CategoryRow[];
  /** Parents before children. */
  institutions: InstitutionRow[];
  services: ServiceRow[];
}

const publicCode = (regionCode: string) => `C-${regionCode}`;

export function planNetwork(regions: RegionSeed[]): NetworkPlan {
  const regionByCode = new Map(regions.map((region) => [region.code, region]));
  const withCentre = regionsWithCentre(regions);
  const hasCentre = (code: string) => withCentre.has(code);

  const institutions: InstitutionRow[] = [nationalCentre()];
  const specialityOf = new Map<string, CategorySeed>();
  const parentCodeOf = (regionCode: string, kind: InstitutionKind) => {
    const place = parentPlace(regionChain(regionCode, regionByCode), kind, hasCentre);
    return place === 'NATIONAL' ? NATIONAL_CENTRE.code : publicCode(place.regionCode);
  };
  /** 广东省东莞市: the names from the province down. */
  const fullName = (region: RegionSeed) =>
    regionChain(region.code, regionByCode)
      .map((at) => at.name)
      .reverse()
      .join('');

  // Centres tier by tier, so that every parent precedes its children.
  for (const level of [RegionLevel.PROVINCE, RegionLevel.PREFECTURE, RegionLevel.COUNTY]) {
    for (const region of regions) {
      if (region.level !== level || !hasCentre(region.code)) continue;
      institutions.push(
        publicCentre(region, parentCodeOf(region.code, InstitutionKind.PUBLIC), fullName(region)),
      );
    }
  }
  for (const region of regions) {
    const specialities = sample(
      `agencies:${region.code}`,
      TAXONOMY,
      agencyCount(region, hasCentre(region.code)),
    );
    specialities.forEach((category, index) => {
      const parentCode = parentCodeOf(region.code, InstitutionKind.MARKET);
      const agency = marketAgency(region, category, index + 1, parentCode, fullName(region));
      specialityOf.set(agency.code, category);
      institutions.push(agency);
    });
  }

  return {
    regions,
    categories: categoryRows(),
    institutions,
    services: institutions.flatMap((institution) =>
      servicesOf(
        institution,
        offeredSubCategories(institution, specialityOf.get(institution.code)),
        regionByCode,
      ),
    ),
  };
}

/**
 * The 15 sub-provincial cities (副省级城市): 深圳, 广州, 厦门, 宁波, 青岛, 大连, 沈阳, 长春, 哈尔滨,
 * 南京, 杭州, 济南, 武汉, 成都, 西安. Ten are provincial capitals as well.
 */
export const SUB_PROVINCIAL_CITIES = [
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
] as const;

/** The prefectures every real network has a municipal centre in: capitals and sub-provincial cities. */
export function prefecturesAlwaysServed(regions: readonly RegionSeed[]): Set<string> {
  // A provincial capital is its province's first prefecture in GB/T 2260 (xx01): 石家庄 130100,
  // 广州 440100, 拉萨 540100 … — except in the four municipalities, which have none.
  const capitals = regions
    .filter((region) => region.level === RegionLevel.PREFECTURE && region.code.endsWith('0100'))
    .map((region) => region.code);
  return new Set([...capitals, ...SUB_PROVINCIAL_CITIES]);
}

/**
 * Every province; a fixed ~84 % of real prefectures, always including the provincial capitals and
 * the sub-provincial cities; ~50 % of counties.
 */
function regionsWithCentre(regions: RegionSeed[]): Set<string> {
  const ofLevel = (level: RegionLevel) =>
    regions.filter((region) => region.level === level).map((region) => region.code);
  const share = (level: RegionLevel, coverage: number, always: ReadonlySet<string>) => {
    const codes = ofLevel(level);
    const wanted = Math.round(codes.length * coverage);
    const rest = shuffled(`centre:${level}`, codes).filter((code) => !always.has(code));
    return [...always, ...rest.slice(0, wanted - always.size)];
  };
  return new Set([
    ...ofLevel(RegionLevel.PROVINCE),
    ...share(RegionLevel.PREFECTURE, MUNICIPAL_COVERAGE, prefecturesAlwaysServed(regions)),
    ...share(RegionLevel.COUNTY, COUNTY_COVERAGE, new Set()),
  ]);
}

/** Provinces attract the most agencies; a few counties without a centre still have one. */
function agencyCount(region: RegionSeed, hasCentre: boolean): number {
  const key = `agency-count:${region.code}`;
  switch (region.level) {
    case RegionLevel.PROVINCE:
      return 3;
    case RegionLevel.PREFECTURE:
      return hasCentre ? between(key, 0, 2) : 0;
    case RegionLevel.COUNTY:
      return chance(key) < (hasCentre ? 0.25 : 0.08) ? 1 : 0;
  }
}

function nationalCentre(): InstitutionRow {
  const beijing = PROVINCIAL_CAPITALS['11'];
  return {
    ...NATIONAL_CENTRE,
    tier: InstitutionTier.NATIONAL,
    kind: InstitutionKind.PUBLIC,
    regionCode: null,
    parentCode: null,
    phone: landline(beijing.areaCode, NATIONAL_CENTRE.code),
    email: 'service@chinasme.org.cn',
    website: 'https://www.chinasme.org.cn',
    address: streetAddress('北京市西城区', NATIONAL_CENTRE.code),
    latitude: beijing.latitude,
    longitude: beijing.longitude,
  };
}

const MUNICIPALITIES = new Set(['11', '12', '31', '50']);

function centreNameEn(region: RegionSeed): string {
  if (region.level !== RegionLevel.PROVINCE) return `${region.nameEn} SME Service Center`;
  const province = region.code.slice(0, 2);
  if (MUNICIPALITIES.has(province)) return `${region.nameEn} Municipal SME Service Center`;
  if (region.name.endsWith('省')) return `${region.nameEn} Provincial SME Service Center`;
  return `${region.nameEn} SME Service Center`;
}

function publicCentre(region: RegionSeed, parentCode: string, place: string): InstitutionRow {
  const code = publicCode(region.code);
  const capital =
    region.level === RegionLevel.PROVINCE
      ? PROVINCIAL_CAPITALS[region.code.slice(0, 2)]
      : undefined;
  const slug = region.nameEn.toLowerCase().replace(/[^a-z]/g, '');
  return {
    code,
    name: `${region.name}中小企业服务中心`,
    nameEn: centreNameEn(region),
    tier: TIER_OF_REGION_LEVEL[region.level],
    kind: InstitutionKind.PUBLIC,
    regionCode: region.code,
    parentCode,
    phone: capital ? landline(capital.areaCode, code) : hotline(code),
    email: capital ? `service@${slug}sme.org.cn` : `service@sme${region.code}.org.cn`,
    website: capital
      ? `https://www.${slug}sme.org.cn`
      : region.level === RegionLevel.PREFECTURE
        ? `https://www.sme${region.code}.org.cn`
        : null,
    address: streetAddress(place, code),
    latitude: capital?.latitude ?? null,
    longitude: capital?.longitude ?? null,
  };
}

function marketAgency(
  region: RegionSeed,
  category: CategorySeed,
  ordinal: number,
  parentCode: string,
  place: string,
): InstitutionRow {
  const code = `M-${region.code}-${String(ordinal).padStart(2, '0')}`;
  const placeEn = region.nameEn.replace(/ (District|County|Banner)$/, '');
  return {
    code,
    name: `${region.name}${category.agency.name}`,
    nameEn: `${placeEn} ${category.agency.nameEn}`,
    tier: TIER_OF_REGION_LEVEL[region.level],
    kind: InstitutionKind.MARKET,
    regionCode: region.code,
    parentCode,
    phone: hotline(code),
    email: `contact@m${region.code}${ordinal}.com.cn`,
    website: null,
    address: streetAddress(place, code),
    latitude: null,
    longitude: null,
  };
}

function categoryRows(): CategoryRow[] {
  return TAXONOMY.flatMap((category, position) => [
    {
      code: category.code,
      name: category.name,
      nameEn: category.nameEn,
      parentCode: null,
      position,
    },
    ...category.subCategories.map((subCategory, subPosition) => ({
      code: subCategory.code,
      name: subCategory.name,
      nameEn: subCategory.nameEn,
      parentCode: category.code,
      position: subPosition,
    })),
  ]);
}

const ALL_SUB_CATEGORIES = TAXONOMY.flatMap((category) => category.subCategories);

/** Which sub-categories an institution offers services in; an agency keeps to its speciality. */
function offeredSubCategories(
  institution: InstitutionRow,
  speciality: CategorySeed | undefined,
): SubCategorySeed[] {
  const key = `offer:${institution.code}`;
  if (speciality)
    return sample(key, speciality.subCategories, between(key, 2, speciality.subCategories.length));
  switch (institution.tier) {
    case InstitutionTier.NATIONAL:
      return ALL_SUB_CATEGORIES;
    case InstitutionTier.PROVINCIAL: {
      // Every top category, plus a few more sub-categories.
      const onePerCategory = TAXONOMY.map((category) =>
        pick(`${key}:${category.code}`, category.subCategories),
      );
      const extra = sample(
        key,
        ALL_SUB_CATEGORIES.filter((s) => !onePerCategory.includes(s)),
        4,
      );
      return [...onePerCategory, ...extra];
    }
    case InstitutionTier.MUNICIPAL:
      return sample(key, ALL_SUB_CATEGORIES, 8);
    case InstitutionTier.COUNTY:
      return sample(key, ALL_SUB_CATEGORIES, between(key, 3, 6));
  }
}

const SCALE_OPTIONS: (readonly [EnterpriseScale[], number])[] = [
  [[], 50],
  [[EnterpriseScale.MICRO, EnterpriseScale.SMALL], 25],
  [[EnterpriseScale.SMALL, EnterpriseScale.MEDIUM], 15],
  [[EnterpriseScale.MEDIUM], 10],
];

function servicesOf(
  institution: InstitutionRow,
  subCategories: SubCategorySeed[],
  regionByCode: Map<string, RegionSeed>,
): ServiceRow[] {
  const place = institution.regionCode ? regionByCode.get(institution.regionCode)!.name : '全国';
  const isPublic = institution.kind === InstitutionKind.PUBLIC;
  return subCategories.map((subCategory, index) => {
    const code = `${institution.code}-S${String(index + 1).padStart(2, '0')}`;
    const template = pick(`template:${code}`, subCategory.services);
    return {
      code,
      name: template.name,
      nameEn: template.nameEn,
      description: `面向${place}中小企业的${subCategory.name}服务：${template.name}。`,
      institutionCode: institution.code,
      categoryCode: subCategory.code,
      deliveryMode: weighted(`delivery:${code}`, [
        [DeliveryMode.ONLINE, 35],
        [DeliveryMode.ONSITE, 35],
        [DeliveryMode.HYBRID, 30],
      ]),
      fee: weighted(
        `fee:${code}`,
        isPublic
          ? [
              [FeeType.FREE, 60],
              [FeeType.SUBSIDIZED, 30],
              [FeeType.PAID, 10],
            ]
          : [
              [FeeType.FREE, 5],
              [FeeType.SUBSIDIZED, 35],
              [FeeType.PAID, 60],
            ],
      ),
      eligibleScales: weighted(`scales:${code}`, SCALE_OPTIONS),
      minSpecialization: weighted(`specialization:${code}`, [
        [SpecializationLevel.NONE, 75],
        [SpecializationLevel.SPECIALIZED, 17],
        [SpecializationLevel.LITTLE_GIANT, 8],
      ]),
      active: chance(`active:${code}`) >= 0.03,
    };
  });
}
