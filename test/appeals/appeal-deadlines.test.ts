// Appeal deadlines against dates counted by hand on the State Council's schedules (held by the
// chinese-days package): the day of submission never counts; the end of a day is the next 00:00
// Beijing time (16:00 UTC); weekends made working days count, holidays do not.
import { freshDeadlines, lateStep, workingDaysBetween } from '../../src/appeals/appeal-deadlines';
import { AppealStatus } from '../../src/appeals/appeal-enums';
import { packagedYears } from '../../src/working-calendar/packaged-years';
import { yearSchedule } from '../../src/working-calendar/working-calendar';

const calendar = new Map(
  packagedYears().map((row) => [row.year, yearSchedule(row, 'PACKAGE')] as const),
);
const deadlinesOf = (submittedAt: string) => {
  const { deadlines, provisional } = freshDeadlines(new Date(submittedAt), calendar);
  return {
    acknowledgeBy: deadlines.acknowledgeBy.toISOString(),
    replyBy: deadlines.replyBy.toISOString(),
    resolveBy: deadlines.resolveBy.toISOString(),
    provisional,
  };
};

describe('appeal deadlines in working days', () => {
  it('skips the National Day week and counts Saturday 11 October 2025, a working weekend', () => {
    // Tue 30 Sep: 1 Oct–8 Oct off; Thu 9 (1st), Fri 10 (2nd), Sat 11 worked (3rd); the 15th is Tue 28.
    expect(deadlinesOf('2025-09-30T10:00:00+08:00')).toEqual({
      acknowledgeBy: '2025-10-09T16:00:00.000Z',
      replyBy: '2025-10-11T16:00:00.000Z',
      resolveBy: '2025-10-28T16:00:00.000Z',
      provisional: false,
    });
  });

  it('counts Sunday 28 September 2025, made a working day, as the 1st after a Saturday', () => {
    expect(deadlinesOf('2025-09-27T10:00:00+08:00')).toMatchObject({
      acknowledgeBy: '2025-09-28T16:00:00.000Z',
      replyBy: '2025-09-30T16:00:00.000Z',
      resolveBy: '2025-10-23T16:00:00.000Z',
    });
  });

  it('counts the Spring Festival’s working Saturdays (14 and 28 February 2026) and skips 15–23 February', () => {
    // Fri 13 Feb: Sat 14 worked (1st); off to Mon 23; Tue 24 (2nd), Wed 25 (3rd); Sat 28 is the
    // 6th, and the 15th Thu 12 March.
    expect(deadlinesOf('2026-02-13T15:00:00+08:00')).toEqual({
      acknowledgeBy: '2026-02-14T16:00:00.000Z',
      replyBy: '2026-02-25T16:00:00.000Z',
      resolveBy: '2026-03-12T16:00:00.000Z',
      provisional: false,
    });
  });

  it('counts from Monday for an appeal submitted on a Sunday', () => {
    expect(deadlinesOf('2026-11-08T11:00:00+08:00')).toEqual({
      acknowledgeBy: '2026-11-09T16:00:00.000Z',
      replyBy: '2026-11-11T16:00:00.000Z',
      resolveBy: '2026-11-27T16:00:00.000Z',
      provisional: false,
    });
  });

  it('counts 23:59 Beijing time as that day, and 00:00 as the next', () => {
    // 23:59 on Tue 10 Nov is 15:59 UTC, still the 10th in Beijing: Wed 11 is the 1st.
    expect(deadlinesOf('2026-11-10T23:59:00+08:00')).toMatchObject({
      acknowledgeBy: '2026-11-11T16:00:00.000Z',
      replyBy: '2026-11-13T16:00:00.000Z',
      resolveBy: '2026-12-01T16:00:00.000Z',
    });
    expect(deadlinesOf('2026-11-11T00:00:00+08:00')).toMatchObject({
      acknowledgeBy: '2026-11-12T16:00:00.000Z',
      replyBy: '2026-11-16T16:00:00.000Z',
    });
  });

  it('marks the deadlines provisional when one falls in a year without a schedule', () => {
    // 2027 is not held: weekends only (1 January 2027 counts as a working Friday).
    expect(deadlinesOf('2026-12-28T10:00:00+08:00')).toEqual({
      acknowledgeBy: '2026-12-29T16:00:00.000Z',
      replyBy: '2026-12-31T16:00:00.000Z',
      resolveBy: '2027-01-18T16:00:00.000Z',
      provisional: true,
    });
  });

  it('is late from the deadline’s instant on, for the first step not done', () => {
    const { deadlines } = freshDeadlines(new Date('2025-09-30T10:00:00+08:00'), calendar);
    const appeal = { status: AppealStatus.SUBMITTED, ...deadlines };
    expect(lateStep(appeal, new Date('2025-10-09T15:59:59.999Z'))).toBeNull();
    expect(lateStep(appeal, new Date('2025-10-09T16:00:00.000Z'))).toBe('acknowledge');
    expect(
      lateStep({ ...appeal, status: AppealStatus.ACKNOWLEDGED }, new Date('2025-10-10T00:00:00Z')),
    ).toBeNull();
    expect(
      lateStep({ ...appeal, status: AppealStatus.RESOLVED }, new Date('2030-01-01')),
    ).toBeNull();
  });

  it('counts working days to a resolution as the deadlines count them', () => {
    const submitted = new Date('2025-09-30T10:00:00+08:00');
    expect(workingDaysBetween(submitted, new Date('2025-10-28T12:00:00+08:00'), calendar)).toBe(15);
    expect(workingDaysBetween(submitted, new Date('2025-10-08T12:00:00+08:00'), calendar)).toBe(0);
  });
});
