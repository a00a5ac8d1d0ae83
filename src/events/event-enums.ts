// Kinds and statuses of events, registrations and outcomes, spelled the same in TypeScript,
// GraphQL and PostgreSQL. EventStatus is not stored: it follows from cancelled_at and the clock
// (event.entity.ts), so that no job has to flip events to COMPLETED.
import { registerEnumType } from 'type-graphql';

export enum EventKind {
  FINANCING_MATCHMAKING = 'FINANCING_MATCHMAKING',
  SUPPLY_DEMAND_MATCHMAKING = 'SUPPLY_DEMAND_MATCHMAKING',
  TRAINING = 'TRAINING',
  POLICY_BRIEFING = 'POLICY_BRIEFING',
  EXHIBITION = 'EXHIBITION',
}

export enum EventStatus {
  SCHEDULED = 'SCHEDULED',
  CANCELLED = 'CANCELLED',
  COMPLETED = 'COMPLETED',
}

export enum RegistrationStatus {
  CONFIRMED = 'CONFIRMED',
  WAITLISTED = 'WAITLISTED',
  CANCELLED = 'CANCELLED',
  ATTENDED = 'ATTENDED',
  NO_SHOW = 'NO_SHOW',
}

export enum OutcomeKind {
  FINANCING = 'FINANCING',
  PROCUREMENT = 'PROCUREMENT',
  TECHNOLOGY = 'TECHNOLOGY',
  COOPERATION = 'COOPERATION',
}

registerEnumType(EventKind, {
  name: 'EventKind',
  description: 'What kind of event an institution runs.',
  valuesConfig: {
    FINANCING_MATCHMAKING: {
      description: 'Financing matchmaking (银企对接会): SMEs meet banks, guarantors and funds.',
    },
    SUPPLY_DEMAND_MATCHMAKING: {
      description:
        'Supply–demand matchmaking between large enterprises and SMEs (大中小企业融通对接, e.g. "百场万企").',
    },
    TRAINING: { description: 'Training for managers or staff of SMEs.' },
    POLICY_BRIEFING: {
      description: 'Policy briefing (政策宣讲): new rules, subsidies, tax relief.',
    },
    EXHIBITION: { description: 'Exhibition or trade fair where SMEs show their products.' },
  },
});

registerEnumType(EventStatus, {
  name: 'EventStatus',
  description: 'Where an event stands: SCHEDULED until it ends, then COMPLETED, unless CANCELLED.',
  valuesConfig: {
    SCHEDULED: { description: 'Not yet over (it may be under way).' },
    CANCELLED: { description: 'Called off by the organizer; every live registration cancelled.' },
    COMPLETED: { description: 'Over: its end time has passed.' },
  },
});

registerEnumType(RegistrationStatus, {
  name: 'RegistrationStatus',
  description: 'Where an enterprise’s registration for an event stands.',
  valuesConfig: {
    CONFIRMED: { description: 'Holds a seat.' },
    WAITLISTED: {
      description: 'No seat was left: waits in line (see waitlistPosition) for one to free up.',
    },
    CANCELLED: { description: 'Withdrawn, or the event was cancelled. Final.' },
    ATTENDED: { description: 'Came to the event (recorded by the organizer); holds its seat.' },
    NO_SHOW: { description: 'Held a seat but did not come (recorded by the organizer).' },
  },
});

registerEnumType(OutcomeKind, {
  name: 'OutcomeKind',
  description: 'What came of a matchmaking event for an enterprise.',
  valuesConfig: {
    FINANCING: { description: 'A loan, guarantee or investment agreed with a bank or fund.' },
    PROCUREMENT: { description: 'A purchase or supply agreement with a large enterprise.' },
    TECHNOLOGY: { description: 'A technology transfer, licence or R&D partnership.' },
    COOPERATION: { description: 'Another cooperation agreement.' },
  },
});
