// The seeded registry, at the published scale and GENERATED (like the network; see README and
// docs/network.md): about 140,000 enterprises holding a live 专精特新 designation (more in 广东,
// 浙江, 江苏, 山东), 12,000 of them little giants, 55,000 innovative SMEs, in yearly batches laid
// out around the seed's day so that some are under review today, some expired, a few revoked; 300
// national characteristic clusters in three yearly batches plus five provincial ones per province,
// over real county-level divisions, with enterprises in them. Names, credit codes (check
// characters right), places and industries (real GB/T 4754-2017 classes) are made up. Pure and
// deterministic: the same divisions, day and scale always give the same plan.
import { allIndustries, type Industry } from '../cultivation/industry-classification';
import { ClusterLevel, DesignationKind, DesignationStatus } from '../cultivation/designation-enums';
import { RegionLevel } from '../regions/region-level';
import { EnterpriseScale } from '../services/eligibility';
import { chance, seededRandom } from './deterministic';
import type { RegionSeed } from './divisions';
import { companyCreditCode } from './enterprise-plan';

/** Enterprises at scale 1: with a 专精特新 designation (any status), and innovative only. */
export const SPECIALIZED_ENTERPRISES = 160_000;
export const INNOVATIVE_ENTERPRISES = 62_000;
/** Share of live specialized SMEs that are little giants (12,000 of 140,000). */
const LITTLE_GIANT_SHARE = 0.086;
const REVOKED_SHARE = 0.004;
/** Share of enterprises placed in a cluster of their province, with its industry. */
const IN_CLUSTER_SHARE = 0.3;
export const NATIONAL_CLUSTERS_PER_BATCH = 100;
export const PROVINCIAL_CLUSTERS_PER_PROVINCE = 5;
/** Designations and cluster recognitions are valid three years. */
export const VALIDITY_YEARS = 3;

/** Rough shares of the 专精特新 SMEs by province (MIIT's lists, 2024: the four coastal provinces lead). */
const PROVINCE_WEIGHTS: Record<string, number> = {
  '44': 16, '33': 14, '32': 13, '37': 10, '34': 5, '42': 4, '43': 4, '51': 4, '41': 4, '35': 4,
  '31': 4, '11': 4, '13': 3, '50': 3, '12': 2, '21': 2, '36': 2, '61': 2, '45': 1.5, '14': 1,
  '22': 1, '23': 1, '52': 1, '53': 1, '15': 0.7, '46': 0.4, '62': 0.6, '63': 0.3, '64': 0.4,
  '65': 0.6, '54': 0.2,
}; // prettier-ignore

/** Leading industries of characteristic clusters, with their GB/T 4754-2017 prefixes. */
export const CLUSTER_INDUSTRIES: readonly { industry: string; codes: readonly string[] }[] = [
  { industry: '汽车零部件', codes: ['C367'] },
  { industry: '电子元器件', codes: ['C397', 'C398'] },
  { industry: '智能家电', codes: ['C385'] },
  { industry: '新能源电池', codes: ['C384'] },
  { industry: '纺织服装', codes: ['C17', 'C18'] },
  { industry: '五金制品', codes: ['C33'] },
  { industry: '通用机械', codes: ['C34'] },
  { industry: '专用装备', codes: ['C35'] },
  { industry: '生物医药', codes: ['C27'] },
  { industry: '精细化工', codes: ['C26'] },
  { industry: '塑料制品', codes: ['C292'] },
  { industry: '新型建材', codes: ['C30'] },
  { industry: '有色金属材料', codes: ['C325'] },
  { industry: '输配电装备', codes: ['C382'] },
  { industry: '仪器仪表', codes: ['C40'] },
  { industry: '家具制造', codes: ['C21'] },
  { industry: '食品加工', codes: ['C13', 'C14'] },
  { industry: '工艺美术', codes: ['C243'] },
  { industry: '通信设备', codes: ['C392'] },
  { industry: '工业软件', codes: ['I65'] },
];

export interface ClusterSeed {
  code: string;
  name: string;
  level: ClusterLevel;
  industry: string;
  industryCodes: readonly string[];
  batch: string;
  validFrom: string;
  validUntil: string;
  status: DesignationStatus;
  regionCodes: string[];
}

export interface RegistryEnterpriseSeed {
  creditCode: string;
  name: string;
  scale: EnterpriseScale;
  regionCode: string;
  industryCode: string;
}

