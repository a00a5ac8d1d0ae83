// The payment deadline of entitlements and approved applications (快申快享: paid within 60
// working days), counted by the one working-day rule (working-calendar/working-days.ts) from the
// moment of entitlement or approval; and its recomputation when an ADMIN sets a year's schedule.
import type { SqlRunner } from '../db/sql';
import { beijingDayOf } from '../working-calendar/calendar-days';
import { readSchedules } from '../working-calendar/working-calendar';
import type { RecomputeDeadlines } from '../working-calendar/working-calendar.commands';
import { deadline, type WorkingCalendarSchedules } from '../working-calendar/working-days';

export const PAY_WITHIN_WORKING_DAYS = 60;

export interface PayDeadline {
  /** The last day to pay, YYYY-MM-DD (Beijing). */
  payBy: string;
  /** Counted through a year without a schedule (weekends only there). */
  provisional: boolean;
}

export function payDeadline(from: Date, calendar: WorkingCalendarSchedules): PayDeadline {
  const { day, provisional } = deadline(from, PAY_WITHIN_WORKING_DAYS, calendar);
  return { payBy: day, provisional };
}

/** The deadline of something entitled or approved at `from`, with the calendar as `runner` sees it. */
export async function payDeadlineFrom(runner: SqlRunner, from: Date): Promise<PayDeadline> {
  return payDeadline(from, await readSchedules(runner));
}

/**
 * For setWorkingCalendarYear: every unpaid entitlement or approval whose deadline has not passed
 * and whose count ran through the changed year gets its deadline counted again, in one UPDATE.
 * Deadlines are counted once per distinct starting day (thousands of entitlements share one).
 */
export const recomputePayBy: RecomputeDeadlines = async (transaction, changedYear, calendar) => {
  const rows = await transaction.rows<{ id: number; payFrom: Date }>(
    `SELECT id, pay_from AS "payFrom" FROM policy_application
      WHERE status IN ('ENTITLED', 'APPROVED') AND pay_from IS NOT NULL
        AND pay_by >= (now() AT TIME ZONE 'Asia/Shanghai')::date
        AND extract(year FROM pay_from AT TIME ZONE 'Asia/Shanghai') <= $1
        AND extract(year FROM pay_by) >= $1`,
    [changedYear],
  );
  if (rows.length === 0) return;
  const byDay = new Map<string, PayDeadline>();
  const deadlines = rows.map((row) => {
    const day = beijingDayOf(row.payFrom);
    let counted = byDay.get(day);
    if (!counted) byDay.set(day, (counted = payDeadline(row.payFrom, calendar)));
    return counted;
  });
  await transaction.run(
    `UPDATE policy_application a SET pay_by = x.pay_by, provisional_pay_by = x.provisional, updated_at = now()
       FROM unnest($1::int[], $2::date[], $3::boolean[]) AS x(id, pay_by, provisional)
      WHERE a.id = x.id AND (a.pay_by, a.provisional_pay_by) IS DISTINCT FROM (x.pay_by, x.provisional)`,
    [
      rows.map((row) => row.id),
      deadlines.map((counted) => counted.payBy),
      deadlines.map((counted) => counted.provisional),
    ],
  );
};

/** Whether a deadline day has passed on `today` (both YYYY-MM-DD). */
export const isPastPayBy = (payBy: string, today: string) => today > payBy;
