// Deadlines in working days, hand-computed from the State Council's schedules as the
// chinese-days package holds them (2025 and 2026), and provisional in 2027, which it does not hold.
import { findWorkday } from 'chinese-days';
import { beijingDayOf, endOfBeijingDay } from '../../src/working-calendar/calendar-days';
import { packagedYears } from '../../src/working-calendar/packaged-years';
import { yearSchedule } from '../../src/working-calendar/working-calendar';
import {
  dayStatus,
  deadline,
  yearCalendar,
  type WorkingCalendarSchedules,
} from '../../src/working-calendar/working-days';

const calendar: WorkingCalendarSchedules = new Map(
  packagedYears().map((row) => [row.year, yearSchedule(row, 'PACKAGE')] as const),
);

/** An instant given in Beijing time, e.g. beijing('2025-09-30 23:59'). */
const beijing = (dayAndTime: string) => new Date(`${dayAndTime.replace(' ', 'T')}:00+08:00`);

const dueDay = (from: Date, workingDays: number) => deadline(from, workingDays, calendar).day;

describe('a Beijing-time day', () => {
  it('holds 23:59 Beijing (15:59 UTC) on that day and 00:00 Beijing (16:00 UTC) on the next', () => {
    expect(beijingDayOf(new Date('2026-03-02T15:59:00Z'))).toBe('2026-03-02');
    expect(beijingDayOf(new Date('2026-03-02T16:00:00Z'))).toBe('2026-03-03');
  });

  it('ends at the next day 00:00 Beijing time, 16:00 UTC', () => {
    expect(endOfBeijingDay('2025-10-09').toISOString()).toBe('2025-10-09T16:00:00.000Z');
  });
});

describe('the schedule held', () => {
  it('knows 2025 and 2026 from the package, and not 2027', () => {
    expect(calendar.has(2025)).toBe(true);
    expect(calendar.has(2026)).toBe(true);
    expect(calendar.has(2027)).toBe(false);
    expect(calendar.get(2026)!.holidays.size).toBe(33);
  });

  it('names a holiday and the weekend worked to make up for it', () => {
    expect(dayStatus('2025-10-01', calendar)).toEqual({
      date: '2025-10-01',
      working: false,
      name: '国庆节',
      known: true,
    });
    expect(dayStatus('2025-09-28', calendar)).toMatchObject({ working: true, name: '国庆节' });
    expect(dayStatus('2025-09-27', calendar)).toMatchObject({ working: false, name: null });
  });

  it('counts weekends only in a year without a schedule', () => {
    // 2027-01-01 is a Friday: surely New Year's Day, but not until its schedule is set.
    expect(dayStatus('2027-01-01', calendar)).toMatchObject({ working: true, known: false });
    expect(dayStatus('2027-01-02', calendar)).toMatchObject({ working: false, known: false });
  });

  it('lists every day of a year, 366 in a leap year', () => {
    expect(yearCalendar(2024, calendar)).toHaveLength(366);
    expect(yearCalendar(2026, calendar)).toHaveLength(365);
    expect(yearCalendar(2026, calendar).filter((day) => day.working)).toHaveLength(
      // 261 weekdays (365 days from a Thursday), less the holidays that fall on weekdays —
      // New Year 2, Spring Festival 6, Qingming 1, Labour Day 3, Dragon Boat 1, Mid-autumn 1,
      // National Day 5 — plus 6 working weekends.
      261 - (2 + 6 + 1 + 3 + 1 + 1 + 5) + 6,
    );
  });
});