export interface DesignationSeed {
  creditCode: string;
  kind: DesignationKind;
  /** The granting province; null for LITTLE_GIANT. */
  grantedByCode: string | null;
  batch: string;
  validFrom: string;
  validUntil: string;
  status: DesignationStatus;
  /** The day it was revoked, for REVOKED ones. */
  revokedOn: string | null;
}

export interface RegistryPlan {
  clusters: ClusterSeed[];
  enterprises: RegistryEnterpriseSeed[];
  designations: DesignationSeed[];
}

// --- days ------------------------------------------------------------------------------------

const day = (date: Date) => date.toISOString().slice(0, 10);
const parse = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** `iso` moved back `years` and `days`; never a 29 February, so that "three years on" is one day. */
function before(iso: string, years: number, days: number): string {
  const date = parse(iso);
  date.setUTCFullYear(date.getUTCFullYear() - years);
  date.setUTCDate(date.getUTCDate() - days);
  if (date.getUTCMonth() === 1 && date.getUTCDate() === 29) date.setUTCDate(28);
  return day(date);
}

/** The same calendar day `VALIDITY_YEARS` on (valid through it). */
export function validUntilOf(validFrom: string): string {
  const date = parse(validFrom);
  date.setUTCFullYear(date.getUTCFullYear() + VALIDITY_YEARS);
  return day(date);
}

/** The day halfway between two days. */
function midway(from: string, to: string): string {
  return day(new Date((parse(from).getTime() + parse(to).getTime()) / 2));
}

/** A batch's label: its year and half, e.g. "2024-1". */
const batchOf = (validFrom: string) =>
  `${validFrom.slice(0, 4)}-${Number(validFrom.slice(5, 7)) <= 6 ? 1 : 2}`;

/**
 * The yearly batches around the seed's day, newest first, as (years, days) back: three live
 * ones; one whose review is open (validUntil 65 days ahead); one not renewed (expired 100 days
 * ago). Their shares of a kind's enterprises follow.
 */
const COHORTS = [
  { back: [0, 30], share: 0.22 },
  { back: [1, 30], share: 0.24 },
  { back: [2, 30], share: 0.22 },
  { back: [2, 300], share: 0.2 },
  { back: [3, 100], share: 0.12 },
] as const;

interface Cohort {
  index: number;
  batch: string;
  validFrom: string;
  validUntil: string;
  status: DesignationStatus;
}

function cohortsAround(seededOn: string): Cohort[] {
  return COHORTS.map(({ back: [years, days] }, index) => {
    const validFrom = before(seededOn, years, days);
    const validUntil = validUntilOf(validFrom);
    const status =
      validUntil < seededOn
        ? DesignationStatus.EXPIRED
        : before(validUntil, 0, 90) <= seededOn
          ? DesignationStatus.UNDER_REVIEW
          : DesignationStatus.ACTIVE;
    return { index, batch: batchOf(validFrom), validFrom, validUntil, status };
  });
}

function cohortFor(random: () => number, cohorts: Cohort[]): Cohort {
  let roll = random();
  for (const cohort of cohorts) {
    roll -= COHORTS[cohort.index].share;
    if (roll < 0) return cohort;
  }
  return cohorts[cohorts.length - 1];
}

// --- places and industries -------------------------------------------------------------------

const CLASSES = allIndustries().filter((industry) => industry.level === 'class');
const CLASS_NAMES = new Map(CLASSES.map((industry) => [industry.code, industry.name]));
const UNDER = new Map<string, Industry[]>();
function classesUnder(prefix: string): Industry[] {
  let classes = UNDER.get(prefix);
  if (!classes) UNDER.set(prefix, (classes = CLASSES.filter((c) => c.code.startsWith(prefix))));
  return classes;
}
const MANUFACTURING = classesUnder('C');
const SERVICES = [...classesUnder('I65'), ...classesUnder('M73'), ...classesUnder('M75')];

/** Most of the programme is manufacturing (MIIT: over 80 %); software and R&D services follow. */
function industryFor(random: () => number, prefixes?: readonly string[]): string {
  const pool = prefixes
    ? classesUnder(prefixes[Math.floor(random() * prefixes.length)])
    : random() < 0.86
      ? MANUFACTURING
      : SERVICES;
  return pool[Math.floor(random() * pool.length)].code;
}

const BRAND_CHARACTERS = [
  ...'华信鼎盛恒通瑞丰金桥博远天成宏达嘉禾永泰聚能智航新元卓越联创汇德锦程海纳立明启同富',
];

