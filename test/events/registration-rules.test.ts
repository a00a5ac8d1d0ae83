// The rules of registrations and event fields as pure functions, without a database.
import { Role } from '../../src/auth/role';
import { PUBLIC_VIEWER, type Viewer } from '../../src/auth/viewer';
import { EventKind, RegistrationStatus } from '../../src/events/event-enums';
import { eventStatus } from '../../src/events/event.entity';
import {
  checkCapacity,
  checkCapacityCovers,
  checkSchedule,
  withinOrganizerRegion,
} from '../../src/events/event-rules';
import {
  REGISTRATION_MOVES,
  RegistrationCapacity,
  canSeeRegistration,
  checkEligibility,
  checkOutcome,
  checkRegistrationMove,
  checkRegistrationOpen,
  placementFor,
  promotionsFor,
  registrationCapacities,
} from '../../src/events/registration-rules';
import { DomainError } from '../../src/schema/errors';
import { EnterpriseScale, SpecializationLevel } from '../../src/services/eligibility';

const { CONFIRMED, WAITLISTED, CANCELLED, ATTENDED, NO_SHOW } = RegistrationStatus;
const { ORGANIZER, CREATOR, ADMIN } = RegistrationCapacity;
const NOW = new Date('2026-06-01T04:00:00Z');
const days = (n: number) => new Date(NOW.getTime() + n * 86_400_000);

/** The error `run` throws, as code, field and details. */
function refusal(run: () => void) {
  try {
    run();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { code: error.code, field: error.field, ...error.details };
  }
  return null;
}

const viewer = (role: Role, ids: Partial<Viewer> = {}): Viewer => ({
  ...PUBLIC_VIEWER,
  role,
  name: role,
  ...ids,
});

describe('placementFor', () => {
  it('gives a seat while one is left, then the next place in line', () => {
    expect(placementFor({ capacity: 2, confirmedCount: 1, waitlistCount: 0 })).toEqual({
      status: CONFIRMED,
      waitlistPosition: null,
    });
    expect(placementFor({ capacity: 2, confirmedCount: 2, waitlistCount: 0 })).toEqual({
      status: WAITLISTED,
      waitlistPosition: 1,
    });
    expect(placementFor({ capacity: 2, confirmedCount: 2, waitlistCount: 7 })).toEqual({
      status: WAITLISTED,
      waitlistPosition: 8,
    });
  });
});

describe('promotionsFor', () => {
  it('moves up as many as seats are free and people wait, none once the event has started', () => {
    expect(promotionsFor({ capacity: 50, confirmedCount: 49, waitlistCount: 150 }, false)).toBe(1);
    expect(promotionsFor({ capacity: 50, confirmedCount: 40, waitlistCount: 3 }, false)).toBe(3);
    expect(promotionsFor({ capacity: 50, confirmedCount: 50, waitlistCount: 3 }, false)).toBe(0);
    expect(promotionsFor({ capacity: 50, confirmedCount: 40, waitlistCount: 3 }, true)).toBe(0);
  });
});

describe('checkEligibility', () => {
  const event = {
    code: 'EV-1',
    eligibleScales: [EnterpriseScale.MICRO],
    minSpecialization: SpecializationLevel.SPECIALIZED,
  };
  it('admits a fitting enterprise and refuses the others with NOT_ELIGIBLE', () => {
    const fits = { scale: EnterpriseScale.MICRO, specialization: SpecializationLevel.LITTLE_GIANT };
    expect(refusal(() => checkEligibility(event, fits))).toBeNull();
    expect(
      refusal(() => checkEligibility(event, { ...fits, scale: EnterpriseScale.SMALL })),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'enterprise.scale',
      reason: 'NOT_ELIGIBLE',
    });
    expect(
      refusal(() => checkEligibility(event, { ...fits, specialization: SpecializationLevel.NONE })),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'enterprise.specialization',
      reason: 'NOT_ELIGIBLE',
    });
    expect(
      refusal(() =>
        checkEligibility(
          { ...event, eligibleScales: [], minSpecialization: SpecializationLevel.NONE },
          {
            scale: EnterpriseScale.MEDIUM,
            specialization: SpecializationLevel.NONE,
          },
        ),
      ),
    ).toBeNull();
  });
});

