// The seeded events: the national centre's "百场万企" (100 events for 10,000 enterprises) large–small
// enterprise matchmaking tour and equity roadshows, provincial matchmaking sessions and policy
// briefings, municipal bank–enterprise financing sessions (银企对接会), county trainings and
// briefings, and each centre's own series over the year before the seed — as drafts that say how
// many register and whether the event is called off; registration-plan.ts settles them.
import { EventKind } from '../events/event-enums';
import { InstitutionKind, InstitutionTier } from '../institutions/institution-enums';
import { RegionLevel } from '../regions/region-level';
import { EnterpriseScale, SpecializationLevel } from '../services/eligibility';
import { DeliveryMode } from '../services/service-enums';
import { activityOf } from './activity';
import { DAY, HOUR, beijing } from './beijing-time';
import { between, chance, draw, pick, weighted } from './deterministic';
import type { RegionSeed } from './divisions';
import type { InstitutionRow } from './network-plan';

export interface EventSeed {
  code: string;
  title: string;
  titleEn: string;
  kind: EventKind;
  organizerCode: string;
  regionCode: string;
  categoryCode: string;
  deliveryMode: DeliveryMode;
  venue: string | null;
  startsAt: Date;
  endsAt: Date;
  registrationClosesAt: Date;
  capacity: number;
  confirmedCount: number;
  waitlistCount: number;
  eligibleScales: EnterpriseScale[];
  minSpecialization: SpecializationLevel;
  counterparts: string[];
  cancelledAt: Date | null;
  createdAt: Date;
}

/** Large enterprises that take part in the national "百场万企" tour. */
const LARGE_ENTERPRISES = [
  '中国中车股份有限公司',
  '国家电网有限公司',
  '中国石油化工集团有限公司',
  '华为技术有限公司',
  '比亚迪股份有限公司',
  '宁德时代新能源科技股份有限公司',
  '中国宝武钢铁集团有限公司',
  '海尔集团公司',
  '美的集团股份有限公司',
  '中国电子信息产业集团有限公司',
  '徐工集团工程机械股份有限公司',
  '三一重工股份有限公司',
];
const FUNDS = [
  '国家中小企业发展基金',
  '国家制造业转型升级基金',
  '深圳证券交易所创业企业培训中心',
  '北京证券交易所',
];
const BANKS = ['中国工商银行', '中国建设银行', '中国农业银行', '中国银行', '交通银行', '邮储银行'];

/** The national tour visits these provinces first (where the plan has them). */
const TOUR = ['440000', '320000', '330000', '370000', '510000', '420000'];

/** An event as planned, before its registrations are settled. */
export interface EventDraft {
  event: Omit<EventSeed, 'confirmedCount' | 'waitlistCount' | 'cancelledAt' | 'createdAt'>;
  /** Whose enterprises come: a province's (two digits), or every province's. */
  from: string | 'ALL';
  /** Share of the capacity that registers (above 1: a waitlist). */
  demand: number;
  cancelled: boolean;
}

function schedule(day: string, offset: number, startHour: number, hours: number) {
  const startsAt = beijing(day, offset, startHour);
  return {
    startsAt,
    endsAt: new Date(startsAt.getTime() + hours * HOUR),
    // Registration closes the evening before.
    registrationClosesAt: beijing(day, offset - 1, 18),
  };
}

/** How many of the capacity register: mostly well filled, some full, some with a waitlist. */
function demandFor(key: string, past: boolean): number {
  return weighted(`demand:${key}`, [
    [0.4 + chance(`fill:${key}`) * 0.5, past ? 40 : 45],
    [1, 25],
    [1.1 + chance(`queue:${key}`) * 0.2, past ? 35 : 30],
  ]);
}