describe('a deadline in working days', () => {
  it('skips National Day 2025 (Oct 1–8 off, Sat Oct 11 worked)', () => {
    // Submitted Tue Sep 30. Oct 1–8 are off: the 1st working day is Thu Oct 9, the 2nd Fri Oct 10,
    // the 3rd Sat Oct 11 (worked), then Oct 13–17 (4th–8th), Oct 20–24 (9th–13th),
    // Mon Oct 27 (14th) and Tue Oct 28 (15th).
    const submitted = beijing('2025-09-30 10:00');
    expect(deadline(submitted, 1, calendar)).toEqual({
      day: '2025-10-09',
      at: new Date('2025-10-09T16:00:00Z'),
      provisional: false,
    });
    expect(dueDay(submitted, 3)).toBe('2025-10-11');
    expect(dueDay(submitted, 15)).toBe('2025-10-28');
  });

  it('skips the Spring Festival 2026 and counts its two working Saturdays', () => {
    // 2026: Feb 15 (Sun) to Feb 23 (Mon) off; Sat Feb 14 and Sat Feb 28 worked.
    // Submitted Fri Feb 13: 1st = Sat Feb 14 (worked); Feb 15–23 off; 2nd = Tue Feb 24,
    // 3rd = Wed Feb 25, 4th Thu 26, 5th Fri 27, 6th = Sat Feb 28 (worked), then Mar 2–6
    // (7th–11th) and Mar 9–12 (12th–15th): the 15th is Thu Mar 12.
    const submitted = beijing('2026-02-13 10:00');
    expect(dueDay(submitted, 1)).toBe('2026-02-14');
    expect(dueDay(submitted, 2)).toBe('2026-02-24');
    expect(dueDay(submitted, 3)).toBe('2026-02-25');
    expect(dueDay(submitted, 6)).toBe('2026-02-28');
    expect(dueDay(submitted, 15)).toBe('2026-03-12');
  });

  it('never counts the day of submission: a Sunday, and a Sunday that was worked', () => {
    // Sun Mar 1 2026: 1st = Mon Mar 2, 3rd = Wed Mar 4, 15th = Fri Mar 20 (no holiday in March).
    expect(dueDay(beijing('2026-03-01 09:00'), 1)).toBe('2026-03-02');
    expect(dueDay(beijing('2026-03-01 09:00'), 3)).toBe('2026-03-04');
    expect(dueDay(beijing('2026-03-01 09:00'), 15)).toBe('2026-03-20');
    // Sun Sep 28 2025 was a working day, but the day of submission never counts: 1st = Mon Sep 29.
    expect(dueDay(beijing('2025-09-28 09:00'), 1)).toBe('2025-09-29');
  });

  it('counts from the Beijing-time day: 23:59 is still that day, 00:00 the next', () => {
    // Mon Mar 2 2026 23:59 Beijing (15:59 UTC): 1st = Tue Mar 3. One minute later it is Tue
    // Mar 3 in Beijing (though still Mar 2 in UTC): 1st = Wed Mar 4.
    expect(deadline(new Date('2026-03-02T15:59:00Z'), 1, calendar).at).toEqual(
      new Date('2026-03-03T16:00:00Z'),
    );
    expect(deadline(new Date('2026-03-02T16:00:00Z'), 1, calendar).at).toEqual(
      new Date('2026-03-04T16:00:00Z'),
    );
  });

  it('is provisional once it runs into a year without a schedule, counting weekends only', () => {
    // Thu Dec 24 2026: Dec 25 (1st), Dec 28–31 (2nd–5th); 2027 is not held: Fri Jan 1 (6th),
    // Jan 4–8 (7th–11th), Jan 11–14 (12th–15th).
    const submitted = beijing('2026-12-24 10:00');
    expect(deadline(submitted, 3, calendar)).toMatchObject({
      day: '2026-12-29',
      provisional: false,
    });
    expect(deadline(submitted, 15, calendar)).toEqual({
      day: '2027-01-14',
      at: new Date('2027-01-14T16:00:00Z'),
      provisional: true,
    });
  });

  it('agrees with the package’s own count wherever the package holds the schedule', () => {
    // 60 working days (policies' payment time) and the appeals' 1, 3, 15 and 30 from every day
    // of 2025: the walk stays inside the years the package knows.
    for (const { date } of yearCalendar(2025, calendar)) {
      for (const workingDays of [1, 3, 15, 30, 60]) {
        expect([date, workingDays, dueDay(beijing(`${date} 12:00`), workingDays)]).toEqual([
          date,
          workingDays,
          findWorkday(workingDays, date),
        ]);
      }
    }
  });

  it('refuses a count that is not a whole number from 1 to 1000', () => {
    for (const workingDays of [0, -1, 1.5, 1001, Number.NaN])
      expect(() => deadline(beijing('2026-03-02 10:00'), workingDays, calendar)).toThrow(
        RangeError,
      );
  });
});
