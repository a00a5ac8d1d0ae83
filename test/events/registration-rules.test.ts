// The rules of event registrations as pure functions, without a database: where a registration
// goes, who may join, when registration is open, which status may follow which (by whom, when),
// who sees a registration and who may run events, and when an outcome may be recorded. The
// messages and reasons are what a client acts on, so they are pinned here word for word.
import { Role } from '../../src/auth/role';
import { PUBLIC_VIEWER, actorName, type Viewer } from '../../src/auth/viewer';
import { EventKind, RegistrationStatus } from '../../src/events/event-enums';
import { eventStatus } from '../../src/events/event.entity';
import {
  HOLDS_SEAT,
  OUTCOME_KINDS,
  REGISTRATION_TRANSITIONS,
  RegistrationParty,
  alreadyRegistered,
  canSeeRegistration,
  checkNotCancelled,
  checkOutcome,
  checkRegistrationMove,
  checkRegistrationOpen,
  placementFor,
  promotionsFor,
  registrationPartiesOf,
  managesEventsOf,
  requireOrganizer,
  requireStaffOrAdmin,
} from '../../src/events/registration-rules';
import { DomainError } from '../../src/schema/errors';
import { EnterpriseScale, SpecializationLevel } from '../../src/services/eligibility';
import { checkVerifiedEligibility } from '../../src/services/verified-standing';

const { CONFIRMED, WAITLISTED, CANCELLED, ATTENDED, NO_SHOW } = RegistrationStatus;
const { ORGANIZER, CREATOR, ADMIN } = RegistrationParty;
const NOW = new Date('2026-06-01T04:00:00Z');
const days = (n: number) => new Date(NOW.getTime() + n * 86_400_000);
const ms = (date: Date, n: number) => new Date(date.getTime() + n);

/** The error `run` throws, as code, field, details and message; null when it throws nothing. */
function refusal(run: () => void) {
  try {
    run();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { code: error.code, field: error.field, ...error.details, message: error.message };
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

  it('gives the last seat to the one who takes it, then waitlists the next', () => {
    expect(placementFor({ capacity: 1, confirmedCount: 0, waitlistCount: 0 })).toEqual({
      status: CONFIRMED,
      waitlistPosition: null,
    });
    expect(placementFor({ capacity: 1, confirmedCount: 1, waitlistCount: 0 })).toEqual({
      status: WAITLISTED,
      waitlistPosition: 1,
    });
  });
});

describe('HOLDS_SEAT', () => {
  it('counts confirmed and attended registrations against capacity, and no others', () => {
    expect([...HOLDS_SEAT].sort()).toEqual([ATTENDED, CONFIRMED]);
  });
});

describe('promotionsFor', () => {
  it('moves up as many as seats are free and people wait, none once the event has started', () => {
    expect(promotionsFor({ capacity: 50, confirmedCount: 49, waitlistCount: 150 }, false)).toBe(1);
    expect(promotionsFor({ capacity: 50, confirmedCount: 40, waitlistCount: 3 }, false)).toBe(3);
    expect(promotionsFor({ capacity: 50, confirmedCount: 47, waitlistCount: 3 }, false)).toBe(3);
    expect(promotionsFor({ capacity: 50, confirmedCount: 50, waitlistCount: 3 }, false)).toBe(0);
    expect(promotionsFor({ capacity: 50, confirmedCount: 40, waitlistCount: 0 }, false)).toBe(0);
    expect(promotionsFor({ capacity: 50, confirmedCount: 40, waitlistCount: 3 }, true)).toBe(0);
  });

  it('never moves a negative number when more seats are held than the event has', () => {
    expect(promotionsFor({ capacity: 10, confirmedCount: 12, waitlistCount: 3 }, false)).toBe(0);
  });
});

