// What an ADMIN's year schedule must satisfy before it is written: every day inside the year, no
// day twice, no holiday also a working weekend, every working weekend a Saturday or Sunday.
import { badInput } from '../schema/errors';
import { isWeekend, yearOf, type CalendarDate } from './calendar-days';

/** The years a schedule may be held for (the table's check says the same). */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

export function checkCalendarYear(year: number, field = 'year'): void {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR)
    throw badInput(`${field} must be from ${FIRST_YEAR} to ${LAST_YEAR}, not ${year}`, field);
}

export interface ScheduleInput {
  year: number;
  holidays: readonly CalendarDate[];
  workingWeekends: readonly CalendarDate[];
}

function checkDays(year: number, days: readonly CalendarDate[], field: string): void {
  const seen = new Set<CalendarDate>();
  for (const day of days) {
    if (yearOf(day) !== year) throw badInput(`${field}: ${day} is not in ${year}`, field);
    if (seen.has(day)) throw badInput(`${field}: ${day} is listed twice`, field);
    seen.add(day);
  }
}

/** Throws BAD_USER_INPUT naming the field and the day at the first thing wrong. */
export function checkScheduleInput({ year, holidays, workingWeekends }: ScheduleInput): void {
  checkCalendarYear(year);
  checkDays(year, holidays, 'holidays');
  checkDays(year, workingWeekends, 'workingWeekends');
  const off = new Set(holidays);
  for (const day of workingWeekends) {
    if (!isWeekend(day))
      throw badInput(`workingWeekends: ${day} is not a Saturday or Sunday`, 'workingWeekends');
    if (off.has(day))
      throw badInput(`workingWeekends: ${day} is also listed as a holiday`, 'workingWeekends');
  }
}
