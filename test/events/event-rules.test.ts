// The rules of one event's own fields, without a database: a time window that ends after it
// starts, registration that closes by the start, a start ahead but within five years, a sane
// number of seats, and the regions an organizer may hold events in. Each boundary is tested on
// both sides; the messages are what a client reads, so they are pinned word for word.
import {
  MAX_CAPACITY,
  MAX_YEARS_AHEAD,
  checkCapacity,
  checkCapacityCovers,
  checkSchedule,
  withinOrganizerRegion,
} from '../../src/events/event-rules';
import { DomainError } from '../../src/schema/errors';

const NOW = new Date('2026-06-01T04:00:00Z');
const days = (n: number) => new Date(NOW.getTime() + n * 86_400_000);
const ms = (date: Date, n: number) => new Date(date.getTime() + n);

/** The error `run` throws, as code, field and message; null when it throws nothing. */
function refusal(run: () => void) {
  try {
    run();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { code: error.code, field: error.field, message: error.message };
  }
  return null;
}

describe('checkSchedule', () => {
  const ok = { startsAt: days(2), endsAt: days(2.1), registrationClosesAt: days(1) };

  it('accepts a window ahead that ends after it starts, registration closing before', () => {
    expect(refusal(() => checkSchedule(ok, NOW))).toBeNull();
  });

  it('refuses a start that has passed, or is now, when the start is being set', () => {
    const passed = { ...ok, startsAt: days(-1), registrationClosesAt: days(-2) };
    expect(refusal(() => checkSchedule(passed, NOW))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'startsAt',
      message: 'startsAt 2026-05-31T04:00:00.000Z has passed: events are planned ahead',
    });
    expect(
      refusal(() => checkSchedule({ ...ok, startsAt: NOW, registrationClosesAt: NOW }, NOW)),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'startsAt',
      message: 'startsAt 2026-06-01T04:00:00.000Z has passed: events are planned ahead',
    });
    expect(
      refusal(() =>
        checkSchedule({ ...ok, startsAt: ms(NOW, 1), registrationClosesAt: ms(NOW, 1) }, NOW),
      ),
    ).toBeNull();
  });

  it('leaves a start that has passed alone when it is not being changed', () => {
    const running = { ...ok, startsAt: days(-1), registrationClosesAt: days(-2) };
    expect(refusal(() => checkSchedule(running, NOW, false))).toBeNull();
    // The rest of the window still has to hold.
    expect(
      refusal(() => checkSchedule({ ...running, endsAt: days(-1) }, NOW, false)),
    ).toMatchObject({ field: 'endsAt' });
  });

  it(`plans events up to ${MAX_YEARS_AHEAD} years ahead to the millisecond, and no further`, () => {
    expect(MAX_YEARS_AHEAD).toBe(5);
    const horizon = new Date('2031-06-01T04:00:00.000Z');
    const at = (startsAt: Date) => ({
      startsAt,
      endsAt: days(3 * 366),
      registrationClosesAt: days(1),
    });
    expect(
      refusal(() => checkSchedule({ ...at(horizon), endsAt: ms(horizon, 3_600_000) }, NOW)),
    ).toBeNull();
    expect(
      refusal(() => checkSchedule({ ...at(ms(horizon, 1)), endsAt: ms(horizon, 3_600_000) }, NOW)),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'startsAt',
      message:
        'startsAt 2031-06-01T04:00:00.001Z is more than 5 years ahead: plan events within 5 years',
    });
  });

  it('keeps the horizon when the start is not being changed', () => {
    const far = {
      startsAt: days(6 * 366),
      endsAt: days(6 * 366 + 1),
      registrationClosesAt: days(1),
    };
    expect(refusal(() => checkSchedule(far, NOW, false))).toMatchObject({ field: 'startsAt' });
  });

  it('refuses an end at or before the start', () => {
    expect(refusal(() => checkSchedule({ ...ok, endsAt: ok.startsAt }, NOW))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'endsAt',
      message:
        'endsAt 2026-06-03T04:00:00.000Z must be after startsAt 2026-06-03T04:00:00.000Z: an event ends after it starts',
    });
    expect(refusal(() => checkSchedule({ ...ok, endsAt: days(1.5) }, NOW))).toMatchObject({
      field: 'endsAt',
    });
    expect(refusal(() => checkSchedule({ ...ok, endsAt: ms(ok.startsAt, 1) }, NOW))).toBeNull();
  });

  it('lets registration close when the event starts at the latest, not a millisecond later', () => {
    expect(
      refusal(() => checkSchedule({ ...ok, registrationClosesAt: ok.startsAt }, NOW)),
    ).toBeNull();
    expect(
      refusal(() => checkSchedule({ ...ok, registrationClosesAt: ms(ok.startsAt, 1) }, NOW)),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'registrationClosesAt',
      message:
        'registrationClosesAt 2026-06-03T04:00:00.001Z is after startsAt 2026-06-03T04:00:00.000Z: registration closes when the event starts at the latest',
    });
  });
});

describe('checkCapacity', () => {
  it(`takes a whole number of seats from 1 to ${MAX_CAPACITY}`, () => {
    expect(MAX_CAPACITY).toBe(100_000);
    for (const good of [1, 2, 50, MAX_CAPACITY])
      expect(refusal(() => checkCapacity(good))).toBeNull();
  });

  it.each([0, -1, 1.5, MAX_CAPACITY + 1, Number.NaN, Number.POSITIVE_INFINITY])(
    'refuses %p seats, naming the range',
    (bad) => {
      expect(refusal(() => checkCapacity(bad))).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'capacity',
        message: `capacity must be between 1 and 100000 seats, got ${bad}`,
      });
    },
  );
});

describe('checkCapacityCovers', () => {
  it('lets capacity shrink down to the seats already held, not below', () => {
    expect(refusal(() => checkCapacityCovers(10, 10))).toBeNull();
    expect(refusal(() => checkCapacityCovers(11, 10))).toBeNull();
    expect(refusal(() => checkCapacityCovers(9, 10))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'capacity',
      message:
        'capacity 9 is below the 10 seats already held: keep at least 10, or cancel registrations first',
    });
  });
});

describe('withinOrganizerRegion', () => {
  it('lets the national centre hold events anywhere', () => {
    expect(withinOrganizerRegion(null, '650102')).toBe(true);
    expect(withinOrganizerRegion(null, '110000')).toBe(true);
  });

  it.each([
    // A province: itself and every code under it, 440000–449999.
    ['440000', '440000', true],
    ['440000', '441900', true],
    ['440000', '449999', true],
    ['440000', '439999', false],
    ['440000', '450000', false],
    // Counties under a pseudo-prefecture still belong to their province.
    ['420000', '429004', true],
    // A prefecture: itself and its counties, 441900–441999.
    ['441900', '441900', true],
    ['441900', '441999', true],
    ['441900', '441899', false],
    ['441900', '442000', false],
    ['441900', '440100', false],
    ['441900', '440000', false],
    // A county: only itself.
    ['110101', '110101', true],
    ['110101', '110102', false],
    ['110101', '110100', false],
  ])('an organizer of %s may hold events in %s: %p', (organizer, region, allowed) => {
    expect(withinOrganizerRegion(organizer, region)).toBe(allowed);
  });
});