describe('checkVerifiedEligibility, for an event', () => {
  const event = {
    eligibleScales: [EnterpriseScale.MICRO],
    minSpecialization: SpecializationLevel.SPECIALIZED,
  };
  const fits = {
    creditCode: '91440300MA5FXXXX0X',
    scale: EnterpriseScale.MICRO,
    level: SpecializationLevel.LITTLE_GIANT,
    live: ['LITTLE_GIANT (2025-1, valid through 2028-07-01)'],
  };
  const check = (rule: typeof event, standing: typeof fits) => () =>
    checkVerifiedEligibility(rule, standing, 'event EV-1');

  it('admits an enterprise of a listed scale with the verified standing asked for or higher', () => {
    expect(refusal(check(event, fits))).toBeNull();
    expect(refusal(check(event, { ...fits, level: SpecializationLevel.SPECIALIZED }))).toBeNull();
  });

  it('admits every scale and standing when the event lists no scales and asks for none', () => {
    expect(
      refusal(
        check(
          { eligibleScales: [], minSpecialization: SpecializationLevel.NONE },
          { ...fits, scale: EnterpriseScale.MEDIUM, level: SpecializationLevel.NONE, live: [] },
        ),
      ),
    ).toBeNull();
  });

  it('refuses a scale the event is not open to, naming the scales it is open to', () => {
    expect(
      refusal(
        check(
          { ...event, eligibleScales: [EnterpriseScale.MICRO, EnterpriseScale.SMALL] },
          { ...fits, scale: EnterpriseScale.MEDIUM },
        ),
      ),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'enterprise.scale',
      reason: 'NOT_ELIGIBLE',
      message:
        'event EV-1 is open to MICRO/SMALL enterprises only, and 91440300MA5FXXXX0X is MEDIUM: choose one open to its scale',
    });
  });

  it('refuses a verified standing below the one the event asks for, saying what the registry holds', () => {
    expect(refusal(check(event, { ...fits, level: SpecializationLevel.NONE, live: [] }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'enterprise.creditCode',
      reason: 'NOT_ELIGIBLE',
      message:
        'event EV-1 requires SPECIALIZED; the registry holds no live designation for 91440300MA5FXXXX0X (a declared specialization does not count): choose one open to its standing',
    });
    expect(
      refusal(
        check(event, {
          ...fits,
          level: SpecializationLevel.NONE,
          live: ['INNOVATIVE_SME (2025-1, valid through 2028-07-01)'],
        }),
      ),
    ).toMatchObject({
      message: expect.stringContaining(
        'the registry holds INNOVATIVE_SME (2025-1, valid through 2028-07-01) for 91440300MA5FXXXX0X',
      ),
    });
  });
});

describe('checkNotCancelled', () => {
  it('lets nothing change about a cancelled event, and says when it was cancelled', () => {
    expect(refusal(() => checkNotCancelled({ code: 'EV-1', cancelledAt: null }))).toBeNull();
    expect(refusal(() => checkNotCancelled({ code: 'EV-1', cancelledAt: days(-1) }))).toEqual({
      code: 'CONFLICT',
      field: 'eventCode',
      reason: 'EVENT_CANCELLED',
      message:
        'event EV-1 was cancelled on 2026-05-31T04:00:00.000Z: nothing about it can change any more',
    });
  });
});

describe('checkRegistrationOpen', () => {
  const event = {
    code: 'EV-1',
    cancelledAt: null,
    startsAt: days(10),
    registrationClosesAt: days(5),
  };

  it('is open until the deadline, up to its last millisecond', () => {
    expect(refusal(() => checkRegistrationOpen(event, NOW))).toBeNull();
    expect(refusal(() => checkRegistrationOpen(event, ms(days(5), -1)))).toBeNull();
  });

  it('closes at its closing time, not a millisecond later, and points to a later event', () => {
    const closed = {
      code: 'CONFLICT',
      field: 'eventCode',
      reason: 'REGISTRATION_CLOSED',
      message:
        'registration for event EV-1 closed at 2026-06-06T04:00:00.000Z: look for a later event',
    };
    expect(refusal(() => checkRegistrationOpen(event, days(5)))).toEqual(closed);
    expect(refusal(() => checkRegistrationOpen(event, days(6)))).toEqual(closed);
  });

  it('never takes registrations for a cancelled event, and says so before the deadline does', () => {
    const cancelled = { ...event, cancelledAt: days(-1) };
    for (const now of [NOW, days(6)])
      expect(refusal(() => checkRegistrationOpen(cancelled, now))).toMatchObject({
        code: 'CONFLICT',
        reason: 'EVENT_CANCELLED',
      });
  });
});