function nationalEvents(
  day: string,
  centre: InstitutionRow,
  provinces: RegionSeed[],
): EventDraft[] {
  const stops = [
    ...TOUR.filter((code) => provinces.some((p) => p.code === code)),
    ...provinces.map((p) => p.code).filter((code) => !TOUR.includes(code)),
  ].slice(0, 6);
  const offsets = [-150, -90, -30, 12, 40, 75];
  const drafts: EventDraft[] = stops.map((regionCode, index) => {
    const province = provinces.find((p) => p.code === regionCode)!;
    const code = `EV-000000-${String(index + 1).padStart(2, '0')}`;
    const past = offsets[index] < 0;
    return {
      event: {
        code,
        title: `“百场万企”大中小企业融通对接活动（${province.name}站）`,
        titleEn: `"100 Events for 10,000 Enterprises" large–small enterprise matchmaking (${province.nameEn})`,
        kind: EventKind.SUPPLY_DEMAND_MATCHMAKING,
        organizerCode: centre.code,
        regionCode,
        categoryCode: 'MAT-CHAIN',
        deliveryMode: DeliveryMode.HYBRID,
        venue: `${province.name}国际会展中心`,
        ...schedule(day, offsets[index], 9, 8),
        capacity: 200,
        eligibleScales: [],
        minSpecialization: SpecializationLevel.NONE,
        counterparts: draw(`counterparts:${code}`, LARGE_ENTERPRISES, 4),
      },
      from: 'ALL',
      demand: demandFor(code, past),
      cancelled: false,
    };
  });
  const capital = provinces.find((p) => p.code === '110000') ?? provinces[0];
  [-45, 20].forEach((offset, index) => {
    const code = `EV-000000-${String(stops.length + index + 1).padStart(2, '0')}`;
    drafts.push({
      event: {
        code,
        title: '专精特新中小企业股权融资线上路演',
        titleEn: 'Online equity roadshow for specialized and sophisticated SMEs',
        kind: EventKind.FINANCING_MATCHMAKING,
        organizerCode: centre.code,
        regionCode: capital.code,
        categoryCode: 'FIN-EQTY',
        deliveryMode: DeliveryMode.ONLINE,
        venue: null,
        ...schedule(day, offset, 14, 3),
        capacity: 120,
        eligibleScales: [],
        minSpecialization: SpecializationLevel.SPECIALIZED,
        counterparts: draw(`counterparts:${code}`, FUNDS, 3),
      },
      from: 'ALL',
      demand: demandFor(code, offset < 0),
      cancelled: false,
    });
  });
  return drafts;
}

function provincialEvents(day: string, centre: InstitutionRow, province: RegionSeed): EventDraft[] {
  const prefix = province.code.slice(0, 2);
  const sessionCode = `EV-${province.code}-01`;
  const sessionOffset = between(`offset:${sessionCode}`, -100, 60);
  const drafts: EventDraft[] = [
    {
      event: {
        code: sessionCode,
        title: `${province.name}“百场万企”大中小企业融通对接会`,
        titleEn: `${province.nameEn} large–small enterprise matchmaking session`,
        kind: EventKind.SUPPLY_DEMAND_MATCHMAKING,
        organizerCode: centre.code,
        regionCode: province.code,
        categoryCode: 'MAT-CHAIN',
        deliveryMode: DeliveryMode.ONSITE,
        venue: `${province.name}中小企业服务中心一楼报告厅`,
        ...schedule(day, sessionOffset, 9, 7),
        capacity: between(`capacity:${sessionCode}`, 6, 10) * 10,
        eligibleScales: [],
        minSpecialization: SpecializationLevel.NONE,
        counterparts: draw(`counterparts:${sessionCode}`, LARGE_ENTERPRISES, 3),
      },
      from: prefix,
      demand: demandFor(sessionCode, sessionOffset < 0),
      cancelled: false,
    },
  ];
  if (chance(`briefing:${province.code}`) < 0.5) {
    const code = `EV-${province.code}-02`;
    const offset = between(`offset:${code}`, -20, 45);
    drafts.push({
      event: {
        code,
        title: `${province.name}中小企业惠企政策线上宣讲会`,
        titleEn: `${province.nameEn} online briefing on SME support policies`,
        kind: EventKind.POLICY_BRIEFING,
        organizerCode: centre.code,
        regionCode: province.code,
        categoryCode: 'POL-INFO',
        deliveryMode: DeliveryMode.ONLINE,
        venue: null,
        ...schedule(day, offset, 15, 2),
        capacity: between(`capacity:${code}`, 8, 12) * 10,
        eligibleScales: [],
        minSpecialization: SpecializationLevel.NONE,
        counterparts: [],
      },
      from: prefix,
      demand: demandFor(code, offset < 0),
      cancelled: false,
    });
  }
  return drafts;
}

