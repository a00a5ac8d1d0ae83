// The rules of event registrations as pure functions, unit-tested without a database: where a new
// registration goes (a seat or the waitlist), when registration is open, which status may follow
// which and who may make the move (a table for the lifecycle machine), how many waitlisted move up
// when seats free. registration.commands.ts applies them under the event's row lock; who may join
// (scale, verified standing) is src/services/verified-standing.ts.
import { Role } from '../auth/role';
import {
  isAdmin,
  isPartnerOwning,
  isStaffOf,
  requireAdminOrStaffOf,
  requireRole,
} from '../auth/permissions';
import type { Viewer } from '../auth/viewer';
import { DomainError, badInput } from '../schema/errors';
import { LifecycleMachine, type Move, type Transitions } from '../schema/lifecycle-machine';
import { EventKind, RegistrationStatus } from './event-enums';

const { CONFIRMED, WAITLISTED, CANCELLED, ATTENDED, NO_SHOW } = RegistrationStatus;

/** Why a registration or an event change is refused, as `extensions.reason`. */
export enum RefusalReason {
  NOT_ELIGIBLE = 'NOT_ELIGIBLE',
  REGISTRATION_CLOSED = 'REGISTRATION_CLOSED',
  EVENT_CANCELLED = 'EVENT_CANCELLED',
  ALREADY_REGISTERED = 'ALREADY_REGISTERED',
}

/** Registrations that hold a seat: they count against capacity. */
export const HOLDS_SEAT: readonly RegistrationStatus[] = [CONFIRMED, ATTENDED];

/** Seats and waitlist of an event, as its row counts them. */
export interface Seats {
  capacity: number;
  confirmedCount: number;
  waitlistCount: number;
}

export interface Placement {
  status: RegistrationStatus.CONFIRMED | RegistrationStatus.WAITLISTED;
  /** 1-based, set only when WAITLISTED. */
  waitlistPosition: number | null;
}

/** A seat while one is left, else the end of the waitlist. */
export function placementFor(seats: Seats): Placement {
  return seats.confirmedCount < seats.capacity
    ? { status: CONFIRMED, waitlistPosition: null }
    : { status: WAITLISTED, waitlistPosition: seats.waitlistCount + 1 };
}

/**
 * How many waitlisted registrations take a seat now: as many as seats are free and people wait,
 * and none once the event has started (a seat freed then stays empty).
 */
export function promotionsFor(seats: Seats, started: boolean): number {
  if (started) return 0;
  return Math.max(0, Math.min(seats.capacity - seats.confirmedCount, seats.waitlistCount));
}

export interface EventState {
  code: string;
  cancelledAt: Date | null;
  startsAt: Date;
  registrationClosesAt: Date;
}

/** CONFLICT with reason EVENT_CANCELLED for a cancelled event, else nothing. */
export function checkNotCancelled(event: Pick<EventState, 'code' | 'cancelledAt'>): void {
  if (event.cancelledAt) {
    throw new DomainError(
      'CONFLICT',
      `event ${event.code} was cancelled on ${event.cancelledAt.toISOString()}: nothing about it can change any more`,
      'eventCode',
      { reason: RefusalReason.EVENT_CANCELLED },
    );
  }
}

/** CONFLICT (EVENT_CANCELLED or REGISTRATION_CLOSED) unless the event takes registrations now. */
export function checkRegistrationOpen(event: EventState, now: Date): void {
  checkNotCancelled(event);
  if (now.getTime() >= event.registrationClosesAt.getTime()) {
    throw new DomainError(
      'CONFLICT',
      `registration for event ${event.code} closed at ${event.registrationClosesAt.toISOString()}: look for a later event`,
      'eventCode',
      { reason: RefusalReason.REGISTRATION_CLOSED },
    );
  }
}

/** CONFLICT with reason ALREADY_REGISTERED: the enterprise holds a live registration. */
export function alreadyRegistered(
  eventCode: string,
  creditCode: string,
  status: RegistrationStatus,
): DomainError {
  return new DomainError(
    'CONFLICT',
    `the enterprise ${creditCode} already holds a ${status} registration for event ${eventCode}: one per enterprise; cancel it before registering again`,
    'enterprise.creditCode',
    { reason: RefusalReason.ALREADY_REGISTERED },
  );
}

/** Which party to one registration a viewer acts as. */
export enum RegistrationParty {
  /** Staff of the institution that organizes the event. */
  ORGANIZER = 'ORGANIZER',
  /** The partner whose key made the registration. */
  CREATOR = 'CREATOR',
  ADMIN = 'ADMIN',
}

/** The ids that make a viewer a party to a registration. */
export interface RegistrationParties {
  /** The event's organizer. */
  organizerId: number;
  /** The key that registered; null for registrations the organizer took itself. */
  apiKeyId: number | null;
}

/** Which parties to this registration the viewer is (none: the viewer may not even see it). */
export function registrationPartiesOf(
  viewer: Viewer,
  parties: RegistrationParties,
): RegistrationParty[] {
  const acting: RegistrationParty[] = [];
  if (isAdmin(viewer)) acting.push(RegistrationParty.ADMIN);
  if (isStaffOf(viewer, parties.organizerId)) acting.push(RegistrationParty.ORGANIZER);
  if (isPartnerOwning(viewer, parties.apiKeyId)) acting.push(RegistrationParty.CREATOR);
  return acting;
}

/** The organizer's staff, ADMIN and the partner that registered see a registration; no one else. */
export const canSeeRegistration = (viewer: Viewer, parties: RegistrationParties) =>
  registrationPartiesOf(viewer, parties).length > 0;

