// The working_calendar_year table: one row per year whose schedule is held, its special days
// inline (a year has some 40), so that "is year Y known" and "the special days of Y" are one read
// of the primary key. A year without a row is one without a schedule (weekends only).
import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export enum CalendarSource {
  /** Loaded from the chinese-days package by the seed. */
  PACKAGE = 'PACKAGE',
  /** Set by an ADMIN with setWorkingCalendarYear; the seed never overwrites it. */
  ADMIN = 'ADMIN',
}

@Entity()
@Check('working_calendar_year_year_check', `year BETWEEN 2000 AND 2100`)
@Check(
  'working_calendar_year_names_check',
  `cardinality(holiday_names) = cardinality(holidays) AND cardinality(working_weekend_names) = cardinality(working_weekends)`,
)
export class WorkingCalendarYear {
  @PrimaryColumn({ type: 'smallint' })
  year!: number;

  @Column({ type: 'enum', enum: CalendarSource, enumName: 'calendar_source' })
  source!: CalendarSource;

  /** Days off, weekends inside a holiday included. */
  @Column({ type: 'date', array: true })
  holidays!: string[];

  /** The holiday's name for each of `holidays`, in the same order (null where none is known). */
  @Column({ type: 'text', array: true })
  holidayNames!: (string | null)[];

  /** Saturdays and Sundays made working days. */
  @Column({ type: 'date', array: true })
  workingWeekends!: string[];

  /** The holiday each working weekend makes up for, in the same order. */
  @Column({ type: 'text', array: true })
  workingWeekendNames!: (string | null)[];

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