function municipalEvent(day: string, centre: InstitutionRow, city: RegionSeed): EventDraft {
  const code = `EV-${city.code}-01`;
  const offset = between(`offset:${code}`, -60, 45);
  const banks = draw(`banks:${code}`, BANKS, 3).map((bank) => `${bank}${city.name}分行`);
  const smallOnly = chance(`small-only:${code}`) < 0.35;
  return {
    event: {
      code,
      title: `${city.name}银企对接会`,
      titleEn: `${city.nameEn} bank–enterprise financing matchmaking`,
      kind: EventKind.FINANCING_MATCHMAKING,
      organizerCode: centre.code,
      regionCode: city.code,
      categoryCode: 'FIN-LOAN',
      deliveryMode: DeliveryMode.ONSITE,
      venue: `${city.name}中小企业服务中心会议室`,
      ...schedule(day, offset, 14, 3),
      capacity: between(`capacity:${code}`, 3, 6) * 5,
      eligibleScales: smallOnly ? [EnterpriseScale.MICRO, EnterpriseScale.SMALL] : [],
      minSpecialization: SpecializationLevel.NONE,
      counterparts: [...banks, `${city.name}融资担保有限公司`],
    },
    from: city.code.slice(0, 2),
    demand: demandFor(code, offset < 0),
    // One in thirty upcoming sessions is called off.
    cancelled: offset > 3 && chance(`cancelled:${code}`) < 1 / 30,
  };
}

const COUNTY_EVENTS = [
  {
    kind: EventKind.TRAINING,
    categoryCode: 'DIG-DIAG',
    title: '中小企业数字化转型培训班',
    titleEn: 'Digital transformation training for SMEs',
  },
  {
    kind: EventKind.TRAINING,
    categoryCode: 'TAL-MGR',
    title: '中小企业经营管理人才培训',
    titleEn: 'Management training for SME executives',
  },
  {
    kind: EventKind.POLICY_BRIEFING,
    categoryCode: 'POL-TAX',
    title: '小微企业税费优惠政策宣讲会',
    titleEn: 'Briefing on tax relief for micro and small enterprises',
  },
] as const;

/** Share of county centres with an event in the calendar. */
const COUNTY_EVENT_SHARE = 0.08;

function countyEvent(day: string, centre: InstitutionRow, county: RegionSeed): EventDraft | null {
  const code = `EV-${county.code}-01`;
  if (chance(`county-event:${code}`) >= COUNTY_EVENT_SHARE) return null;
  const template = pick(`template:${code}`, COUNTY_EVENTS);
  const offset = between(`offset:${code}`, -40, 40);
  return {
    event: {
      code,
      title: `${county.name}${template.title}`,
      titleEn: `${county.nameEn}: ${template.titleEn}`,
      kind: template.kind,
      organizerCode: centre.code,
      regionCode: county.code,
      categoryCode: template.categoryCode,
      deliveryMode: DeliveryMode.ONSITE,
      venue: `${county.name}中小企业服务中心培训室`,
      ...schedule(day, offset, 9, 3),
      capacity: between(`capacity:${code}`, 3, 5) * 5,
      eligibleScales: [],
      minSpecialization: SpecializationLevel.NONE,
      counterparts: [],
    },
    from: county.code.slice(0, 2),
    demand: demandFor(code, offset < 0),
    cancelled: false,
  };
}