/**
 * Whether the viewer manages the events this institution organizes: creates and changes them,
 * records their outcomes, and sees every registration of them. Its staff and ADMIN.
 */
export const managesEventsOf = (viewer: Viewer, organizerId: number) =>
  isAdmin(viewer) || isStaffOf(viewer, organizerId);

/** Who runs events, as refusals name them. */
export const ORGANIZER_KEYS = { who: 'staff of the organizing institution or an ADMIN key' };

/** FORBIDDEN unless the viewer may run events at all (staff of some institution, or an admin). */
export function requireStaffOrAdmin(viewer: Viewer, action: string): void {
  requireRole(viewer, [Role.INSTITUTION_STAFF, Role.ADMIN], action, ORGANIZER_KEYS);
}

/** FORBIDDEN unless the viewer is staff of the organizer or an admin. */
export function requireOrganizer(viewer: Viewer, organizerId: number, action: string): void {
  requireStaffOrAdmin(viewer, action);
  requireAdminOrStaffOf(viewer, organizerId, action, ORGANIZER_KEYS);
}

/** A move of the table, and when, relative to the event's start, it may be made. */
interface RegistrationMove extends Move<RegistrationStatus, RegistrationParty> {
  when: 'BEFORE_START' | 'AFTER_START';
}

const { ORGANIZER, CREATOR, ADMIN } = RegistrationParty;
const ANY_PARTY = [CREATOR, ORGANIZER, ADMIN];
const ORGANIZERS = [ORGANIZER, ADMIN];

/**
 * Which status may follow which, by whom and when. A seat freed before the start goes to the
 * first waitlisted (WAITLISTED → CONFIRMED), a move the system makes, never a client.
 */
export const REGISTRATION_TRANSITIONS: Transitions<
  RegistrationStatus,
  RegistrationParty,
  RegistrationMove
> = {
  [CONFIRMED]: [
    { to: CANCELLED, by: ANY_PARTY, when: 'BEFORE_START' },
    { to: ATTENDED, by: ORGANIZERS, when: 'AFTER_START' },
    { to: NO_SHOW, by: ORGANIZERS, when: 'AFTER_START' },
  ],
  [WAITLISTED]: [{ to: CANCELLED, by: ANY_PARTY, when: 'BEFORE_START' }],
  // Attendance may be corrected after the fact.
  [ATTENDED]: [{ to: NO_SHOW, by: ORGANIZERS, when: 'AFTER_START' }],
  [NO_SHOW]: [{ to: ATTENDED, by: ORGANIZERS, when: 'AFTER_START' }],
  [CANCELLED]: [],
};

export const registrationLifecycle = new LifecycleMachine({
  subject: 'registration',
  field: 'registrationId',
  transitions: REGISTRATION_TRANSITIONS,
  who: {
    [ORGANIZER]: 'staff of the organizing institution',
    [CREATOR]: 'the partner that registered',
    [ADMIN]: 'an admin',
  },
});

/**
 * Throws BAD_USER_INPUT when `to` cannot follow `from` (or not at this time), FORBIDDEN when the
 * viewer may not make the move: the lifecycle machine's checks, then the move's timing.
 */
export function checkRegistrationMove(
  from: RegistrationStatus,
  to: RegistrationStatus,
  parties: readonly RegistrationParty[],
  event: { code: string; startsAt: Date },
  now: Date,
): void {
  const started = now.getTime() >= event.startsAt.getTime();
  const inTime = (move: RegistrationMove) => (move.when === 'AFTER_START') === started;
  const move = registrationLifecycle.check(from, to, parties, inTime);
  if (inTime(move)) return;
  throw badInput(
    started
      ? `event ${event.code} started at ${event.startsAt.toISOString()}: a registration can no longer be ${to}; record attendance instead`
      : `event ${event.code} starts at ${event.startsAt.toISOString()}: attendance can be recorded once it has started`,
    'registrationId',
  );
}

/** Kinds of event whose results are recorded as matchmaking outcomes. */
export const OUTCOME_KINDS: readonly EventKind[] = [
  EventKind.FINANCING_MATCHMAKING,
  EventKind.SUPPLY_DEMAND_MATCHMAKING,
  EventKind.EXHIBITION,
];

/** BAD_USER_INPUT unless an outcome may be recorded for this event and registration. */
export function checkOutcome(
  event: { code: string; kind: EventKind; startsAt: Date },
  registration: { status: RegistrationStatus } | null,
  creditCode: string,
  now: Date,
): void {
  if (!OUTCOME_KINDS.includes(event.kind)) {
    throw badInput(
      `event ${event.code} is a ${event.kind}: outcomes are recorded for ${OUTCOME_KINDS.join(', ')} events`,
      'eventCode',
    );
  }
  if (now.getTime() < event.startsAt.getTime()) {
    throw badInput(
      `event ${event.code} starts at ${event.startsAt.toISOString()}: outcomes can be recorded once it has taken place`,
      'eventCode',
    );
  }
  if (!registration) {
    throw badInput(
      `the enterprise ${creditCode} is not registered for event ${event.code}: outcomes are recorded for enterprises that attended`,
      'creditCode',
    );
  }
  if (registration.status !== ATTENDED) {
    throw badInput(
      `the enterprise ${creditCode} is ${registration.status} for event ${event.code}: outcomes are recorded only for enterprises that attended; record its attendance first`,
      'creditCode',
    );
  }
}