describe('checkRegistrationOpen', () => {
  const event = {
    code: 'EV-1',
    cancelledAt: null,
    startsAt: days(10),
    registrationClosesAt: days(5),
  };
  it('is open until the deadline, closed from it, and never for a cancelled event', () => {
    expect(refusal(() => checkRegistrationOpen(event, NOW))).toBeNull();
    expect(refusal(() => checkRegistrationOpen(event, days(5)))).toEqual({
      code: 'CONFLICT',
      field: 'eventCode',
      reason: 'REGISTRATION_CLOSED',
    });
    expect(refusal(() => checkRegistrationOpen({ ...event, cancelledAt: days(-1) }, NOW))).toEqual({
      code: 'CONFLICT',
      field: 'eventCode',
      reason: 'EVENT_CANCELLED',
    });
  });
});

describe('checkRegistrationMove', () => {
  const event = { code: 'EV-1', startsAt: days(1) };
  it('follows the table: who may make each move, and when', () => {
    expect(
      refusal(() => checkRegistrationMove(CONFIRMED, CANCELLED, [CREATOR], event, NOW)),
    ).toBeNull();
    expect(
      refusal(() => checkRegistrationMove(WAITLISTED, CANCELLED, [ORGANIZER], event, NOW)),
    ).toBeNull();
    expect(
      refusal(() => checkRegistrationMove(CONFIRMED, ATTENDED, [ORGANIZER], event, days(2))),
    ).toBeNull();
    expect(
      refusal(() => checkRegistrationMove(NO_SHOW, ATTENDED, [ADMIN], event, days(2))),
    ).toBeNull();
    // Too early, too late, the wrong party, a move the table does not have.
    expect(
      refusal(() => checkRegistrationMove(CONFIRMED, ATTENDED, [ORGANIZER], event, NOW)),
    ).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(
      refusal(() => checkRegistrationMove(CONFIRMED, CANCELLED, [CREATOR], event, days(2))),
    ).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(
      refusal(() => checkRegistrationMove(CONFIRMED, ATTENDED, [CREATOR], event, days(2))),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      refusal(() => checkRegistrationMove(CANCELLED, CONFIRMED, [ADMIN], event, NOW)),
    ).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(
      refusal(() => checkRegistrationMove(WAITLISTED, ATTENDED, [ADMIN], event, days(2))),
    ).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('never lets a client move anyone to CONFIRMED or WAITLISTED: only a free seat does', () => {
    const targets = Object.values(REGISTRATION_MOVES).flatMap((moves) =>
      moves.map((move) => move.to),
    );
    expect(targets).not.toContain(CONFIRMED);
    expect(targets).not.toContain(WAITLISTED);
    expect(REGISTRATION_MOVES[CANCELLED]).toEqual([]);
  });
});

describe('registrationCapacities', () => {
  const parties = { organizerId: 7, apiKeyId: 3 };
  it('names the organizer’s staff, the partner that registered and admins, and no one else', () => {
    expect(
      registrationCapacities(viewer(Role.INSTITUTION_STAFF, { institutionId: 7 }), parties),
    ).toEqual([ORGANIZER]);
    expect(
      registrationCapacities(viewer(Role.INSTITUTION_STAFF, { institutionId: 8 }), parties),
    ).toEqual([]);
    expect(registrationCapacities(viewer(Role.PARTNER, { apiKeyId: 3 }), parties)).toEqual([
      CREATOR,
    ]);
    expect(registrationCapacities(viewer(Role.PARTNER, { apiKeyId: 4 }), parties)).toEqual([]);
    expect(registrationCapacities(viewer(Role.ADMIN), parties)).toEqual([ADMIN]);
    expect(canSeeRegistration(PUBLIC_VIEWER, parties)).toBe(false);
    // A registration the organizer took itself belongs to no partner.
    expect(
      canSeeRegistration(viewer(Role.PARTNER, { apiKeyId: 3 }), { organizerId: 7, apiKeyId: null }),
    ).toBe(false);
  });
});

describe('checkOutcome', () => {
  const event = { code: 'EV-1', kind: EventKind.FINANCING_MATCHMAKING, startsAt: days(-1) };
  it('takes outcomes of matchmaking events, once held, for enterprises that attended', () => {
    expect(refusal(() => checkOutcome(event, { status: ATTENDED }, 'X', NOW))).toBeNull();
    expect(refusal(() => checkOutcome(event, { status: NO_SHOW }, 'X', NOW))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'creditCode',
    });
    expect(refusal(() => checkOutcome(event, null, 'X', NOW))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'creditCode',
    });
    expect(
      refusal(() => checkOutcome({ ...event, startsAt: days(1) }, { status: ATTENDED }, 'X', NOW)),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'eventCode' });
    expect(
      refusal(() =>
        checkOutcome({ ...event, kind: EventKind.TRAINING }, { status: ATTENDED }, 'X', NOW),
      ),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'eventCode' });
  });
});