const SERIES = [
  {
    kind: EventKind.POLICY_BRIEFING,
    categoryCode: 'POL-INFO',
    title: '惠企政策宣讲会',
    titleEn: 'briefing on SME support policies',
    counterparts: [] as string[],
  },
  {
    kind: EventKind.TRAINING,
    categoryCode: 'DIG-DIAG',
    title: '专精特新企业数字化转型培训',
    titleEn: 'digital transformation training for specialized SMEs',
    counterparts: [] as string[],
  },
  {
    kind: EventKind.FINANCING_MATCHMAKING,
    categoryCode: 'FIN-LOAN',
    title: '银企对接专场',
    titleEn: 'bank–enterprise matchmaking session',
    counterparts: BANKS.slice(0, 3),
  },
] as const;

/**
 * A centre's own series of events over the year before the seed's (see activity.ts): spread over
 * the months, so that its scorecard for that year counts them as held.
 */
function seriesEvents(
  day: string,
  centre: InstitutionRow,
  place: RegionSeed,
  count: number,
): EventDraft[] {
  const year = Number(day.slice(0, 4)) - 1;
  const seedDay = Date.parse(`${day}T00:00:00+08:00`);
  return Array.from({ length: count }, (_, index) => {
    const code = `EV-${centre.regionCode ?? '000000'}-S${year}-${String(index + 1).padStart(2, '0')}`;
    const month = 1 + Math.floor(((index + 0.5) * 12) / count);
    const date = `${year}-${String(month).padStart(2, '0')}-${String(between(`day:${code}`, 3, 26)).padStart(2, '0')}`;
    const offset = Math.round((Date.parse(`${date}T00:00:00+08:00`) - seedDay) / DAY);
    const template = SERIES[index % SERIES.length];
    return {
      event: {
        code,
        title: `${place.name}${template.title}（第${index + 1}期）`,
        titleEn: `${place.nameEn} ${template.titleEn} (no. ${index + 1})`,
        kind: template.kind,
        organizerCode: centre.code,
        regionCode: place.code,
        categoryCode: template.categoryCode,
        deliveryMode: DeliveryMode.ONSITE,
        venue: `${centre.name}会议室`,
        ...schedule(day, offset, 14, 3),
        capacity: between(`capacity:${code}`, 3, 6) * 10,
        eligibleScales: [],
        minSpecialization: SpecializationLevel.NONE,
        counterparts: template.counterparts.map((bank) => `${bank}${place.name}分行`),
      },
      from: place.code.slice(0, 2),
      demand: demandFor(code, true),
      cancelled: false,
    };
  });
}

/**
 * The drafts of every event the centres among `institutions` organize around `seededOn`
 * (YYYY-MM-DD, Beijing time), in the order of the centres, each with its organizer.
 */
export function planEvents(
  regions: readonly RegionSeed[],
  institutions: readonly InstitutionRow[],
  seededOn: string,
): { draft: EventDraft; organizer: InstitutionRow }[] {
  const regionByCode = new Map(regions.map((region) => [region.code, region]));
  const provinces = regions.filter((region) => region.level === RegionLevel.PROVINCE);
  const centres = institutions.filter((row) => row.kind === InstitutionKind.PUBLIC);
  const drafts: { draft: EventDraft; organizer: InstitutionRow }[] = [];
  for (const centre of centres) {
    const region = centre.regionCode ? regionByCode.get(centre.regionCode) : undefined;
    const add = (list: (EventDraft | null)[]) => {
      for (const draft of list) if (draft) drafts.push({ draft, organizer: centre });
    };
    const series = activityOf(centre).seriesEvents;
    const place = region ?? regionByCode.get('110000') ?? provinces[0];
    if (series > 0 && place) add(seriesEvents(seededOn, centre, place, series));
    switch (centre.tier) {
      case InstitutionTier.NATIONAL:
        if (provinces.length) add(nationalEvents(seededOn, centre, provinces));
        break;
      case InstitutionTier.PROVINCIAL:
        add(provincialEvents(seededOn, centre, region!));
        break;
      case InstitutionTier.MUNICIPAL:
        add([municipalEvent(seededOn, centre, region!)]);
        break;
      case InstitutionTier.COUNTY:
        add([countyEvent(seededOn, centre, region!)]);
        break;
    }
  }
  return drafts;
}
