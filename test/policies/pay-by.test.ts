// payBy: 60 working days of the mainland's calendar after approval or entitlement, across the
// National Day and Spring Festival holidays with their adjusted working weekends (checked against
// chinese-days' own count, not ours), and provisional where a year's schedule is not yet known.
import { findWorkday } from 'chinese-days';
import { payDeadline, PAY_WITHIN_WORKING_DAYS } from '../../src/policies/pay-by';
import { packagedYears } from '../../src/working-calendar/packaged-years';
import { yearSchedule } from '../../src/working-calendar/working-calendar';

const calendar = new Map(
  packagedYears().map((row) => [row.year, yearSchedule(row, 'PACKAGE')] as const),
);
/** 10:00 Beijing time of a day. */
const approvedOn = (day: string) => new Date(`${day}T02:00:00Z`);

/** Weekdays after `from`, counting weekends only: what payBy would be without the holidays. */
function weekdaysOnly(from: string, n: number): string {
  let day = new Date(`${from}T00:00:00Z`);
  for (let counted = 0; counted < n;) {
    day = new Date(day.getTime() + 86_400_000);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) counted++;
  }
  return day.toISOString().slice(0, 10);
}

describe('payBy', () => {
  it('counts 60 working days across National Day 2025 (Oct 1–8 off, Sep 28 and Oct 11 worked)', () => {
    const { payBy, provisional } = payDeadline(approvedOn('2025-09-30'), calendar);
    expect(payBy).toBe(findWorkday(PAY_WITHIN_WORKING_DAYS, '2025-09-30'));
    expect(provisional).toBe(false);
    // Six weekdays off (Oct 1, 2, 3, 6, 7, 8), one Saturday worked (Oct 11): five days later.
    expect(payBy).toBe('2025-12-30');
    expect(weekdaysOnly('2025-09-30', 60)).toBe('2025-12-23');
  });

  it('counts across the Spring Festival 2026 (Feb 15–23 off, Feb 14 and Feb 28 worked)', () => {
    const { payBy, provisional } = payDeadline(approvedOn('2026-01-20'), calendar);
    expect(payBy).toBe(findWorkday(PAY_WITHIN_WORKING_DAYS, '2026-01-20'));
    expect(provisional).toBe(false);
    expect(payBy > weekdaysOnly('2026-01-20', 60)).toBe(true);
  });

  it('does not count the day of approval, even late at night', () => {
    const lateOnSeptember30 = new Date('2025-09-30T15:59:00Z');
    expect(payDeadline(lateOnSeptember30, calendar).payBy).toBe(
      payDeadline(approvedOn('2025-09-30'), calendar).payBy,
    );
  });

  it('is provisional when it runs into a year whose schedule is not known, weekends only there', () => {
    const { payBy, provisional } = payDeadline(approvedOn('2026-12-01'), calendar);
    expect(provisional).toBe(true);
    expect(payBy.startsWith('2027-')).toBe(true);
  });
});