describe('the event’s own fields', () => {
  it('checks the time window', () => {
    const ok = { startsAt: days(2), endsAt: days(2.1), registrationClosesAt: days(1) };
    expect(refusal(() => checkSchedule(ok, NOW))).toBeNull();
    expect(refusal(() => checkSchedule({ ...ok, endsAt: days(2) }, NOW))).toMatchObject({
      field: 'endsAt',
    });
    expect(
      refusal(() => checkSchedule({ ...ok, registrationClosesAt: days(3) }, NOW)),
    ).toMatchObject({ field: 'registrationClosesAt' });
    expect(
      refusal(() =>
        checkSchedule({ ...ok, startsAt: days(-1), registrationClosesAt: days(-2) }, NOW),
      ),
    ).toMatchObject({ field: 'startsAt' });
    // A start that has passed stands when it is not being changed.
    expect(
      refusal(() =>
        checkSchedule({ ...ok, startsAt: days(-1), registrationClosesAt: days(-2) }, NOW, false),
      ),
    ).toBeNull();
    expect(
      refusal(() =>
        checkSchedule({ ...ok, startsAt: days(6 * 366), endsAt: days(6 * 366 + 1) }, NOW),
      ),
    ).toMatchObject({ field: 'startsAt' });
  });

  it('checks seats', () => {
    expect(refusal(() => checkCapacity(1))).toBeNull();
    for (const bad of [0, -1, 1.5, 100_001])
      expect(refusal(() => checkCapacity(bad))).toMatchObject({ field: 'capacity' });
    expect(refusal(() => checkCapacityCovers(10, 10))).toBeNull();
    expect(refusal(() => checkCapacityCovers(9, 10))).toMatchObject({ field: 'capacity' });
  });

  it('keeps events in the organizer’s region or below', () => {
    expect(withinOrganizerRegion(null, '650102')).toBe(true);
    expect(withinOrganizerRegion('440000', '441900')).toBe(true);
    expect(withinOrganizerRegion('420000', '429004')).toBe(true);
    expect(withinOrganizerRegion('441900', '440100')).toBe(false);
    expect(withinOrganizerRegion('110101', '110102')).toBe(false);
  });

  it('derives the status from the clock', () => {
    const event = { cancelledAt: null, endsAt: days(1) };
    expect(eventStatus(event, NOW)).toBe('SCHEDULED');
    expect(eventStatus(event, days(1))).toBe('COMPLETED');
    expect(eventStatus({ ...event, cancelledAt: days(-1) }, days(2))).toBe('CANCELLED');
  });
});