describe('alreadyRegistered', () => {
  it('tells the client the enterprise holds a live registration and how to register again', () => {
    const error = alreadyRegistered('EV-1', '91440300MA5FXXXX0X', WAITLISTED);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('CONFLICT');
    expect(error.field).toBe('enterprise.creditCode');
    expect(error.details).toEqual({ reason: 'ALREADY_REGISTERED' });
    expect(error.message).toBe(
      'the enterprise 91440300MA5FXXXX0X already holds a WAITLISTED registration for event EV-1: one per enterprise; cancel it before registering again',
    );
  });
});

/** The move table as the README states it: from, to, who may make the move, and when. */
const MOVES: [
  from: RegistrationStatus,
  to: RegistrationStatus,
  by: RegistrationParty[],
  when: 'before' | 'after',
][] = [
  [CONFIRMED, CANCELLED, [CREATOR, ORGANIZER, ADMIN], 'before'],
  [CONFIRMED, ATTENDED, [ORGANIZER, ADMIN], 'after'],
  [CONFIRMED, NO_SHOW, [ORGANIZER, ADMIN], 'after'],
  [WAITLISTED, CANCELLED, [CREATOR, ORGANIZER, ADMIN], 'before'],
  [ATTENDED, NO_SHOW, [ORGANIZER, ADMIN], 'after'],
  [NO_SHOW, ATTENDED, [ORGANIZER, ADMIN], 'after'],
];
const STATUSES = Object.values(RegistrationStatus);
const CAPACITIES = Object.values(RegistrationParty);

