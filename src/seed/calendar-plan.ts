// The seeded calendar of events, computed from the planned network and the day the seed first ran
// (stored in seed_info, so that a database seeded months ago keeps its calendar): the national
// centre's "百场万企" (100 events for 10,000 enterprises) large–small enterprise matchmaking tour,
// provincial matchmaking sessions and policy briefings, municipal bank–enterprise financing
// sessions (银企对接会), county trainings and briefings — past and upcoming, some full with a
// waitlist, one called off — with the enterprises that registered, who came, and what came of
// the matchmaking. Pure and deterministic: the same network and day always give the same plan.
import { EventKind, OutcomeKind, RegistrationStatus } from '../events/event-enums';
import { InstitutionKind, InstitutionTier } from '../institutions/institution-enums';
import { creditCodeCheckCharacter } from '../referrals/credit-code';
import { RegionLevel } from '../regions/region-level';
import {
  EnterpriseScale,
  SPECIALIZATION_ORDER,
  SpecializationLevel,
} from '../services/eligibility';
import { DeliveryMode } from '../services/service-enums';
import { activityOf } from './activity';
import { between, chance, pick, seededRandom, weighted } from './deterministic';
import type { RegionSeed } from './divisions';
import type { InstitutionRow } from './network-plan';

const { CONFIRMED, WAITLISTED, CANCELLED, ATTENDED, NO_SHOW } = RegistrationStatus;

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

export interface EnterpriseSeed {
  creditCode: string;
  name: string;
  scale: EnterpriseScale;
  specialization: SpecializationLevel;
  regionCode: string;
}

/** One status a registration went through, oldest first; the last is where it stands. */
export interface RegistrationStep {
  status: RegistrationStatus;
  waitlistPosition: number | null;
  at: Date;
  note: string | null;
}

export interface RegistrationSeed {
  eventCode: string;
  creditCode: string;
  /** Registration order within the event (waitlist order follows it). */
  ordinal: number;
  status: RegistrationStatus;
  waitlistPosition: number | null;
  createdAt: Date;
  updatedAt: Date;
  /** Who took it: the organizer (seeded registrations come from no partner key). */
  actor: string;
  history: RegistrationStep[];
}

export interface OutcomeSeed {
  eventCode: string;
  creditCode: string;
  kind: OutcomeKind;
  counterpart: string;
  amountYuan: number | null;
  note: string;
  recordedBy: string;
  recordedAt: Date;
}

