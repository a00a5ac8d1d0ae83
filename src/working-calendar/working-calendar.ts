// The working calendar as the whole process reads it: a few dozen rows that change only with the
// seed and setWorkingCalendarYear, so one copy in memory serves every deadline (no statement per
// request). The composition root creates one and hands it to the domains that count working days.
import { ReferenceCache } from '../db/reference-cache';
import type { SqlRunner } from '../db/sql';
import type { CalendarDate } from './calendar-days';
import type { ScheduleRow } from './packaged-years';
import {
  deadline,
  yearCalendar,
  type CalendarDayStatus,
  type Deadline,
  type ScheduleSource,
  type WorkingCalendarSchedules,
  type YearSchedule,
} from './working-days';

/** A setWorkingCalendarYear in another process shows up at the latest after this long. */
const MAX_AGE_MS = 5 * 60_000;

const byDay = (days: readonly CalendarDate[], names: readonly (string | null)[]) =>
  new Map(days.map((day, index) => [day, names[index] ?? null] as const));

export function yearSchedule(row: ScheduleRow, source: ScheduleSource): YearSchedule {
  return {
    year: row.year,
    source,
    holidays: byDay(row.holidays, row.holidayNames),
    workingWeekends: byDay(row.workingWeekends, row.workingWeekendNames),
  };
}

/** Every schedule held, in one statement (dates as text: no host time zone on the way). */
export async function readSchedules(sql: SqlRunner): Promise<WorkingCalendarSchedules> {
  const rows = await sql.rows<ScheduleRow & { source: ScheduleSource }>(
    `SELECT year, source, holidays::text[] AS "holidays", holiday_names AS "holidayNames",
            working_weekends::text[] AS "workingWeekends",
            working_weekend_names AS "workingWeekendNames"
       FROM working_calendar_year`,
  );
  return new Map(rows.map((row) => [row.year, yearSchedule(row, row.source)] as const));
}

export class WorkingCalendar {
  private readonly cache: ReferenceCache<WorkingCalendarSchedules>;

  constructor(sql: SqlRunner, maxAgeMs = MAX_AGE_MS) {
    this.cache = new ReferenceCache(() => readSchedules(sql), maxAgeMs);
  }

  /** The schedules held, by year. */
  schedules(): Promise<WorkingCalendarSchedules> {
    return this.cache.get();
  }

  /** Every day of `year` and whether it is worked. */
  async year(year: number): Promise<CalendarDayStatus[]> {
    return yearCalendar(year, await this.schedules());
  }

  /** The end of the n-th working day after the Beijing-time day of `from` (see working-days.ts). */
  async deadline(from: Date, workingDays: number): Promise<Deadline> {
    return deadline(from, workingDays, await this.schedules());
  }

  /** A schedule changed (the seed, setWorkingCalendarYear): read them again on next use. */
  invalidate(): void {
    this.cache.invalidate();
  }
}
