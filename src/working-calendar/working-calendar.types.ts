// The working calendar's GraphQL types. Days are graphql-scalars' Date (YYYY-MM-DD): a forged
// day (2026-02-30, 2026-1-1) is refused by the scalar before any resolver runs.
import { DateResolver } from 'graphql-scalars';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import type { CalendarDate } from './calendar-days';

@ObjectType({ description: "One day of the mainland's working calendar." })
export class CalendarDay {
  @Field(() => DateResolver)
  date!: CalendarDate;

  @Field()
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
  @Field(() => Int)
  year!: number;

  @Field(() => [DateResolver])
  holidays!: Date[];

  @Field(() => [DateResolver])
  workingWeekends!: Date[];
}
