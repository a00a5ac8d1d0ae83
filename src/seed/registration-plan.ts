// The seeded registrations of one event, settled by the registration rules of the events domain:
// each registrant eligible for the event, a seat while one is left and the waitlist after,
// attendance once the event has taken place (a no-show gives up its seat), matchmaking outcomes
// for those who came to the kinds of event that record them, everything cancelled with a
// cancelled event. Pure and deterministic: one keyed stream of numbers per event.
import { EventKind, OutcomeKind, RegistrationStatus } from '../events/event-enums';
import { HOLDS_SEAT, OUTCOME_KINDS, placementFor } from '../events/registration-rules';
import { admits } from '../services/eligibility';
import { DAY, HOUR } from './beijing-time';
import { chance, draw, seededRandom } from './deterministic';
import type { EnterpriseSeed } from './enterprise-plan';
import type { EventDraft, EventSeed } from './event-plan';

const { CONFIRMED, CANCELLED, ATTENDED, NO_SHOW } = RegistrationStatus;

/** One status a registration went through, oldest first; the last is where it stands. */
export interface RegistrationStep {
  status: RegistrationStatus;
  waitlistPosition: number | null;
  at: Date;
  note: string | null;
}

export interface RegistrationSeed {
  eventCode: string;
  creditCode: string;
  /** Registration order within the event (waitlist order follows it). */
  ordinal: number;
  status: RegistrationStatus;
  waitlistPosition: number | null;
  createdAt: Date;
  updatedAt: Date;
  /** Who took it: the organizer (seeded registrations come from no partner key). */
  actor: string;
  history: RegistrationStep[];
}

export interface OutcomeSeed {
  eventCode: string;
  creditCode: string;
  kind: OutcomeKind;
  counterpart: string;
  amountYuan: number | null;
  note: string;
  recordedBy: string;
  recordedAt: Date;
}

const OUTCOME_NOTES: Record<OutcomeKind, string> = {
  [OutcomeKind.FINANCING]: '现场达成授信意向',
  [OutcomeKind.PROCUREMENT]: '签订采购框架协议',
  [OutcomeKind.TECHNOLOGY]: '达成技术合作意向',
  [OutcomeKind.COOPERATION]: '签订战略合作协议',
};

/** The event as it stands after its registrations, with them and what came of them. */
export function settleEvent(
  draft: EventDraft,
  pool: readonly EnterpriseSeed[],
  seededAt: Date,
  organizerName: string,
): { event: EventSeed; registrations: RegistrationSeed[]; outcomes: OutcomeSeed[] } {
  const { event } = draft;
  const code = event.code;
  const past = event.startsAt.getTime() < seededAt.getTime();
  // Registration opens 30 days ahead; for upcoming events it has run until shortly before the
  // seed (and before a cancellation, two hours before it).
  const opens = event.startsAt.getTime() - 30 * DAY;
  const until = Math.min(
    event.registrationClosesAt.getTime(),
    past ? Infinity : seededAt.getTime() - 3 * HOUR,
  );
  const wanted = Math.round(event.capacity * draft.demand);
  const takers = draw(
    `registrants:${code}`,
    pool.filter((enterprise) => admits(event, enterprise)),
    wanted,
  );
  const registrations: RegistrationSeed[] = [];
  const outcomes: OutcomeSeed[] = [];
  let seats = 0;
  let waiting = 0;
  const span = Math.max(HOUR, until - opens);
  // One keyed stream per event for who comes and what came of it: cheaper than a hash per choice.
  const random = seededRandom(Math.floor(chance(`settle:${code}`) * 2 ** 32));
  const among = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  takers.forEach((enterprise, index) => {
    const createdAt = new Date(opens + Math.floor((span * (index + 1)) / (takers.length + 1)));
    const history: RegistrationStep[] = [];
    const place = placementFor({
      capacity: event.capacity,
      confirmedCount: seats,
      waitlistCount: waiting,
    });
    let status: RegistrationStatus = place.status;
    let position = place.waitlistPosition;
    if (status === CONFIRMED) seats++;
    else waiting++;
    history.push({ status, waitlistPosition: position, at: createdAt, note: null });
    let updatedAt = createdAt;
    if (draft.cancelled) {
      updatedAt = new Date(seededAt.getTime() - 2 * HOUR);
      history.push({
        status: CANCELLED,
        waitlistPosition: null,
        at: updatedAt,
        note: 'the event was cancelled',
      });
      status = CANCELLED;
      position = null;
    } else if (past && status === CONFIRMED) {
      const came = random() < 0.85;
      status = came ? ATTENDED : NO_SHOW;
      updatedAt = new Date(event.startsAt.getTime() + HOUR);
      history.push({ status, waitlistPosition: null, at: updatedAt, note: null });
      if (!HOLDS_SEAT.includes(status)) seats--;
      // Outcomes of those who came, where the event's kind records them and it had counterparts.
      if (
        status === ATTENDED &&
        event.counterparts.length > 0 &&
        OUTCOME_KINDS.includes(event.kind) &&
        random() < 0.25
      ) {
        const kind =
          event.kind === EventKind.FINANCING_MATCHMAKING
            ? OutcomeKind.FINANCING
            : among([
                OutcomeKind.PROCUREMENT,
                OutcomeKind.PROCUREMENT,
                OutcomeKind.TECHNOLOGY,
                OutcomeKind.COOPERATION,
              ]);
        outcomes.push({
          eventCode: code,
          creditCode: enterprise.creditCode,
          kind,
          counterpart: among(event.counterparts),
          amountYuan:
            kind === OutcomeKind.COOPERATION ? null : (5 + Math.floor(random() * 196)) * 100_000,
          note: OUTCOME_NOTES[kind],
          recordedBy: organizerName,
          recordedAt: new Date(event.endsAt.getTime() + DAY),
        });
      }
    }
    registrations.push({
      eventCode: code,
      creditCode: enterprise.creditCode,
      ordinal: index + 1,
      status,
      waitlistPosition: position,
      createdAt,
      updatedAt,
      actor: organizerName,
      history,
    });
  });
  return {
    event: {
      ...event,
      confirmedCount: draft.cancelled ? 0 : seats,
      waitlistCount: draft.cancelled ? 0 : waiting,
      cancelledAt: draft.cancelled ? new Date(seededAt.getTime() - 2 * HOUR) : null,
      createdAt: new Date(Math.min(opens, seededAt.getTime()) - 5 * DAY),
    },
    registrations,
    outcomes,
  };
}