export interface CalendarPlan {
  events: EventSeed[];
  enterprises: EnterpriseSeed[];
  registrations: RegistrationSeed[];
  outcomes: OutcomeSeed[];
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** `day` (YYYY-MM-DD) + `offset` days at `hour` o'clock, Beijing time. */
export function beijing(day: string, offset: number, hour: number): Date {
  return new Date(Date.parse(`${day}T00:00:00+08:00`) + offset * DAY + hour * HOUR);
}

/** `count` distinct items drawn by a keyed stream of numbers (cheaper than a hash per item). */
export function draw<T>(key: string, items: readonly T[], count: number): T[] {
  const random = seededRandom(Math.floor(chance(key) * 2 ** 32));
  const copy = [...items];
  const n = Math.min(count, copy.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, n);
}

// --- Enterprises -------------------------------------------------------------------------

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
 * A Unified Social Credit Code (GB 32100-2015) of a company (91) registered in `regionCode`,
 * its organisation code derived from `key`; both check characters are right.
 */
function creditCode(regionCode: string, key: string): string {
  const body = String(Math.floor(chance(`credit:${key}`) * 1e8)).padStart(8, '0');
  const first17 = `91${regionCode}${body}${organisationCheck(body)}`;
  return first17 + creditCodeCheckCharacter(first17);
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

// --- Events ------------------------------------------------------------------------------

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

interface Draft {
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

function nationalEvents(day: string, centre: InstitutionRow, provinces: RegionSeed[]): Draft[] {
  const stops = [
    ...TOUR.filter((code) => provinces.some((p) => p.code === code)),
    ...provinces.map((p) => p.code).filter((code) => !TOUR.includes(code)),
  ].slice(0, 6);
  const offsets = [-150, -90, -30, 12, 40, 75];
  const drafts: Draft[] = stops.map((regionCode, index) => {
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

function provincialEvents(day: string, centre: InstitutionRow, province: RegionSeed): Draft[] {
  const prefix = province.code.slice(0, 2);
  const sessionCode = `EV-${province.code}-01`;
  const sessionOffset = between(`offset:${sessionCode}`, -100, 60);
  const drafts: Draft[] = [
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

function municipalEvent(day: string, centre: InstitutionRow, city: RegionSeed): Draft {
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

function countyEvent(day: string, centre: InstitutionRow, county: RegionSeed): Draft | null {
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
): Draft[] {
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

// --- Registrations, attendance, outcomes ----------------------------------------------------

const rank = (level: SpecializationLevel) => SPECIALIZATION_ORDER.indexOf(level);
const eligible = (event: Draft['event'], enterprise: EnterpriseSeed) =>
  (event.eligibleScales.length === 0 || event.eligibleScales.includes(enterprise.scale)) &&
  rank(enterprise.specialization) >= rank(event.minSpecialization);

const OUTCOME_NOTES: Record<OutcomeKind, string> = {
  [OutcomeKind.FINANCING]: '现场达成授信意向',
  [OutcomeKind.PROCUREMENT]: '签订采购框架协议',
  [OutcomeKind.TECHNOLOGY]: '达成技术合作意向',
  [OutcomeKind.COOPERATION]: '签订战略合作协议',
};

function settle(
  draft: Draft,
  pool: readonly EnterpriseSeed[],
  seededAt: Date,
  organizerName: string,
): { event: EventSeed; registrations: RegistrationSeed[]; outcomes: OutcomeSeed[] } {
  const { event } = draft;
  const code = event.code;
  const past = event.startsAt.getTime() < seededAt.getTime();
  // Registration opens 30 days ahead; for upcoming events it has run until shortly before the
  // seed (and before a cancellation, two hours before it).
  const opens = event.startsAt.getTime() - 30 * DAY;
  const until = Math.min(
    event.registrationClosesAt.getTime(),
    past ? Infinity : seededAt.getTime() - 3 * HOUR,
  );
  const wanted = Math.round(event.capacity * draft.demand);
  const takers = draw(
    `registrants:${code}`,
    pool.filter((enterprise) => eligible(event, enterprise)),
    wanted,
  );
  const registrations: RegistrationSeed[] = [];
  const outcomes: OutcomeSeed[] = [];
  let seats = 0;
  let waiting = 0;
  const span = Math.max(HOUR, until - opens);
  // One keyed stream per event for who comes and what came of it: cheaper than a hash per choice.
  const random = seededRandom(Math.floor(chance(`settle:${code}`) * 2 ** 32));
  const among = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  takers.forEach((enterprise, index) => {
    const createdAt = new Date(opens + Math.floor((span * (index + 1)) / (takers.length + 1)));
    const history: RegistrationStep[] = [];
    let status: RegistrationStatus;
    let position: number | null = null;
    if (seats < event.capacity) {
      status = CONFIRMED;
      seats++;
    } else {
      status = WAITLISTED;
      position = ++waiting;
    }
    history.push({ status, waitlistPosition: position, at: createdAt, note: null });
    let updatedAt = createdAt;
    if (draft.cancelled) {
      updatedAt = new Date(seededAt.getTime() - 2 * HOUR);
      history.push({
        status: CANCELLED,
        waitlistPosition: null,
        at: updatedAt,
        note: 'the event was cancelled',
      });
      status = CANCELLED;
      position = null;
    } else if (past && status === CONFIRMED) {
      const came = random() < 0.85;
      status = came ? ATTENDED : NO_SHOW;
      updatedAt = new Date(event.startsAt.getTime() + HOUR);
      history.push({ status, waitlistPosition: null, at: updatedAt, note: null });
      if (!came) seats--;
      if (
        came &&
        event.counterparts.length > 0 &&
        event.kind !== EventKind.POLICY_BRIEFING &&
        random() < 0.25
      ) {
        const kind =
          event.kind === EventKind.FINANCING_MATCHMAKING
            ? OutcomeKind.FINANCING
            : among([
                OutcomeKind.PROCUREMENT,
                OutcomeKind.PROCUREMENT,
                OutcomeKind.TECHNOLOGY,
                OutcomeKind.COOPERATION,
              ]);
        outcomes.push({
          eventCode: code,
          creditCode: enterprise.creditCode,
          kind,
          counterpart: among(event.counterparts),
          amountYuan:
            kind === OutcomeKind.COOPERATION ? null : (5 + Math.floor(random() * 196)) * 100_000,
          note: OUTCOME_NOTES[kind],
          recordedBy: organizerName,
          recordedAt: new Date(event.endsAt.getTime() + DAY),
        });
      }
    }
    registrations.push({
      eventCode: code,
      creditCode: enterprise.creditCode,
      ordinal: index + 1,
      status,
      waitlistPosition: position,
      createdAt,
      updatedAt,
      actor: organizerName,
      history,
    });
  });
  return {
    event: {
      ...event,
      confirmedCount: draft.cancelled ? 0 : seats,
      waitlistCount: draft.cancelled ? 0 : waiting,
      cancelledAt: draft.cancelled ? new Date(seededAt.getTime() - 2 * HOUR) : null,
      createdAt: new Date(Math.min(opens, seededAt.getTime()) - 5 * DAY),
    },
    registrations,
    outcomes,
  };
}

/**
 * The calendar around `seededOn` (YYYY-MM-DD, Beijing time) for the planned regions and
 * institutions (a part of the network gives the part of the calendar its centres organize).
 */
export function planCalendar(
  regions: readonly RegionSeed[],
  institutions: readonly InstitutionRow[],
  seededOn: string,
): CalendarPlan {
  const regionByCode = new Map(regions.map((region) => [region.code, region]));
  const provinces = regions.filter((region) => region.level === RegionLevel.PROVINCE);
  const pools = enterprisesByProvince(regionByCode, institutions);
  const everyone = [...pools.values()].flat();
  const centres = institutions.filter((row) => row.kind === InstitutionKind.PUBLIC);

  const drafts: { draft: Draft; organizer: InstitutionRow }[] = [];
  for (const centre of centres) {
    const region = centre.regionCode ? regionByCode.get(centre.regionCode) : undefined;
    const add = (list: (Draft | null)[]) => {
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

  // The seed "runs" at noon of its day: events before it have taken place.
  const seededAt = beijing(seededOn, 0, 12);
  const plan: CalendarPlan = { events: [], enterprises: [], registrations: [], outcomes: [] };
  const registered = new Set<string>();
  for (const { draft, organizer } of drafts) {
    const pool = draft.from === 'ALL' ? everyone : (pools.get(draft.from) ?? []);
    const settled = settle(draft, pool, seededAt, organizer.name);
    plan.events.push(settled.event);
    plan.registrations.push(...settled.registrations);
    plan.outcomes.push(...settled.outcomes);
    for (const registration of settled.registrations) registered.add(registration.creditCode);
  }
  plan.enterprises = everyone.filter((enterprise) => registered.has(enterprise.creditCode));
  return plan;
}
