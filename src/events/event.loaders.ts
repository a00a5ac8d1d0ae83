// The batched reads of events, registrations, their history and outcomes a request shares.
import type { Viewer } from '../auth/viewer';
import { newLoader, rowsByUniqueKey, type LoaderSettings } from '../db/loaders';
import type { Sql } from '../db/sql';
import { EventRegistrationChange } from './event-registration-change.entity';
import { EventRegistration } from './event-registration.entity';
import { Event } from './event.entity';
import { MatchmakingOutcome } from './matchmaking-outcome.entity';
import { outcomesByEvent } from './event.queries';

/** Rows grouped by a key, in the order read, answered in the order of `keys`. */
function groupedBy<K, T>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): T[][] {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(row);
  }
  return keys.map((key) => groups.get(key) ?? []);
}

export function createEventLoaders(sql: Sql, viewer: Viewer, settings: LoaderSettings) {
  const byKey = rowsByUniqueKey(sql, Event, 'id', 'int', (row) => row.key, settings);
  const byCode = rowsByUniqueKey(sql, Event, 'code', 'text', (row) => row.code, settings);
  const registrationByKey = rowsByUniqueKey(
    sql,
    EventRegistration,
    'id',
    'int',
    (row) => row.key,
    settings,
  );
  return {
    byKey,
    byCode,
    /** Remembers events a list already read, so that their fields cost no statement. */
    prime(events: Event[]) {
      for (const event of events) {
        byKey.prime(event.key, event);
        byCode.prime(event.code, event);
      }
    },
    registrationByKey,
    primeRegistrations(registrations: EventRegistration[]) {
      for (const registration of registrations)
        registrationByKey.prime(registration.key, registration);
    },
    /** Every status change of each registration, oldest first. */
    history: newLoader<number, EventRegistrationChange[]>(settings, async (keys) => {
      const rows = await sql.rows(
        'SELECT * FROM event_registration_change WHERE registration_id = ANY($1::int[]) ORDER BY registration_id, id',
        [keys],
      );
      const hydrate = sql.hydrator(EventRegistrationChange);
      return groupedBy(keys, rows.map(hydrate), (change) => change.registrationId);
    }),
    /**
     * Each event's outcomes the viewer may see (a partner: those of the enterprises it
     * registered), oldest first. The resolver asks only for events whose outcomes the viewer
     * may see at all.
     */
    outcomes: newLoader<number, MatchmakingOutcome[]>(settings, async (keys) =>
      groupedBy(keys, await outcomesByEvent(sql, viewer, keys), (outcome) => outcome.eventId),
    ),
  };
}

export type EventLoaders = ReturnType<typeof createEventLoaders>;
