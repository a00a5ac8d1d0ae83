// The seeded appeals: some 50,000 over the year before the seed's day (SEED_SCALE's share of
// them), each from an enterprise drawn from all seeded ones and placed where it is. Most went
// through every step on time and were closed satisfied; some were escalated once for a late
// acknowledgement, some resolved within an approved extension, some reopened once after a poor
// satisfaction; the latest are still open, every one within its deadlines at the seed's moment
// (the sweep escalates them only as time goes by).
// Deadlines are counted with the same calendar and rules as live appeals. Pure and deterministic.
import { EXTENDED_RESOLVE_DAYS, STEP_DAYS } from '../appeals/appeal-deadlines';
import { AppealCategory, AppealStatus } from '../appeals/appeal-enums';
import { beijingDayOf } from '../working-calendar/calendar-days';
import {
  deadline,
  isWorkingDay,
  type WorkingCalendarSchedules,
} from '../working-calendar/working-days';
import { DAY, HOUR, beijing } from './beijing-time';
import { seededRandom } from './deterministic';

/** The year of appeals at the published scale (SEED_SCALE 1). */
export const SEEDED_APPEALS = 50_000;

export interface AppealEnterprise {
  id: number;
  regionCode: string;
}

/** One seeded appeal, as the columns of the appeal table plus what its history needs. */
export interface AppealSeed {
  key: string;
  enterpriseId: number;
  regionCode: string;
  category: AppealCategory;
  title: string;
  description: string;
  status: AppealStatus;
  submittedAt: Date;
  startedAt: Date;
  acknowledgeFrom: Date;
  acknowledgeBy: Date;
  replyFrom: Date;
  replyBy: Date;
  resolveFrom: Date;
  resolveBy: Date;
  provisional: boolean;
  /** Moved one tier up at this moment (late acknowledgement), else null. */
  escalatedAt: Date | null;
  extensionReason: string | null;
  extensionRequestedAt: Date | null;
  extensionApproved: boolean | null;
  extensionDecidedAt: Date | null;
  /** Closed with a poor satisfaction at this moment and reopened, else null. */
  reopenedAt: Date | null;
  /** The first round's acknowledgement, reply and resolution of a reopened appeal. */
  firstRound: [Date, Date, Date] | null;
  firstSatisfaction: number | null;
  satisfaction: number | null;
  acknowledgedAt: Date | null;
  repliedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  resolvedWorkingDays: number | null;
}

const CATEGORIES: readonly (readonly [AppealCategory, number, string, string])[] = [
  [
    AppealCategory.FINANCING,
    25,
    '流动资金贷款审批慢',
    '申请的信用贷款已提交两周仍未获批复，希望协调银行加快审批。',
  ],
  [
    AppealCategory.POLICY_CONSULTATION,
    22,
    '咨询专精特新奖补政策',
    '想了解本年度专精特新企业奖补的申报条件和材料要求。',
  ],
  [
    AppealCategory.PAYMENT_ARREARS,
    14,
    '国有企业拖欠货款',
    '为某国有企业供货后，货款逾期六个月未支付，请求协调清欠。',
  ],
  [
    AppealCategory.MARKET_ACCESS,
    10,
    '招投标资质要求过高',
    '政府采购项目要求的业绩门槛明显超出项目需要，中小企业无法参与。',
  ],
  [
    AppealCategory.IP_PROTECTION,
    7,
    '商标被恶意抢注',
    '公司主要产品商标被他人抢注，希望获得维权指导。',
  ],
  [
    AppealCategory.TALENT_AND_LABOR,
    9,
    '技术工人招聘困难',
    '数控技师长期招不到人，希望对接职业院校和人才政策。',
  ],
  [
    AppealCategory.LAND_AND_FACILITIES,
    6,
    '厂房用电增容',
    '扩产需要增加用电容量，供电部门答复周期过长。',
  ],
  [AppealCategory.OTHER, 7, '其他经营困难', '企业经营中遇到的其他问题，希望服务中心帮助协调。'],
];
const CATEGORY_WEIGHT = CATEGORIES.reduce((sum, [, weight]) => sum + weight, 0);

/** Satisfaction of a closed appeal: mostly 5 and 4, few poor. */
const SATISFACTION: readonly (readonly [number, number])[] = [
  [5, 70],
  [4, 22],
  [3, 5],
  [2, 2],
  [1, 1],
];