/** 企业 name: place, a two-character brand, the industry's words, 有限公司. */
function enterpriseName(place: string, industryName: string, random: () => number): string {
  const brand = () => BRAND_CHARACTERS[Math.floor(random() * BRAND_CHARACTERS.length)];
  const trade = industryName
    .replace(/^其他/, '')
    .replace(/(制造|加工|业)$/, '')
    .slice(0, 10);
  return `${place}${brand()}${brand()}${trade}有限公司`;
}

// --- the plan --------------------------------------------------------------------------------

interface ProvinceGeography {
  province: RegionSeed;
  /** County-level divisions; urban districts listed thrice (industry gathers there). */
  places: RegionSeed[];
}

function geography(regions: readonly RegionSeed[]): ProvinceGeography[] {
  return regions
    .filter((region) => region.level === RegionLevel.PROVINCE)
    .map((province) => {
      const prefix = province.code.slice(0, 2);
      const counties = regions.filter(
        (region) => region.level === RegionLevel.COUNTY && region.code.startsWith(prefix),
      );
      return {
        province,
        places: counties.flatMap((county) =>
          county.name.endsWith('区') ? [county, county, county] : [county],
        ),
      };
    });
}

const WEIGHT_SUM = Object.values(PROVINCE_WEIGHTS).reduce((sum, weight) => sum + weight, 0);

/**
 * How `total` items (for the whole country) fall to the provinces by weight, at least one each;
 * a plan of a few provinces gets their shares only.
 */
function apportion(total: number, provinces: readonly ProvinceGeography[]): Map<string, number> {
  const weightOf = (p: ProvinceGeography) => PROVINCE_WEIGHTS[p.province.code.slice(0, 2)] ?? 0.2;
  const sum = WEIGHT_SUM;
  return new Map(
    provinces.map((p) => [p.province.code, Math.max(1, Math.round((total * weightOf(p)) / sum))]),
  );
}

function planClusters(
  provinces: readonly ProvinceGeography[],
  byCode: ReadonlyMap<string, RegionSeed>,
  seededOn: string,
): ClusterSeed[] {
  const clusters: ClusterSeed[] = [];
  const add = (
    code: string,
    level: ClusterLevel,
    geo: ProvinceGeography,
    yearsBack: number,
  ): void => {
    const random = seededRandom(Math.floor(chance(`cluster:${code}`) * 2 ** 32));
    const { industry, codes } =
      CLUSTER_INDUSTRIES[Math.floor(random() * CLUSTER_INDUSTRIES.length)];
    const seat = geo.places[Math.floor(random() * geo.places.length)];
    const siblings = geo.places.filter(
      (place) => place.parentCode === seat.parentCode && place.code !== seat.code,
    );
    const regionCodes = [seat.code];
    // Two in five span a neighbouring division or two of the same prefecture.
    if (random() < 0.4)
      for (let n = 1 + Math.floor(random() * 2); n > 0 && siblings.length; n--) {
        const next = siblings[Math.floor(random() * siblings.length)].code;
        if (!regionCodes.includes(next)) regionCodes.push(next);
      }
    // 佛山市顺德区智能家电产业集群; spanning several divisions, the prefecture's name alone.
    const parent = seat.parentCode ? byCode.get(seat.parentCode)! : geo.province;
    const place = regionCodes.length > 1 ? parent.name : `${parent.name}${seat.name}`;
    const validFrom = before(seededOn, yearsBack, 45);
    const validUntil = validUntilOf(validFrom);
    clusters.push({
      code,
      name: `${place}${industry}产业集群`,
      level,
      industry,
      industryCodes: codes,
      batch: batchOf(validFrom),
      validFrom,
      validUntil,
      status: validUntil < seededOn ? DesignationStatus.EXPIRED : DesignationStatus.ACTIVE,
      regionCodes,
    });
  };

  // National: three yearly batches of 100, spread over the provinces by weight.
  const perProvince = apportion(NATIONAL_CLUSTERS_PER_BATCH, provinces);
  for (let yearsBack = 2; yearsBack >= 0; yearsBack--) {
    const year = Number(before(seededOn, yearsBack, 45).slice(0, 4));
    let n = 0;
    for (const geo of provinces) {
      const count = perProvince.get(geo.province.code)!;
      for (let i = 0; i < count && n < NATIONAL_CLUSTERS_PER_BATCH; i++)
        add(`NC-${year}-${String(++n).padStart(3, '0')}`, ClusterLevel.NATIONAL, geo, yearsBack);
    }
  }
  // Provincial: five per province, one of them from a batch whose recognition has lapsed.
  for (const geo of provinces) {
    for (let i = 0; i < PROVINCIAL_CLUSTERS_PER_PROVINCE; i++) {
      const yearsBack = i === PROVINCIAL_CLUSTERS_PER_PROVINCE - 1 ? 3 : i % 3;
      add(`PC-${geo.province.code.slice(0, 2)}-${i + 1}`, ClusterLevel.PROVINCIAL, geo, yearsBack);
    }
  }
  return clusters;
}

