// Calendar days as the mainland counts them: a day is its date in Beijing time (UTC+8, no
// daylight saving since 1991), written YYYY-MM-DD. Days are stepped in UTC arithmetic on that
// string, so no host time zone ever enters the count.

/** A calendar day, YYYY-MM-DD. */
export type CalendarDate = string;

const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** The Beijing-time calendar day an instant falls on (23:59 Beijing = 15:59 UTC: still that day). */
export function beijingDayOf(instant: Date): CalendarDate {
  return new Date(instant.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The instant a Beijing-time day ends: the next day's 00:00 +08:00, i.e. 16:00 UTC of that day.
 * A deadline "by the end of" a day is met by anything strictly before this instant.
 */
export function endOfBeijingDay(day: CalendarDate): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS - BEIJING_OFFSET_MS);
}

export function nextDay(day: CalendarDate): CalendarDate {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

export function yearOf(day: CalendarDate): number {
  return Number(day.slice(0, 4));
}

export function isWeekend(day: CalendarDate): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** Every day of a year, 1 January first. */
export function daysOfYear(year: number): CalendarDate[] {
  const days: CalendarDate[] = [];
  const first = `${String(year).padStart(4, '0')}-01-01`;
  for (let day = first; yearOf(day) === year; day = nextDay(day)) days.push(day);
  return days;
}
