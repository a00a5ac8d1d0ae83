// The rules of one event's own fields as pure functions: a time window that ends after it starts,
// registration that closes by the start, a start still ahead, a sane number of seats, and where
// an organizer may hold events (its own region and below; the national centre anywhere).
import { regionCodeRange } from '../regions/region-code';
import { badInput } from '../schema/errors';

export const MAX_CAPACITY = 100_000;
/** Events are planned at most this far ahead. */
export const MAX_YEARS_AHEAD = 5;

export interface Schedule {
  startsAt: Date;
  endsAt: Date;
  registrationClosesAt: Date;
}

const iso = (date: Date) => date.toISOString();

/**
 * BAD_USER_INPUT naming the field unless the window ends after it starts, registration closes by
 * the start and the start lies ahead of `now` (within MAX_YEARS_AHEAD). `startChanged` false
 * leaves a start that has passed alone (a title change of a running event).
 */
export function checkSchedule(schedule: Schedule, now: Date, startChanged = true): void {
  const { startsAt, endsAt, registrationClosesAt } = schedule;
  if (startChanged && startsAt.getTime() <= now.getTime()) {
    throw badInput(`startsAt ${iso(startsAt)} has passed: events are planned ahead`, 'startsAt');
  }
  const horizon = new Date(now);
  horizon.setUTCFullYear(horizon.getUTCFullYear() + MAX_YEARS_AHEAD);
  if (startsAt.getTime() > horizon.getTime()) {
    throw badInput(
      `startsAt ${iso(startsAt)} is more than ${MAX_YEARS_AHEAD} years ahead: plan events within ${MAX_YEARS_AHEAD} years`,
      'startsAt',
    );
  }
  if (endsAt.getTime() <= startsAt.getTime()) {
    throw badInput(
      `endsAt ${iso(endsAt)} must be after startsAt ${iso(startsAt)}: an event ends after it starts`,
      'endsAt',
    );
  }
  if (registrationClosesAt.getTime() > startsAt.getTime()) {
    throw badInput(
      `registrationClosesAt ${iso(registrationClosesAt)} is after startsAt ${iso(startsAt)}: registration closes when the event starts at the latest`,
      'registrationClosesAt',
    );
  }
}

/** BAD_USER_INPUT unless capacity is a whole number of seats from 1 to MAX_CAPACITY. */
export function checkCapacity(capacity: number): void {
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > MAX_CAPACITY) {
    throw badInput(
      `capacity must be between 1 and ${MAX_CAPACITY} seats, got ${capacity}`,
      'capacity',
    );
  }
}

/** BAD_USER_INPUT when a new capacity would leave confirmed registrations without a seat. */
export function checkCapacityCovers(capacity: number, confirmedCount: number): void {
  if (capacity < confirmedCount) {
    throw badInput(
      `capacity ${capacity} is below the ${confirmedCount} seats already held: keep at least ${confirmedCount}, or cancel registrations first`,
      'capacity',
    );
  }
}

/** Whether an organizer serving `organizerRegion` (null: the nation) may hold an event in `regionCode`. */
export function withinOrganizerRegion(organizerRegion: string | null, regionCode: string): boolean {
  if (organizerRegion === null) return true;
  const [low, high] = regionCodeRange(organizerRegion);
  return regionCode >= low && regionCode <= high;
}
