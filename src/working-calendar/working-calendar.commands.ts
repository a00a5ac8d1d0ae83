// setWorkingCalendarYear: an ADMIN adds or replaces a year's schedule, audited, in one
// transaction; every process reads the calendar again once it commits.
import { fieldChanges, recordAudit, type AuditActor } from '../db/audit-trail';
import { publishChange } from '../db/change-feed';
import type { Sql, SqlRunner } from '../db/sql';
import { checkScheduleInput, type ScheduleInput } from './schedule-input';
import { readSchedules, yearSchedule } from './working-calendar';
import type { WorkingCalendarSchedules, YearSchedule } from './working-days';

/**
 * Where "deadlines not yet passed are recomputed": the domains that hold deadlines (appeals,
 * policies' provisionalPayBy) hand one of these to the composition root, which passes them here.
 * Each runs in the transaction that changes the year, with the calendar as it will be.
 */
export type RecomputeDeadlines = (
  transaction: SqlRunner,
  changedYear: number,
  calendar: WorkingCalendarSchedules,
) => Promise<void>;

const AUDITED = ['source', 'holidays', 'workingWeekends'] as const;

export async function setWorkingCalendarYear(
  sql: Sql,
  actor: AuditActor,
  input: ScheduleInput,
  recomputeDeadlines: readonly RecomputeDeadlines[] = [],
): Promise<YearSchedule> {
  checkScheduleInput(input);
  const holidays = [...input.holidays].sort();
  const workingWeekends = [...input.workingWeekends].sort();
  const row = {
    year: input.year,
    holidays,
    holidayNames: holidays.map(() => null),
    workingWeekends,
    workingWeekendNames: workingWeekends.map(() => null),
  };
  await sql.transaction(async (transaction) => {
    const [before] = await transaction.rows<Record<string, unknown>>(
      `SELECT source, holidays::text[] AS "holidays", working_weekends::text[] AS "workingWeekends"
         FROM working_calendar_year WHERE year = $1 FOR UPDATE`,
      [input.year],
    );
    const changes = fieldChanges(before ?? null, { source: 'ADMIN', holidays, workingWeekends }, [
      ...AUDITED,
    ]);
    // The same schedule set again changes nothing, and records nothing.
    if (Object.keys(changes).length === 0) return;
    await transaction.run(
      `INSERT INTO working_calendar_year
              (year, source, holidays, holiday_names, working_weekends, working_weekend_names)
       VALUES ($1, 'ADMIN', $2::date[], $3::text[], $4::date[], $5::text[])
       ON CONFLICT (year) DO UPDATE
          SET source = 'ADMIN', holidays = EXCLUDED.holidays,
              holiday_names = EXCLUDED.holiday_names, working_weekends = EXCLUDED.working_weekends,
              working_weekend_names = EXCLUDED.working_weekend_names, updated_at = now()`,
      [row.year, row.holidays, row.holidayNames, row.workingWeekends, row.workingWeekendNames],
    );
    await recordAudit(transaction, actor, [
      {
        action: 'workingCalendar.setYear',
        entityType: 'working_calendar_year',
        entityCode: String(input.year),
        changes,
      },
    ]);
    if (recomputeDeadlines.length > 0) {
      const calendar = await readSchedules(transaction);
      for (const recompute of recomputeDeadlines)
        await recompute(transaction, input.year, calendar);
    }
    // Every process (this one included) reads the calendar again once this commits.
    await publishChange(transaction, 'reference');
  });
  return yearSchedule(row, 'ADMIN');
}
