// The rules of working days, without I/O: which days are worked given the schedules held, and
// the deadlines counted in working days (appeals' answer times, policies' payment times).
import {
  beijingDayOf,
  daysOfYear,
  endOfBeijingDay,
  isWeekend,
  nextDay,
  yearOf,
  type CalendarDate,
} from './calendar-days';

/** Where a year's schedule came from: the chinese-days package, or an ADMIN's setWorkingCalendarYear. */
export type ScheduleSource = 'PACKAGE' | 'ADMIN';

/** A year's schedule as the State Council publishes it. Names (e.g. 国庆节) may be null. */
export interface YearSchedule {
  year: number;
  source: ScheduleSource;
  /** Days off, weekends inside a holiday included. */
  holidays: ReadonlyMap<CalendarDate, string | null>;
  /** Saturdays and Sundays made working days (调休). */
  workingWeekends: ReadonlyMap<CalendarDate, string | null>;
}

/** The schedules held, by year; a year missing is one without a schedule. */
export type WorkingCalendarSchedules = ReadonlyMap<number, YearSchedule>;

export interface CalendarDayStatus {
  date: CalendarDate;
  working: boolean;
  /** The holiday or the holiday a working weekend makes up for; null on ordinary days. */
  name: string | null;
  /** False in a year without a schedule: there only weekends are days off. */
  known: boolean;
}

export function dayStatus(
  date: CalendarDate,
  calendar: WorkingCalendarSchedules,
): CalendarDayStatus {
  const schedule = calendar.get(yearOf(date));
  if (!schedule) return { date, working: !isWeekend(date), name: null, known: false };
  if (schedule.workingWeekends.has(date))
    return { date, working: true, name: schedule.workingWeekends.get(date) ?? null, known: true };
  if (schedule.holidays.has(date))
    return { date, working: false, name: schedule.holidays.get(date) ?? null, known: true };
  return { date, working: !isWeekend(date), name: null, known: true };
}

export function isWorkingDay(date: CalendarDate, calendar: WorkingCalendarSchedules): boolean {
  return dayStatus(date, calendar).working;
}

/** Every day of a year with whether it is worked. */
export function yearCalendar(
  year: number,
  calendar: WorkingCalendarSchedules,
): CalendarDayStatus[] {
  return daysOfYear(year).map((date) => dayStatus(date, calendar));
}

export interface Deadline {
  /** The day whose end is the deadline (Beijing time). */
  day: CalendarDate;
  /** The end of that day: the next day's 00:00 Beijing time, 16:00 UTC of `day`. */
  at: Date;
  /** Some day counted lies in a year without a schedule (weekends only there): recompute once it is set. */
  provisional: boolean;
}

/** Far more than any rule asks for (60 working days is the longest): a bound on the walk. */
export const MAX_WORKING_DAYS = 1000;

/**
 * The end of the n-th working day after the Beijing-time day of `from`. That day itself never
 * counts, whether worked or not: submitted on Tuesday 23:59 Beijing, the 1st working day is
 * Wednesday; submitted on a Sunday, it is Monday (if worked).
 */
export function deadline(
  from: Date,
  workingDays: number,
  calendar: WorkingCalendarSchedules,
): Deadline {
  if (!Number.isInteger(workingDays) || workingDays < 1 || workingDays > MAX_WORKING_DAYS)
    throw new RangeError(`working days must be a whole number from 1 to ${MAX_WORKING_DAYS}`);
  let day = beijingDayOf(from);
  let counted = 0;
  let provisional = false;
  while (counted < workingDays) {
    day = nextDay(day);
    const status = dayStatus(day, calendar);
    if (!status.known) provisional = true;
    if (status.working) counted += 1;
  }
  return { day, at: endOfBeijingDay(day), provisional };
}
