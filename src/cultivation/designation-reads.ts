// How every read of the registry sees a designation: its row with `status` as of the day
// (registry-today.ts), so that lists, filters, loaders and eligibility never show ACTIVE after
// validUntil, whether or not the job queue has written EXPIRED yet.
import { BEIJING_TODAY_SQL, designationStatusOn } from './registry-today';

/** The designation table as of `day` (a date expression), to be aliased by the caller. */
export const designationsOn = (day = BEIJING_TODAY_SQL) =>
  `(SELECT d.id, d.enterprise_id, d.kind, d.granted_by_code, d.batch, d.valid_from, d.valid_until,
           ${designationStatusOn('d', day)} AS status, d.created_at
      FROM designation d)`;

/** A day pg read from a `date` column (local midnight) or a day string, as YYYY-MM-DD. */
export function calendarDay(value: Date | string): string {
  if (typeof value === 'string') return value.slice(0, 10);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
}