/**
 * The registry's clusters, enterprises and designations for the divisions, laid out around
 * `seededOn` (YYYY-MM-DD); `scale` multiplies the number of enterprises (1: the published scale;
 * the tests seed a small share, see README "Tests").
 */
export function planRegistry(
  regions: readonly RegionSeed[],
  seededOn: string,
  scale = 1,
): RegistryPlan {
  const byCode = new Map(regions.map((region) => [region.code, region]));
  const provinces = geography(regions).filter((geo) => geo.places.length > 0);
  const clusters = planClusters(provinces, byCode, seededOn);
  const cohorts = cohortsAround(seededOn);
  const enterprises: RegistryEnterpriseSeed[] = [];
  const designations: DesignationSeed[] = [];
  const specialized = apportion(Math.round(SPECIALIZED_ENTERPRISES * scale), provinces);
  const innovative = apportion(Math.round(INNOVATIVE_ENTERPRISES * scale), provinces);

  for (const geo of provinces) {
    const provinceCode = geo.province.code;
    const random = seededRandom(Math.floor(chance(`registry:${provinceCode}`) * 2 ** 32));
    const local = clusters.filter((c) => c.regionCodes[0].startsWith(provinceCode.slice(0, 2)));
    const total = specialized.get(provinceCode)! + innovative.get(provinceCode)!;
    for (let n = 0; n < total; n++) {
      const isSpecialized = n < specialized.get(provinceCode)!;
      const cluster =
        random() < IN_CLUSTER_SHARE ? local[Math.floor(random() * local.length)] : null;
      const region = cluster
        ? byCode.get(cluster.regionCodes[Math.floor(random() * cluster.regionCodes.length)])!
        : geo.places[Math.floor(random() * geo.places.length)];
      const industryCode = industryFor(random, cluster?.industryCodes);
      const city = region.parentCode ? byCode.get(region.parentCode)! : geo.province;
      // Organisation code bodies run through a bijection of 0…10^8 − 1 (the multiplier is
      // prime to 10^8), so every generated code is distinct.
      const body = String((enterprises.length * 73_856_093 + 19_349_663) % 100_000_000).padStart(
        8,
        '0',
      );
      const creditCode = companyCreditCode(region.code, body);
      const scaleRoll = random();
      enterprises.push({
        creditCode,
        name: enterpriseName(city.name, CLASS_NAMES.get(industryCode)!, random),
        scale: isSpecialized
          ? scaleRoll < 0.1
            ? EnterpriseScale.MICRO
            : scaleRoll < 0.58
              ? EnterpriseScale.SMALL
              : EnterpriseScale.MEDIUM
          : scaleRoll < 0.3
            ? EnterpriseScale.MICRO
            : scaleRoll < 0.8
              ? EnterpriseScale.SMALL
              : EnterpriseScale.MEDIUM,
        regionCode: region.code,
        industryCode,
      });
      const cohort = cohortFor(random, cohorts);
      const live = cohort.status !== DesignationStatus.EXPIRED;
      const revoked = live && cohort.index > 0 && random() < REVOKED_SHARE;
      designations.push({
        creditCode,
        kind: isSpecialized ? DesignationKind.SPECIALIZED_SME : DesignationKind.INNOVATIVE_SME,
        grantedByCode: provinceCode,
        batch: cohort.batch,
        validFrom: cohort.validFrom,
        validUntil: cohort.validUntil,
        status: revoked ? DesignationStatus.REVOKED : cohort.status,
        revokedOn: revoked ? midway(cohort.validFrom, seededOn) : null,
      });
      // A little giant is granted to a specialized SME holding its designation on validFrom:
      // in the same batch year or a later one.
      if (isSpecialized && live && !revoked && random() < LITTLE_GIANT_SHARE) {
        const later = cohorts.filter(
          (c) => c.status !== DesignationStatus.EXPIRED && c.validFrom >= cohort.validFrom,
        );
        const giant = later[Math.floor(random() * later.length)];
        designations.push({
          creditCode,
          kind: DesignationKind.LITTLE_GIANT,
          grantedByCode: null,
          batch: giant.batch,
          validFrom: giant.validFrom,
          validUntil: giant.validUntil,
          status: giant.status,
          revokedOn: null,
        });
      }
    }
  }
  return { clusters, enterprises, designations };
}
