// An appeal's deadlines, in working days of the mainland's calendar: 1 to acknowledge, 3 to reply,
// 15 to resolve (30 with an approved extension), each counted from its start — submission,
// reopening, or the escalation that renewed that step. Which step is late, and the same rule in
// SQL for lists and the escalation sweep.
import { beijingDayOf, nextDay } from '../working-calendar/calendar-days';
import {
  deadline,
  isWorkingDay,
  type Deadline,
  type WorkingCalendarSchedules,
} from '../working-calendar/working-days';
import { AppealStatus } from './appeal-enums';

export type AppealStep = 'acknowledge' | 'reply' | 'resolve';

/** Working days each step is given. */
export const STEP_DAYS = { acknowledge: 1, reply: 3, resolve: 15 } as const;
/** resolveBy with an approved extension: the 30th working day from the latest start. */
export const EXTENDED_RESOLVE_DAYS = 30;

/** The status an appeal reaches when each step is done. */
export const STEP_DONE: Record<AppealStep, AppealStatus> = {
  acknowledge: AppealStatus.ACKNOWLEDGED,
  reply: AppealStatus.REPLIED,
  resolve: AppealStatus.RESOLVED,
};

/** The steps still to do in each status, in order. */
const PENDING: Record<AppealStatus, readonly AppealStep[]> = {
  [AppealStatus.SUBMITTED]: ['acknowledge', 'reply', 'resolve'],
  [AppealStatus.ACKNOWLEDGED]: ['reply', 'resolve'],
  [AppealStatus.REPLIED]: ['resolve'],
  [AppealStatus.RESOLVED]: [],
  [AppealStatus.CLOSED]: [],
};

export interface StepDeadlines {
  acknowledgeBy: Date;
  replyBy: Date;
  resolveBy: Date;
}

export interface DeadlineSet {
  deadlines: StepDeadlines;
  provisional: boolean;
}

/** How many working days a step is given (resolve: 30 once an extension was approved). */
export function stepDays(step: AppealStep, extensionApproved: boolean | null): number {
  return step === 'resolve' && extensionApproved ? EXTENDED_RESOLVE_DAYS : STEP_DAYS[step];
}

/** The moment each deadline is counted from. */
export interface DeadlineStarts {
  acknowledgeFrom: Date;
  replyFrom: Date;
  resolveFrom: Date;
  extensionApproved: boolean | null;
}

/** The three deadlines counted from their starts; provisional if any of them is. */
export function countDeadlines(
  starts: DeadlineStarts,
  calendar: WorkingCalendarSchedules,
): DeadlineSet {
  const counted: Deadline[] = [
    deadline(starts.acknowledgeFrom, STEP_DAYS.acknowledge, calendar),
    deadline(starts.replyFrom, STEP_DAYS.reply, calendar),
    deadline(starts.resolveFrom, stepDays('resolve', starts.extensionApproved), calendar),
  ];
  return {
    deadlines: { acknowledgeBy: counted[0].at, replyBy: counted[1].at, resolveBy: counted[2].at },
    provisional: counted.some((one) => one.provisional),
  };
}

/** The three deadlines of a fresh start (submission, reopening), counted from `start`. */
export function freshDeadlines(start: Date, calendar: WorkingCalendarSchedules): DeadlineSet {
  return countDeadlines(
    { acknowledgeFrom: start, replyFrom: start, resolveFrom: start, extensionApproved: null },
    calendar,
  );
}

export interface DeadlineState {
  status: AppealStatus;
  acknowledgeBy: Date;
  replyBy: Date;
  resolveBy: Date;
}

const byOf = (appeal: DeadlineState, step: AppealStep) =>
  step === 'acknowledge'
    ? appeal.acknowledgeBy
    : step === 'reply'
      ? appeal.replyBy
      : appeal.resolveBy;

/** The first step not done whose deadline has passed (at `now`), or null. */
export function lateStep(appeal: DeadlineState, now: Date): AppealStep | null {
  return PENDING[appeal.status].find((step) => byOf(appeal, step) <= now) ?? null;
}

/** A deadline passed with its step not done. */
export const isOverdue = (appeal: DeadlineState, now: Date) => lateStep(appeal, now) !== null;

/** Steps not done in this status (the order they come in). */
export const pendingSteps = (status: AppealStatus) => PENDING[status];

/** The statuses with a step still to do, as SQL lists them. */
export const OPEN_STATUSES = `('SUBMITTED', 'ACKNOWLEDGED', 'REPLIED')`;

/**
 * When the next step of an open appeal (alias `a`) is due, as SQL: the same expression as the
 * partial index appeal_due_idx (see the migration), so that overdue lists and the escalation
 * sweep read the index. A deadline is met by anything strictly before it.
 */
export function dueAt(a: string): string {
  return `(CASE ${a}.status WHEN 'SUBMITTED' THEN least(${a}.acknowledge_by, ${a}.reply_by, ${a}.resolve_by) WHEN 'ACKNOWLEDGED' THEN least(${a}.reply_by, ${a}.resolve_by) WHEN 'REPLIED' THEN ${a}.resolve_by END)`;
}

/** SQL: the appeal (alias `a`) is overdue at `now` (an SQL expression). */
export function overdueAt(a: string, now: string): string {
  return `(${a}.status IN ${OPEN_STATUSES} AND ${dueAt(a)} <= ${now})`;
}

/**
 * Working days from the day after `from` to the day of `to` (Beijing time), both counted as the
 * deadlines count them: resolved on the 15th working day after submission is 15.
 */
export function workingDaysBetween(
  from: Date,
  to: Date,
  calendar: WorkingCalendarSchedules,
): number {
  const last = beijingDayOf(to);
  let days = 0;
  for (let day = nextDay(beijingDayOf(from)); day <= last; day = nextDay(day)) {
    if (isWorkingDay(day, calendar)) days += 1;
  }
  return days;
}
