// SQL reads of events: the calendar (one list, or the same page under many organizers at once),
// an event's registrations as the viewer may see them, each one-stop tier's upcoming events in
// one statement for every tier of a request, and outcomes.
import { isPartner } from '../auth/permissions';
import type { Viewer } from '../auth/viewer';
import { entityPage, entityPagesByKey, type KeysetPage } from '../db/entity-pages';
import { BY_ROW_ID_SORT, anyOf, type KeysetWindow } from '../db/page-query';
import { prefixedColumns } from '../db/prefixed-columns';
import { SqlParameters } from '../db/rows';
import type { Sql, SqlTransaction } from '../db/sql';
import { Institution } from '../institutions/institution.entity';
import { filterCategoryKeys } from '../institutions/institution.queries';
import { notFound, quote } from '../schema/errors';
import type { EnterpriseScale, SpecializationLevel } from '../services/eligibility';
import type { EventContext } from './event.context';
import type { RegistrationStatus } from './event-enums';
import { EventRegistration } from './event-registration.entity';
import { Event } from './event.entity';
import {
  SOONEST_FIRST,
  eligibilityConditions,
  eventConditions,
  type EventFilter,
} from './event-filter';
import { MatchmakingOutcome } from './matchmaking-outcome.entity';

export async function listEvents(
  context: EventContext,
  filter: EventFilter | null | undefined,
  window: KeysetWindow,
): Promise<KeysetPage<Event>> {
  const categoryKeys = await filterCategoryKeys(context, filter);
  const now = context.clock();
  return entityPage(
    { sql: context.sql, prime: context.events.prime },
    Event,
    (params) => ({
      from: 'event t',
      ...eventConditions(filter, params, categoryKeys, now),
      sort: SOONEST_FIRST,
    }),
    window,
  );
}

/** The same page of events under each of many organizers (institution row ids), one statement. */
export async function eventPagesByOrganizer(
  context: EventContext,
  organizerKeys: readonly number[],
  filter: EventFilter | null | undefined,
  window: KeysetWindow,
  withTotals: boolean,
): Promise<KeysetPage<Event>[]> {
  const categoryKeys = await filterCategoryKeys(context, filter);
  const now = context.clock();
  return entityPagesByKey(
    { sql: context.sql, prime: context.events.prime },
    Event,
    organizerKeys,
    'int',
    (params) => ({
      source: {
        from: 'event t',
        ...eventConditions(filter, params, categoryKeys, now),
        sort: SOONEST_FIRST,
      },
      partition: 't.organizer_id',
    }),
    window,
    withTotals,
  );
}

/**
 * The same page of registrations of each of many events, in registration order, as the viewer
 * sees them: a partner those its key made; the organizer's staff and admins every one (the
 * resolver asks only for events whose registrations the viewer may see).
 */
export function registrationPagesByEvent(
  { sql, viewer, events }: EventContext,
  eventKeys: readonly number[],
  statuses: readonly RegistrationStatus[] | null | undefined,
  window: KeysetWindow,
  withTotals: boolean,
): Promise<KeysetPage<EventRegistration>[]> {
  return entityPagesByKey(
    { sql, prime: events.primeRegistrations },
    EventRegistration,
    eventKeys,
    'int',
    (params) => ({
      source: {
        from: 'event_registration t',
        where: [
          ...(isPartner(viewer) ? [`t.api_key_id = ${params.add(viewer.apiKeyId)}`] : []),
          ...anyOf('t.status', statuses, 'registration_status', params),
        ],
        sort: BY_ROW_ID_SORT,
      },
      partition: 't.event_id',
    }),
    window,
    withTotals,
  );
}

/** What a one-stop lookup asks of the events of its tiers. */
export interface TierEventCriteria {
  scale: EnterpriseScale | null;
  specialization: SpecializationLevel;
  /** The category asked for and its sub-categories; null for any. */
  categoryKeys: number[] | null;
  /** Most events per tier. */
  limit: number;
}

/** The key of the national step, which has no region. */
export const NATIONAL_STEP = 'NATIONAL';

/**
 * For each step of an escalation chain (a region code, or NATIONAL_STEP), the upcoming events
 * its active institutions organize that fit the enterprise, soonest first and at most `limit`:
 * one statement for every tier, each cut by its own LATERAL subquery. The organizers come back
 * in the same rows.
 */
export async function upcomingEventsByStep(
  sql: Sql,
  stepKeys: readonly string[],
  criteria: TierEventCriteria,
  now: Date,
): Promise<{ events: Event[][]; organizers: Institution[] }> {
  const params = new SqlParameters();
  const steps = params.add(stepKeys);
  const where = [
    't.cancelled_at IS NULL',
    `t.starts_at > ${params.add(now)}::timestamptz`,
    ...eligibilityConditions(criteria.scale, criteria.specialization, params),
    ...(criteria.categoryKeys
      ? [`t.category_id = ANY(${params.add(criteria.categoryKeys)}::int[])`]
      : []),
  ];
  const event = prefixedColumns(sql, Event, 'e', 'e_');
  const organizer = prefixedColumns(sql, Institution, 'i', 'i_');
  const rows = await sql.rows(
    `SELECT k.step, ${event.select}, ${organizer.select}
       FROM unnest(${steps}::text[]) WITH ORDINALITY AS k(step, n)
       CROSS JOIN LATERAL (
         SELECT t.* FROM event t JOIN institution i ON i.id = t.organizer_id
          WHERE i.active
            AND CASE WHEN k.step = '${NATIONAL_STEP}' THEN i.tier = 'NATIONAL' ELSE i.region_code = k.step::bpchar END
            AND ${where.join(' AND ')}
          ORDER BY t.starts_at, t.id
          LIMIT ${params.add(criteria.limit)}::int) e
       JOIN institution i ON i.id = e.organizer_id
      ORDER BY k.n, e.starts_at, e.id`,
    params.values,
  );
  const byStep = new Map<string, Event[]>();
  const organizers: Institution[] = [];
  for (const row of rows) {
    const step = String(row.step);
    byStep.set(step, [...(byStep.get(step) ?? []), event.hydrate(row)!]);
    organizers.push(organizer.hydrate(row)!);
  }
  return { events: stepKeys.map((key) => byStep.get(key) ?? []), organizers };
}

/**
 * The outcomes of the given events, oldest first: every one for an admin or the organizer's staff,
 * for a partner those of the enterprises its key registered for the event.
 */
export async function outcomesByEvent(
  sql: Sql,
  viewer: Viewer,
  eventKeys: readonly number[],
): Promise<MatchmakingOutcome[]> {
  const partner = isPartner(viewer);
  const rows = await sql.rows(
    `SELECT o.* FROM matchmaking_outcome o
      ${partner ? 'JOIN event_registration r ON r.id = o.registration_id AND r.api_key_id = $2' : ''}
      WHERE o.event_id = ANY($1::int[]) ORDER BY o.event_id, o.id`,
    partner ? [eventKeys, viewer.apiKeyId] : [eventKeys],
  );
  return rows.map(sql.hydrator(MatchmakingOutcome));
}

/**
 * The event with a public code, its row locked until the transaction ends: every change of its
 * registrations takes this lock first, so that seats are counted one change at a time.
 * NOT_FOUND naming `field` when no event has the code.
 */
export async function lockedEventByCode(
  transaction: SqlTransaction,
  code: string,
  field = 'eventCode',
): Promise<Event> {
  const [row] = await transaction.rows('SELECT * FROM event WHERE code = $1 FOR UPDATE', [code]);
  if (!row) throw notFound(`${field} ${quote(code)} names no event`, field);
  return transaction.hydrator(Event)(row);
}
