// workingCalendar (anyone) and setWorkingCalendarYear (ADMIN).
import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Allow } from '../auth/permissions';
import { Role } from '../auth/role';
import { CacheEffect, ChangesCache, Cost } from '../schema/field-policy';
import type { CostRule } from '../schema/query-limits';
import { checkCalendarYear } from './schedule-input';
import { setWorkingCalendarYear } from './working-calendar.commands';
import type { WorkingCalendarContext } from './working-calendar.context';
import { CalendarDay, WorkingCalendarYearInput } from './working-calendar.types';
import { yearCalendar } from './working-days';

/** A year's days: 366 items at most, whatever the query says. */
const wholeYear: CostRule = { multiplier: () => 366 };

/** The scalar parses a day to UTC midnight: its ISO date is the day as written. */
const dayOf = (date: Date) => date.toISOString().slice(0, 10);

@Resolver()
export class WorkingCalendarResolver {
  @Cost(wholeYear)
  @Query(() => [CalendarDay], {
    description:
      "The days of a year and whether each is a working day; known: whether that year's schedule is held.",
  })
  async workingCalendar(
    @Arg('year', () => Int, { description: 'The year, 2000 to 2100.' }) year: number,
    @Ctx() context: WorkingCalendarContext,
  ): Promise<CalendarDay[]> {
    checkCalendarYear(year);
    return context.workingCalendar.year(year);
  }

  // Anonymous readers read the calendar: cached answers go once a year is set.
  @ChangesCache(CacheEffect.PUBLIC_DATA)
  @Allow([Role.ADMIN], 'set the working calendar')
  @Cost(wholeYear)
  @Mutation(() => [CalendarDay], {
    description:
      "ADMIN: adds or replaces a year's holiday schedule; deadlines not yet passed are recomputed.",
  })
  async setWorkingCalendarYear(
    @Arg('input', () => WorkingCalendarYearInput, {
      description: 'The year and its schedule, as the State Council published it.',
    })
    input: WorkingCalendarYearInput,
    @Ctx() context: WorkingCalendarContext,
  ): Promise<CalendarDay[]> {
    const schedule = await setWorkingCalendarYear(
      context.sql,
      context.viewer,
      {
        year: input.year,
        holidays: input.holidays.map(dayOf),
        workingWeekends: input.workingWeekends.map(dayOf),
      },
      context.recomputeDeadlines,
    );
    // Read again at once here; other processes hear of it through the change feed.
    context.workingCalendar.invalidate();
    return yearCalendar(input.year, new Map([[input.year, schedule]]));
  }
}
