// The narrow request context the working calendar declares; src/app assembles it.
import type { Viewer } from '../auth/viewer';
import type { Sql } from '../db/sql';
import type { RecomputeDeadlines } from './working-calendar.commands';
import type { WorkingCalendar } from './working-calendar';

export interface WorkingCalendarContext {
  sql: Sql;
  viewer: Viewer;
  /** The process's copy of the calendar. */
  workingCalendar: WorkingCalendar;
  /** Run when a year's schedule changes; none until appeals and policies hold deadlines. */
  recomputeDeadlines?: readonly RecomputeDeadlines[];
}