export function planAppeals(
  enterprises: readonly AppealEnterprise[],
  calendar: WorkingCalendarSchedules,
  seededOn: string,
  count = SEEDED_APPEALS,
): AppealSeed[] {
  if (enterprises.length === 0) return [];
  const random = seededRandom(20261206);
  const between = (lo: number, hi: number) => lo + random() * (hi - lo);
  const weighted = <T>(options: readonly (readonly [T, number])[]): T => {
    let roll = random() * options.reduce((sum, [, weight]) => sum + weight, 0);
    for (const [value, weight] of options) if ((roll -= weight) < 0) return value;
    return options[options.length - 1][0];
  };
  // 50,000 appeals ask for some 300,000 deadlines and spans, over about 500 days: each day is
  // looked at once, by its number (days since 1970 in Beijing), not as a date string per question.
  const dayNumber = (at: Date) => Math.floor((at.getTime() + 8 * HOUR) / DAY);
  const counted = new Map<number, ReturnType<typeof deadline>>();
  const by = (start: Date, days: number) => {
    const key = dayNumber(start) * 64 + days;
    let found = counted.get(key);
    if (!found) counted.set(key, (found = deadline(start, days, calendar)));
    return found;
  };
  // Working days up to each day of the seeded span: a span is the difference of two of them,
  // counted as workingDaysBetween counts (after the first day, through the last).
  const firstDay = dayNumber(beijing(seededOn, -400, 12));
  const worked: number[] = [0];
  for (let day = firstDay + 1; day <= firstDay + 500; day++) {
    const date = beijingDayOf(new Date(day * DAY));
    worked.push(worked[worked.length - 1] + (isWorkingDay(date, calendar) ? 1 : 0));
  }
  const workingDays = (from: Date, to: Date) =>
    worked[dayNumber(to) - firstDay] - worked[dayNumber(from) - firstDay];
  /** A moment between `from` and `to`, nearer `from` the larger `skew`. */
  const within = (from: Date, to: Date, skew = 1) =>
    new Date(
      from.getTime() +
        Math.max(HOUR / 4, (to.getTime() - from.getTime()) * random() ** skew * 0.85),
    );
  const now = beijing(seededOn, 0, 9);

  const appeals: AppealSeed[] = [];
  for (let n = 0; n < count; n++) {
    const enterprise = enterprises[Math.floor(random() * enterprises.length)];
    let roll = random() * CATEGORY_WEIGHT;
    const [category, , title, description] =
      CATEGORIES.find(([, weight]) => (roll -= weight) < 0) ?? CATEGORIES[0];
    // Working hours, fewer at weekends; the newest a few hours before the seed's moment.
    let daysAgo = Math.floor(between(0, 365));
    let submittedAt = beijing(seededOn, -daysAgo, between(8, 20));
    const weekday = new Date(submittedAt.getTime() + 8 * HOUR).getUTCDay();
    if ((weekday === 0 || weekday === 6) && random() < 0.7) {
      daysAgo = Math.min(365, daysAgo + 2);
      submittedAt = new Date(submittedAt.getTime() - 2 * DAY);
    }
    if (submittedAt >= now) submittedAt = new Date(now.getTime() - between(1, 60) * 60_000);
    const old = daysAgo > 60;
    const path = old ? random() : 1;

    const start = submittedAt;
    let startedAt = start;
    let acknowledgeFrom = start;
    let acknowledgeBy = by(start, STEP_DAYS.acknowledge);
    let replyFrom = start;
    let replyBy = by(start, STEP_DAYS.reply);
    let resolveFrom = start;
    let resolveBy = by(start, STEP_DAYS.resolve);
    let escalatedAt: Date | null = null;
    let extension: Pick<
      AppealSeed,
      'extensionReason' | 'extensionRequestedAt' | 'extensionApproved' | 'extensionDecidedAt'
    > = {
      extensionReason: null,
      extensionRequestedAt: null,
      extensionApproved: null,
      extensionDecidedAt: null,
    };
    let reopenedAt: Date | null = null;
    let firstRound: [Date, Date, Date] | null = null;
    let firstSatisfaction: number | null = null;

    let acknowledgedAt: Date;
    if (path < 0.04) {
      // Not acknowledged in time: escalated by the sweep within a minute of the deadline.
      escalatedAt = new Date(acknowledgeBy.at.getTime() + between(5, 55) * 1000);
      startedAt = escalatedAt;
      acknowledgeFrom = escalatedAt;
      acknowledgeBy = by(escalatedAt, STEP_DAYS.acknowledge);
      acknowledgedAt = within(escalatedAt, acknowledgeBy.at);
    } else {
      acknowledgedAt = within(start, acknowledgeBy.at, 2);
    }
    let repliedAt = within(acknowledgedAt, replyBy.at, 1.5);
    let resolvedAt = within(repliedAt, resolveBy.at, 1.5);
    if (path >= 0.04 && path < 0.07) {
      // Asked for more time after replying; most approved, the resolution then past the 15th day.
      const approved = random() < 0.85;
      const requestedAt = new Date(repliedAt.getTime() + between(1, 48) * HOUR);
      extension = {
        extensionReason: '需要协调多个部门联合处理，申请延长办理期限',
        extensionRequestedAt: requestedAt,
        extensionApproved: approved,
        extensionDecidedAt: new Date(requestedAt.getTime() + between(2, 30) * HOUR),
      };
      if (approved) {
        resolveFrom = startedAt;
        resolveBy = by(startedAt, EXTENDED_RESOLVE_DAYS);
        resolvedAt = within(
          new Date(Math.max(requestedAt.getTime(), by(start, 15).at.getTime()) + DAY),
          resolveBy.at,
        );
      } else {
        resolvedAt = within(extension.extensionDecidedAt!, resolveBy.at);
      }
    } else if (path >= 0.07 && path < 0.09) {
      // Closed dissatisfied, reopened once: a second round with fresh deadlines.
      firstRound = [acknowledgedAt, repliedAt, resolvedAt];
      firstSatisfaction = random() < 0.6 ? 2 : 1;
      reopenedAt = new Date(resolvedAt.getTime() + between(4, 72) * HOUR);
      startedAt = acknowledgeFrom = replyFrom = resolveFrom = reopenedAt;
      acknowledgeBy = by(reopenedAt, STEP_DAYS.acknowledge);
      replyBy = by(reopenedAt, STEP_DAYS.reply);
      resolveBy = by(reopenedAt, STEP_DAYS.resolve);
      acknowledgedAt = within(reopenedAt, acknowledgeBy.at, 2);
      repliedAt = within(acknowledgedAt, replyBy.at, 1.5);
      resolvedAt = within(repliedAt, resolveBy.at, 1.5);
    }
    const closing = random() < 0.92;
    const closedAt = closing ? new Date(resolvedAt.getTime() + between(6, 144) * HOUR) : null;
    let satisfaction = weighted(SATISFACTION);
    if (reopenedAt) satisfaction = Math.max(3, satisfaction);
    else if (satisfaction <= 2) satisfaction = 3; // a 1 or 2 would have reopened it

    // What had happened by the seed's moment.
    const done = (at: Date | null) => at !== null && at <= now;
    const status = done(closedAt)
      ? AppealStatus.CLOSED
      : done(resolvedAt)
        ? AppealStatus.RESOLVED
        : done(repliedAt)
          ? AppealStatus.REPLIED
          : done(acknowledgedAt)
            ? AppealStatus.ACKNOWLEDGED
            : AppealStatus.SUBMITTED;
    const requested = done(extension.extensionRequestedAt);
    const decided = done(extension.extensionDecidedAt);
    appeals.push({
      key: '',
      enterpriseId: enterprise.id,
      regionCode: enterprise.regionCode,
      category,
      title,
      description,
      status,
      submittedAt,
      startedAt,
      acknowledgeFrom,
      acknowledgeBy: acknowledgeBy.at,
      replyFrom,
      replyBy: replyBy.at,
      resolveFrom,
      resolveBy: resolveBy.at,
      provisional: acknowledgeBy.provisional || replyBy.provisional || resolveBy.provisional,
      escalatedAt,
      extensionReason: requested ? extension.extensionReason : null,
      extensionRequestedAt: requested ? extension.extensionRequestedAt : null,
      extensionApproved: decided ? extension.extensionApproved : null,
      extensionDecidedAt: decided ? extension.extensionDecidedAt : null,
      reopenedAt,
      firstRound,
      firstSatisfaction,
      satisfaction: status === AppealStatus.CLOSED ? satisfaction : null,
      acknowledgedAt: done(acknowledgedAt) ? acknowledgedAt : null,
      repliedAt: done(repliedAt) ? repliedAt : null,
      resolvedAt: done(resolvedAt) ? resolvedAt : null,
      closedAt: done(closedAt) ? closedAt : null,
      resolvedWorkingDays: done(resolvedAt) ? workingDays(submittedAt, resolvedAt) : null,
    });
  }
  // In submission order, keyed in it: sequence numbers (and lists, newest first) follow time.
  appeals.sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
  appeals.forEach(
    (appeal, index) => (appeal.key = `seed-appeal-${String(index + 1).padStart(6, '0')}`),
  );
  return appeals;
}
