// The working calendar's GraphQL types. Days are graphql-scalars' Date (YYYY-MM-DD): a forged
// day (2026-02-30, 2026-1-1) is refused by the scalar before any resolver runs.
import { DateResolver } from 'graphql-scalars';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import type { CalendarDate } from './calendar-days';

@ObjectType({ description: "One day of the mainland's working calendar." })
export class CalendarDay {
  @Field(() => DateResolver, { description: 'The day, YYYY-MM-DD (a calendar day in Beijing).' })
  date!: CalendarDate;

  @Field({
    description:
      'Whether deadlines count it: weekdays and the weekends made working days, not public holidays.',
  })
  working!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Public holiday or adjusted working weekend, e.g. 国庆节.',
  })
  name!: string | null;
}

@InputType({
  description:
    "A year's schedule as the State Council publishes it: the holidays and the weekends made working days.",
})
export class WorkingCalendarYearInput {
  @Field(() => Int, { description: 'The year, 2000 to 2100; a schedule held for it is replaced.' })
  year!: number;

  @Field(() => [DateResolver], {
    description: 'Every day off of its public holidays (weekdays and weekends), in that year.',
  })
  holidays!: Date[];

  @Field(() => [DateResolver], {
    description: 'The Saturdays and Sundays made working days (调休), in that year.',
  })
  workingWeekends!: Date[];
}