describe('checkRegistrationMove', () => {
  const event = { code: 'EV-1', startsAt: days(1) };
  const before = NOW;
  const after = days(2);

  it('allows exactly the moves of the table, by the parties it names, at the time it names', () => {
    for (const from of STATUSES)
      for (const to of STATUSES)
        for (const capacity of CAPACITIES)
          for (const [time, now] of [
            ['before', before],
            ['after', after],
          ] as const) {
            const move = MOVES.find(([f, t]) => f === from && t === to);
            const allowed = move !== undefined && move[2].includes(capacity) && move[3] === time;
            const outcome = refusal(() => checkRegistrationMove(from, to, [capacity], event, now));
            expect({ from, to, capacity, time, allowed: outcome === null }).toEqual({
              from,
              to,
              capacity,
              time,
              allowed,
            });
          }
  });

  it('reads the same table as REGISTRATION_TRANSITIONS exports', () => {
    const exported = Object.entries(REGISTRATION_TRANSITIONS).flatMap(([from, moves]) =>
      moves.map((move) => [
        from,
        move.to,
        move.by,
        move.when === 'BEFORE_START' ? 'before' : 'after',
      ]),
    );
    expect(exported).toEqual(expect.arrayContaining(MOVES));
    expect(exported).toHaveLength(MOVES.length);
  });

  it('never lets a client move anyone to CONFIRMED or WAITLISTED: only a free seat does', () => {
    const targets = Object.values(REGISTRATION_TRANSITIONS).flatMap((moves) =>
      moves.map((move) => move.to),
    );
    expect(targets).not.toContain(CONFIRMED);
    expect(targets).not.toContain(WAITLISTED);
    expect(REGISTRATION_TRANSITIONS[CANCELLED]).toEqual([]);
  });

  it('calls CANCELLED final', () => {
    expect(refusal(() => checkRegistrationMove(CANCELLED, CONFIRMED, [ADMIN], event, NOW))).toEqual(
      {
        code: 'BAD_USER_INPUT',
        field: 'registrationId',
        message: 'the registration is CANCELLED, a final status: it cannot change any more',
      },
    );
  });

  it('names the statuses a registration can move to when asked for another', () => {
    expect(
      refusal(() => checkRegistrationMove(CONFIRMED, WAITLISTED, [ADMIN], event, NOW)),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'registrationId',
      message:
        'the registration is CONFIRMED: it can move to CANCELLED, ATTENDED, NO_SHOW, not to WAITLISTED',
    });
    expect(
      refusal(() => checkRegistrationMove(WAITLISTED, ATTENDED, [ADMIN], event, after)),
    ).toMatchObject({
      message: 'the registration is WAITLISTED: it can move to CANCELLED, not to ATTENDED',
    });
  });

  it('names who may make a move to a viewer who may not', () => {
    expect(
      refusal(() => checkRegistrationMove(CONFIRMED, ATTENDED, [CREATOR], event, after)),
    ).toEqual({
      code: 'FORBIDDEN',
      field: undefined,
      message:
        'only staff of the organizing institution or an admin may move a CONFIRMED registration to ATTENDED.',
    });
    expect(refusal(() => checkRegistrationMove(WAITLISTED, CANCELLED, [], event, before))).toEqual({
      code: 'FORBIDDEN',
      field: undefined,
      message:
        'only the partner that registered or staff of the organizing institution or an admin may move a WAITLISTED registration to CANCELLED.',
    });
  });

  it('tells the partner what it may do instead only while it still can: cancel before the start', () => {
    expect(
      refusal(() => checkRegistrationMove(CONFIRMED, ATTENDED, [CREATOR], event, before)),
    ).toMatchObject({
      message:
        'only staff of the organizing institution or an admin may move a CONFIRMED registration to ATTENDED. You may set CANCELLED.',
    });
  });

  it('checks who before when: the wrong party hears it may not, whatever the time', () => {
    expect(
      refusal(() => checkRegistrationMove(CONFIRMED, ATTENDED, [CREATOR], event, before)),
    ).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('counts an event as started at its start time, not a millisecond later', () => {
    expect(
      refusal(() => checkRegistrationMove(CONFIRMED, ATTENDED, [ORGANIZER], event, event.startsAt)),
    ).toBeNull();
    expect(
      refusal(() => checkRegistrationMove(CONFIRMED, CANCELLED, [CREATOR], event, event.startsAt)),
    ).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(
      refusal(() =>
        checkRegistrationMove(CONFIRMED, CANCELLED, [CREATOR], event, ms(event.startsAt, -1)),
      ),
    ).toBeNull();
    expect(
      refusal(() =>
        checkRegistrationMove(CONFIRMED, NO_SHOW, [ORGANIZER], event, ms(event.startsAt, -1)),
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('refuses a cancellation once the event has started and points to attendance', () => {
    expect(
      refusal(() => checkRegistrationMove(CONFIRMED, CANCELLED, [CREATOR], event, after)),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'registrationId',
      message:
        'event EV-1 started at 2026-06-02T04:00:00.000Z: a registration can no longer be CANCELLED; record attendance instead',
    });
  });

  it('refuses to record attendance before the event has started', () => {
    expect(refusal(() => checkRegistrationMove(NO_SHOW, ATTENDED, [ADMIN], event, before))).toEqual(
      {
        code: 'BAD_USER_INPUT',
        field: 'registrationId',
        message:
          'event EV-1 starts at 2026-06-02T04:00:00.000Z: attendance can be recorded once it has started',
      },
    );
  });
});

describe('registrationPartiesOf', () => {
  const parties = { organizerId: 7, apiKeyId: 3 };

  it('names the organizer’s staff, the partner that registered and admins, and no one else', () => {
    expect(
      registrationPartiesOf(viewer(Role.INSTITUTION_STAFF, { institutionId: 7 }), parties),
    ).toEqual([ORGANIZER]);
    expect(
      registrationPartiesOf(viewer(Role.INSTITUTION_STAFF, { institutionId: 8 }), parties),
    ).toEqual([]);
    expect(registrationPartiesOf(viewer(Role.PARTNER, { apiKeyId: 3 }), parties)).toEqual([
      CREATOR,
    ]);
    expect(registrationPartiesOf(viewer(Role.PARTNER, { apiKeyId: 4 }), parties)).toEqual([]);
    expect(registrationPartiesOf(viewer(Role.ADMIN), parties)).toEqual([ADMIN]);
    expect(registrationPartiesOf(PUBLIC_VIEWER, parties)).toEqual([]);
  });

  it('takes the capacity from the role, not from ids the viewer happens to carry', () => {
    // An admin key bound to the organizer that also made the registration is still just ADMIN.
    expect(
      registrationPartiesOf(viewer(Role.ADMIN, { institutionId: 7, apiKeyId: 3 }), parties),
    ).toEqual([ADMIN]);
    // Staff whose key made the registration act as staff of their institution, not as its creator.
    expect(
      registrationPartiesOf(
        viewer(Role.INSTITUTION_STAFF, { institutionId: 8, apiKeyId: 3 }),
        parties,
      ),
    ).toEqual([]);
    expect(
      registrationPartiesOf(viewer(Role.PARTNER, { institutionId: 7, apiKeyId: 4 }), parties),
    ).toEqual([]);
  });

  it('gives a registration the organizer took itself no creator, even to a viewer without a key', () => {
    const organizerTaken = { organizerId: 7, apiKeyId: null };
    expect(registrationPartiesOf(viewer(Role.PARTNER, { apiKeyId: 3 }), organizerTaken)).toEqual(
      [],
    );
    expect(registrationPartiesOf(viewer(Role.PARTNER, { apiKeyId: null }), organizerTaken)).toEqual(
      [],
    );
  });
});

describe('canSeeRegistration', () => {
  const parties = { organizerId: 7, apiKeyId: 3 };
  it('shows a registration to its parties and to no one else', () => {
    expect(canSeeRegistration(viewer(Role.PARTNER, { apiKeyId: 3 }), parties)).toBe(true);
    expect(canSeeRegistration(viewer(Role.INSTITUTION_STAFF, { institutionId: 7 }), parties)).toBe(
      true,
    );
    expect(canSeeRegistration(viewer(Role.ADMIN), parties)).toBe(true);
    expect(canSeeRegistration(viewer(Role.PARTNER, { apiKeyId: 4 }), parties)).toBe(false);
    expect(canSeeRegistration(PUBLIC_VIEWER, parties)).toBe(false);
    // A registration the organizer took itself belongs to no partner.
    expect(
      canSeeRegistration(viewer(Role.PARTNER, { apiKeyId: 3 }), { organizerId: 7, apiKeyId: null }),
    ).toBe(false);
  });
});

describe('managesEventsOf', () => {
  it('lets admins and the organizer’s own staff manage its events (and see every registration), and no one else', () => {
    expect(managesEventsOf(viewer(Role.ADMIN), 7)).toBe(true);
    expect(managesEventsOf(viewer(Role.INSTITUTION_STAFF, { institutionId: 7 }), 7)).toBe(true);
    expect(managesEventsOf(viewer(Role.INSTITUTION_STAFF, { institutionId: 8 }), 7)).toBe(false);
    expect(managesEventsOf(viewer(Role.PARTNER, { apiKeyId: 3 }), 7)).toBe(false);
    expect(managesEventsOf(PUBLIC_VIEWER, 7)).toBe(false);
  });

  it('takes a staff role for it: a partner key carrying the organizer’s id manages nothing', () => {
    expect(managesEventsOf(viewer(Role.PARTNER, { institutionId: 7 }), 7)).toBe(false);
  });
});

describe('actorName', () => {
  it('records the API client’s name, or the role when the caller has none', () => {
    expect(actorName(viewer(Role.INSTITUTION_STAFF, { name: 'Shenzhen SME Service Centre' }))).toBe(
      'Shenzhen SME Service Centre',
    );
    expect(actorName(viewer(Role.ADMIN, { name: null }))).toBe('ADMIN');
    expect(actorName(PUBLIC_VIEWER)).toBe('PUBLIC');
  });
});

describe('requireStaffOrAdmin', () => {
  it('lets staff of any institution and admins run events', () => {
    expect(
      refusal(() =>
        requireStaffOrAdmin(viewer(Role.INSTITUTION_STAFF, { institutionId: 8 }), 'create events'),
      ),
    ).toBeNull();
    expect(refusal(() => requireStaffOrAdmin(viewer(Role.ADMIN), 'create events'))).toBeNull();
  });

  it('tells an anonymous caller which key to send', () => {
    expect(refusal(() => requireStaffOrAdmin(PUBLIC_VIEWER, 'create events'))).toEqual({
      code: 'FORBIDDEN',
      field: undefined,
      message:
        'to create events send an INSTITUTION_STAFF or ADMIN key: Authorization: Bearer <key>',
    });
  });

  it('tells a partner who may do it', () => {
    expect(
      refusal(() => requireStaffOrAdmin(viewer(Role.PARTNER, { apiKeyId: 3 }), 'cancel events')),
    ).toEqual({
      code: 'FORBIDDEN',
      field: undefined,
      message: 'only staff of the organizing institution or an ADMIN key may cancel events',
    });
  });
});

describe('requireOrganizer', () => {
  it('lets the organizer’s staff and admins act on its events', () => {
    expect(
      refusal(() =>
        requireOrganizer(
          viewer(Role.INSTITUTION_STAFF, { institutionId: 7 }),
          7,
          'change event EV-1',
        ),
      ),
    ).toBeNull();
    expect(refusal(() => requireOrganizer(viewer(Role.ADMIN), 7, 'change event EV-1'))).toBeNull();
  });

  it('refuses staff of another institution, naming who may', () => {
    expect(
      refusal(() =>
        requireOrganizer(
          viewer(Role.INSTITUTION_STAFF, { institutionId: 8 }),
          7,
          'change event EV-1',
        ),
      ),
    ).toEqual({
      code: 'FORBIDDEN',
      field: undefined,
      message: 'only staff of the organizing institution or an ADMIN key may change event EV-1',
    });
  });

  it('asks an anonymous caller for a key first', () => {
    expect(refusal(() => requireOrganizer(PUBLIC_VIEWER, 7, 'change event EV-1'))).toMatchObject({
      code: 'FORBIDDEN',
      message:
        'to change event EV-1 send an INSTITUTION_STAFF or ADMIN key: Authorization: Bearer <key>',
    });
  });
});

describe('checkOutcome', () => {
  const event = { code: 'EV-1', kind: EventKind.FINANCING_MATCHMAKING, startsAt: days(-1) };

  it('takes outcomes of matchmaking events and exhibitions, once held, for enterprises that attended', () => {
    expect([...OUTCOME_KINDS].sort()).toEqual(
      [
        EventKind.EXHIBITION,
        EventKind.FINANCING_MATCHMAKING,
        EventKind.SUPPLY_DEMAND_MATCHMAKING,
      ].sort(),
    );
    for (const kind of OUTCOME_KINDS)
      expect(
        refusal(() => checkOutcome({ ...event, kind }, { status: ATTENDED }, 'X', NOW)),
      ).toBeNull();
  });

  it('refuses other kinds of event, naming the kinds that take outcomes', () => {
    expect(
      refusal(() =>
        checkOutcome({ ...event, kind: EventKind.TRAINING }, { status: ATTENDED }, 'X', NOW),
      ),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'eventCode',
      message:
        'event EV-1 is a TRAINING: outcomes are recorded for FINANCING_MATCHMAKING, SUPPLY_DEMAND_MATCHMAKING, EXHIBITION events',
    });
    expect(
      refusal(() =>
        checkOutcome({ ...event, kind: EventKind.POLICY_BRIEFING }, { status: ATTENDED }, 'X', NOW),
      ),
    ).toMatchObject({ field: 'eventCode' });
  });

  it('takes outcomes from the event’s start on, not a millisecond earlier', () => {
    expect(
      refusal(() => checkOutcome({ ...event, startsAt: NOW }, { status: ATTENDED }, 'X', NOW)),
    ).toBeNull();
    expect(
      refusal(() =>
        checkOutcome({ ...event, startsAt: ms(NOW, 1) }, { status: ATTENDED }, 'X', NOW),
      ),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'eventCode',
      message:
        'event EV-1 starts at 2026-06-01T04:00:00.001Z: outcomes can be recorded once it has taken place',
    });
  });

  it('refuses an enterprise that did not register', () => {
    expect(refusal(() => checkOutcome(event, null, '91440300MA5FXXXX0X', NOW))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'creditCode',
      message:
        'the enterprise 91440300MA5FXXXX0X is not registered for event EV-1: outcomes are recorded for enterprises that attended',
    });
  });

  it('refuses an enterprise that registered but did not attend, asking for its attendance', () => {
    expect(
      refusal(() => checkOutcome(event, { status: NO_SHOW }, '91440300MA5FXXXX0X', NOW)),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'creditCode',
      message:
        'the enterprise 91440300MA5FXXXX0X is NO_SHOW for event EV-1: outcomes are recorded only for enterprises that attended; record its attendance first',
    });
    for (const status of [CONFIRMED, WAITLISTED, CANCELLED])
      expect(refusal(() => checkOutcome(event, { status }, 'X', NOW))).toMatchObject({
        field: 'creditCode',
      });
  });
});

describe('eventStatus', () => {
  it('derives the status from the clock', () => {
    const event = { cancelledAt: null, endsAt: days(1) };
    expect(eventStatus(event, NOW)).toBe('SCHEDULED');
    expect(eventStatus(event, days(1))).toBe('COMPLETED');
    expect(eventStatus({ ...event, cancelledAt: days(-1) }, days(2))).toBe('CANCELLED');
  });
});
