// The seeded enterprises: in each province with centres of the network, a fixed number of micro,
// small and medium enterprises in the places those centres serve, with well-formed Unified Social
// Credit Codes, some of them in the specialized-and-sophisticated programme. The calendar draws
// its registrants from them, the referral history its clients. Pure and deterministic.
import { InstitutionKind } from '../institutions/institution-enums';
import { creditCodeCheckCharacter } from '../referrals/credit-code';
import { RegionLevel } from '../regions/region-level';
import { EnterpriseScale, SpecializationLevel } from '../services/eligibility';
import { chance, pick, weighted } from './deterministic';
import type { RegionSeed } from './divisions';
import type { InstitutionRow } from './network-plan';

export interface EnterpriseSeed {
  creditCode: string;
  name: string;
  scale: EnterpriseScale;
  specialization: SpecializationLevel;
  regionCode: string;
}

const TRADE_NAMES = [
  '华信',
  '鼎盛',
  '恒通',
  '瑞丰',
  '金桥',
  '博远',
  '天成',
  '宏达',
  '嘉禾',
  '创新',
  '永泰',
  '聚能',
  '智航',
  '新元',
  '卓越',
  '联创',
  '汇德',
  '东方',
  '锦程',
  '中科',
  '海纳',
  '盛世',
  '立信',
  '精工',
  '明远',
  '启航',
  '同创',
  '富源',
  '远景',
  '信达',
] as const;
const TRADES = [
  ['精密模具', 'Precision Moulds'],
  ['电子科技', 'Electronics'],
  ['新材料', 'New Materials'],
  ['智能装备', 'Smart Equipment'],
  ['生物医药', 'Biopharma'],
  ['软件技术', 'Software'],
  ['食品', 'Foods'],
  ['纺织服饰', 'Textiles'],
] as const;

/** Enterprises registered per province, enough for its largest events and their waitlists. */
const ENTERPRISES_PER_PROVINCE = 160;

/** GB 11714-1997 check character of an 8-character organisation code body (digits here). */
function organisationCheck(body: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((total, digit, i) => total + Number(digit) * weights[i], 0);
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/**
 * A Unified Social Credit Code (GB 32100-2015) of a company (91) registered in `regionCode` whose
 * organisation code body is the 8 digits `body`; both check characters are right.
 */
export function companyCreditCode(regionCode: string, body: string): string {
  const first17 = `91${regionCode}${body}${organisationCheck(body)}`;
  return first17 + creditCodeCheckCharacter(first17);
}

/** A company's credit code in `regionCode`, its organisation code derived from `key`. */
function creditCode(regionCode: string, key: string): string {
  return companyCreditCode(
    regionCode,
    String(Math.floor(chance(`credit:${key}`) * 1e8)).padStart(8, '0'),
  );
}

/**
 * Each province's enterprises (two-digit code → list), in regions that have a centre of the
 * network; `perProvince` of them, their credit codes keyed by `keyPrefix` (the calendar's and the
 * referral history's enterprises are drawn apart).
 */
export function enterprisesByProvince(
  regions: ReadonlyMap<string, RegionSeed>,
  institutions: readonly InstitutionRow[],
  perProvince = ENTERPRISES_PER_PROVINCE,
  keyPrefix = 'enterprise',
): Map<string, EnterpriseSeed[]> {
  const byProvince = new Map<string, EnterpriseSeed[]>();
  const used = new Set<string>();
  const served = [
    ...new Set(
      institutions
        .filter((row) => row.kind === InstitutionKind.PUBLIC && row.regionCode)
        .map((row) => row.regionCode!),
    ),
  ].sort();
  for (const province of [...regions.values()].filter((r) => r.level === RegionLevel.PROVINCE)) {
    const prefix = province.code.slice(0, 2);
    const local = served.filter((code) => code.startsWith(prefix) && code !== province.code);
    const places = local.length ? local : [province.code];
    const list: EnterpriseSeed[] = [];
    for (let n = 0; n < perProvince; n++) {
      const key = `${keyPrefix}:${province.code}:${n}`;
      const regionCode = pick(`${key}:region`, places);
      const region = regions.get(regionCode)!;
      const city =
        region.level === RegionLevel.COUNTY && region.parentCode
          ? regions.get(region.parentCode)!.name
          : region.name;
      let code = creditCode(regionCode, key);
      for (let retry = 1; used.has(code); retry++) code = creditCode(regionCode, `${key}#${retry}`);
      used.add(code);
      list.push({
        creditCode: code,
        name: `${city}${TRADE_NAMES[n % TRADE_NAMES.length]}${TRADES[Math.floor(n / TRADE_NAMES.length) % TRADES.length][0]}有限公司`,
        scale: weighted(`${key}:scale`, [
          [EnterpriseScale.MICRO, 35],
          [EnterpriseScale.SMALL, 45],
          [EnterpriseScale.MEDIUM, 20],
        ]),
        specialization: weighted(`${key}:specialization`, [
          [SpecializationLevel.NONE, 72],
          [SpecializationLevel.SPECIALIZED, 22],
          [SpecializationLevel.LITTLE_GIANT, 6],
        ]),
        regionCode,
      });
    }
    byProvince.set(prefix, list);
  }
  return byProvince;
}
