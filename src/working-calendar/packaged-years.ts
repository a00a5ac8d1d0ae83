// The years the chinese-days package knows, loaded into working_calendar_year by the seed.
// The package's own functions are not used for this: where it has no schedule they call every
// weekday a working day (2027-01-01 "work: true"), so a year's being known would be invisible.
// Its data file lists the special days only, which is exactly what the table holds.
import packaged from 'chinese-days/dist/chinese-days.json';
import type { SqlRunner } from '../db/sql';
import { yearOf, type CalendarDate } from './calendar-days';

/** A year's special days as written to the table, names in the same order as the days. */
export interface ScheduleRow {
  year: number;
  holidays: CalendarDate[];
  holidayNames: (string | null)[];
  workingWeekends: CalendarDate[];
  workingWeekendNames: (string | null)[];
}

/** The package writes "National Day,国庆节,3": English name, Chinese name, days off. */
function chineseName(entry: string): string | null {
  return entry.split(',')[1]?.trim() || null;
}

/** Every year the package holds a schedule for, oldest first. */
export function packagedYears(): ScheduleRow[] {
  const years = new Map<number, ScheduleRow>();
  const rowOf = (day: CalendarDate) => {
    const year = yearOf(day);
    let row = years.get(year);
    if (!row) {
      row = { year, holidays: [], holidayNames: [], workingWeekends: [], workingWeekendNames: [] };
      years.set(year, row);
    }
    return row;
  };
  for (const [day, entry] of Object.entries(packaged.holidays as Record<string, string>).sort()) {
    const row = rowOf(day);
    row.holidays.push(day);
    row.holidayNames.push(chineseName(entry));
  }
  for (const [day, entry] of Object.entries(packaged.workdays as Record<string, string>).sort()) {
    const row = rowOf(day);
    row.workingWeekends.push(day);
    row.workingWeekendNames.push(chineseName(entry));
  }
  return [...years.values()].sort((a, b) => a.year - b.year);
}

/**
 * Writes the package's years: new ones are added, a package year the package now lists
 * differently is brought up to date, and a year an ADMIN set is never touched. One statement;
 * returns how many years were added or changed.
 */
export async function loadPackagedYears(
  sql: SqlRunner,
  years: readonly ScheduleRow[] = packagedYears(),
): Promise<number> {
  const result = await sql.run(
    `INSERT INTO working_calendar_year
            (year, source, holidays, holiday_names, working_weekends, working_weekend_names)
     SELECT y.year, 'PACKAGE',
            ARRAY(SELECT jsonb_array_elements_text(y.holidays))::date[],
            ARRAY(SELECT jsonb_array_elements_text(y.holiday_names)),
            ARRAY(SELECT jsonb_array_elements_text(y.working_weekends))::date[],
            ARRAY(SELECT jsonb_array_elements_text(y.working_weekend_names))
       FROM jsonb_to_recordset($1::jsonb)
            AS y(year smallint, holidays jsonb, holiday_names jsonb,
                 working_weekends jsonb, working_weekend_names jsonb)
     ON CONFLICT (year) DO UPDATE
        SET holidays = EXCLUDED.holidays, holiday_names = EXCLUDED.holiday_names,
            working_weekends = EXCLUDED.working_weekends,
            working_weekend_names = EXCLUDED.working_weekend_names, updated_at = now()
      WHERE working_calendar_year.source = 'PACKAGE'
        AND (working_calendar_year.holidays, working_calendar_year.holiday_names,
             working_calendar_year.working_weekends, working_calendar_year.working_weekend_names)
            IS DISTINCT FROM
            (EXCLUDED.holidays, EXCLUDED.holiday_names,
             EXCLUDED.working_weekends, EXCLUDED.working_weekend_names)`,
    [
      JSON.stringify(
        years.map((row) => ({
          year: row.year,
          holidays: row.holidays,
          holiday_names: row.holidayNames,
          working_weekends: row.workingWeekends,
          working_weekend_names: row.workingWeekendNames,
        })),
      ),
    ],
  );
  return result.rowCount;
}
