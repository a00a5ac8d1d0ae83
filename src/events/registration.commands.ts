// Registering enterprises for events and moving registrations on: cancellation (which hands a
// freed seat to the first waitlisted), attendance. Every change takes the event's row lock first
// (SELECT … FOR UPDATE) and commits with its history in one transaction, so that seats are
// counted one change at a time: never more CONFIRMED than capacity, waitlist positions 1..n
// without gaps, whatever the concurrency. The counters on the event row move in the same
// transaction, and a CHECK there refuses a count over capacity should anything slip.
import { actorName } from '../auth/viewer';
import type { SqlRunner, SqlTransaction } from '../db/sql';
import { enterpriseDetails, upsertEnterprise } from '../referrals/enterprise.commands';
import { checkVerifiedEligibility } from '../services/verified-standing';
import { conflict, notFound, quote } from '../schema/errors';
import { createIdempotently, requestHash } from '../schema/idempotent-create';
import { publicCode, requiredText } from '../schema/input';
import { requireNodeKey } from '../schema/global-id';
import type { EventContext } from './event.context';
import { RegistrationStatus } from './event-enums';
import { EventRegistration } from './event-registration.entity';
import { Event } from './event.entity';
import type { RegisterForEventInput } from './event.inputs';
import { lockedEventByCode } from './event.queries';
import {
  alreadyRegistered,
  checkNotCancelled,
  checkRegistrationMove,
  checkRegistrationOpen,
  placementFor,
  promotionsFor,
  registrationPartiesOf,
  type RegistrationParty,
} from './registration-rules';
import { tellPartnersOfRegistrations } from './registration-webhooks';

const { CONFIRMED, WAITLISTED, CANCELLED, ATTENDED, NO_SHOW } = RegistrationStatus;

/** The row id a global EventRegistration id stands for. */
export function registrationKey(registrationId: string, field = 'registrationId'): number {
  return Number(requireNodeKey(registrationId, 'EventRegistration', field));
}

export async function registerForEvent(
  context: EventContext,
  input: RegisterForEventInput,
): Promise<EventRegistration> {
  const { viewer, sql, regions } = context;
  const idempotencyKey = requiredText(input.idempotencyKey, 'idempotencyKey', 200);
  const eventCode = publicCode(input.eventCode, 'eventCode');
  const enterprise = enterpriseDetails(input.enterprise);
  if (!(await regions.byCode(enterprise.regionCode))) {
    throw notFound(
      `enterprise.regionCode ${quote(input.enterprise.regionCode)} names no GB/T 2260 division`,
      'enterprise.regionCode',
    );
  }
  const apiKeyId = viewer.apiKeyId!;
  const hydrate = sql.hydrator(EventRegistration);
  const request = {
    subject: 'registration',
    idempotencyKey,
    requestHash: requestHash({ eventCode, enterprise }),
    existing: async (runner: SqlRunner) =>
      (
        await runner.rows(
          'SELECT * FROM event_registration WHERE api_key_id = $1 AND idempotency_key = $2',
          [apiKeyId, idempotencyKey],
        )
      ).map(hydrate)[0],
  };

  const now = context.clock();
  return createIdempotently(sql, request, async (transaction, replay) => {
    // First the enterprise's row (upserted, so locked until commit) and what the registry holds of
    // it: a revocation racing this registration is seen or waits. Outside the event's lock, so
    // that registrations of many enterprises for one event do this in parallel; nothing locks an
    // event and then an enterprise.
    const enterpriseId = await upsertEnterprise(transaction, enterprise);
    const standing = await context.registry.standingOf(transaction, enterpriseId);
    // Then the event's lock: retries of one request and registrations for one event queue here.
    const event = await lockedEventByCode(transaction, eventCode);
    // The retry of a request that went through, or a live registration of the same enterprise.
    const found = await transaction.rows<Record<string, unknown> & { __retry: boolean }>(
      `SELECT r.*, (r.api_key_id = $1 AND r.idempotency_key = $2) AS __retry FROM event_registration r
        WHERE (r.api_key_id = $1 AND r.idempotency_key = $2)
           OR (r.event_id = $3 AND r.status <> 'CANCELLED' AND r.enterprise_id = $4)`,
      [apiKeyId, idempotencyKey, event.key, enterpriseId],
    );
    const retry = found.find((row) => row.__retry);
    if (retry) return replay(hydrate(retry));

    checkRegistrationOpen(event, now);
    if (found.length > 0) {
      throw alreadyRegistered(event.code, enterprise.creditCode, hydrate(found[0]).status);
    }
    checkVerifiedEligibility(event, standing, `event ${event.code}`);

    const place = placementFor(event);
    // The registration, its first history line and the event's counters, in one statement.
    const inserted = await transaction.rows(
      `WITH registration AS (
         INSERT INTO event_registration (event_id, enterprise_id, api_key_id, idempotency_key, request_hash, status,
                                         waitlist_position, contact_name, contact_phone, contact_email)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT ON CONSTRAINT event_registration_idempotency_key DO NOTHING
         RETURNING *),
       change AS (
         INSERT INTO event_registration_change (registration_id, status, waitlist_position, actor)
         SELECT id, status, waitlist_position, $11 FROM registration),
       seats AS (
         UPDATE event SET confirmed_count = confirmed_count + (SELECT count(*) FROM registration WHERE status = 'CONFIRMED'),
                          waitlist_count = waitlist_count + (SELECT count(*) FROM registration WHERE status = 'WAITLISTED'),
                          updated_at = now()
          WHERE id = $1)
       SELECT * FROM registration`,
      [
        event.key,
        enterpriseId,
        apiKeyId,
        idempotencyKey,
        request.requestHash,
        place.status,
        place.waitlistPosition,
        enterprise.contactName,
        enterprise.contactPhone,
        enterprise.contactEmail,
        actorName(viewer),
      ],
    );
    // Nothing inserted: a concurrent request with the same key (for another event) committed first.
    if (inserted.length === 0) return null;
    const registration = hydrate(inserted[0]);
    await tellPartnersOfRegistrations(transaction, event.code, [
      {
        key: registration.key,
        apiKeyId: registration.apiKeyId,
        status: registration.status,
        previousStatus: null,
      },
    ]);
    return registration;
  });
}

/**
 * Gives free seats to the first waitlisted registrations, in order, while the event has not
 * started; closes the waitlist's gaps; keeps the counters. Runs under the event's lock; returns
 * the event as it is afterwards.
 */
export async function promoteWaitlisted(
  transaction: SqlTransaction,
  event: Event,
  now: Date,
  actor: string,
  why: string,
): Promise<Event> {
  const count = promotionsFor(event, now.getTime() >= event.startsAt.getTime());
  if (count === 0) return event;
  const promoted = await transaction.rows<{ id: number; api_key_id: number | null }>(
    `WITH promoted AS (
       UPDATE event_registration SET status = 'CONFIRMED', waitlist_position = NULL, updated_at = now()
        WHERE id IN (SELECT id FROM event_registration WHERE event_id = $1 AND status = 'WAITLISTED'
                      ORDER BY waitlist_position LIMIT $2)
       RETURNING id, api_key_id),
     change AS (
       INSERT INTO event_registration_change (registration_id, status, note, actor)
       SELECT id, 'CONFIRMED', $3, $4 FROM promoted)
     SELECT id, api_key_id FROM promoted`,
    [event.key, count, `promoted from the waitlist: ${why}`, actor],
  );
  await tellPartnersOfRegistrations(
    transaction,
    event.code,
    promoted.map((row) => ({
      key: row.id,
      apiKeyId: row.api_key_id,
      status: CONFIRMED,
      previousStatus: WAITLISTED,
    })),
  );
  await renumberWaitlist(transaction, event.key);
  const [row] = await transaction.rows(
    `UPDATE event SET confirmed_count = confirmed_count + $2, waitlist_count = waitlist_count - $2, updated_at = now()
      WHERE id = $1 RETURNING *`,
    [event.key, count],
  );
  return transaction.hydrator(Event)(row);
}

/**
 * Positions 1..n in the order the waitlisted registered, closing the gaps a promotion or a
 * cancellation left (the unique constraint on positions is checked at commit).
 */
async function renumberWaitlist(transaction: SqlTransaction, eventKey: number): Promise<void> {
  await transaction.run(
    `UPDATE event_registration r SET waitlist_position = n.position, updated_at = now()
       FROM (SELECT id, row_number() OVER (ORDER BY waitlist_position)::int AS position
               FROM event_registration WHERE event_id = $1 AND status = 'WAITLISTED') n
      WHERE r.id = n.id AND r.waitlist_position <> n.position`,
    [eventKey],
  );
}

/**
 * The registration and its event, the event's row locked for the rest of the transaction, and
 * which parties to it the viewer is: NOT_FOUND (as if it did not exist) when none, since the
 * viewer may not even see it.
 */
async function lockedRegistration(
  context: EventContext,
  transaction: SqlTransaction,
  key: number,
  registrationId: string,
): Promise<{ event: Event; registration: EventRegistration; parties: RegistrationParty[] }> {
  const [eventRow] = await transaction.rows(
    `SELECT * FROM event WHERE id = (SELECT event_id FROM event_registration WHERE id = $1) FOR UPDATE`,
    [key],
  );
  // Read after the lock: the status is the one the previous holder of the lock left.
  const [row] = eventRow
    ? await transaction.rows('SELECT * FROM event_registration WHERE id = $1', [key])
    : [];
  const event = eventRow ? transaction.hydrator(Event)(eventRow) : null;
  const registration = row ? transaction.hydrator(EventRegistration)(row) : null;
  const parties =
    event && registration
      ? registrationPartiesOf(context.viewer, {
          organizerId: event.organizerId,
          apiKeyId: registration.apiKeyId,
        })
      : [];
  if (!event || !registration || parties.length === 0) {
    throw notFound(
      `no event registration with id ${quote(registrationId)} is visible to this API key`,
      'registrationId',
    );
  }
  return { event, registration, parties };
}

/** Moves a registration to `to` with its history line; returns it as it is afterwards. */
async function moveRegistration(
  transaction: SqlTransaction,
  event: Event,
  registration: EventRegistration,
  to: RegistrationStatus,
  actor: string,
): Promise<EventRegistration> {
  const [row] = await transaction.rows(
    `WITH moved AS (
       UPDATE event_registration SET status = $2, waitlist_position = NULL, updated_at = now()
        WHERE id = $1 RETURNING *),
     change AS (
       INSERT INTO event_registration_change (registration_id, status, actor) SELECT id, status, $3 FROM moved)
     SELECT * FROM moved`,
    [registration.key, to, actor],
  );
  const moved = transaction.hydrator(EventRegistration)(row);
  await tellPartnersOfRegistrations(transaction, event.code, [
    {
      key: moved.key,
      apiKeyId: moved.apiKeyId,
      status: moved.status,
      previousStatus: registration.status,
    },
  ]);
  return moved;
}

export async function cancelEventRegistration(
  context: EventContext,
  registrationId: string,
): Promise<EventRegistration> {
  const { viewer, sql } = context;
  const key = registrationKey(registrationId);
  const now = context.clock();
  return sql.transaction(async (transaction) => {
    const { event, registration, parties } = await lockedRegistration(
      context,
      transaction,
      key,
      registrationId,
    );
    checkNotCancelled(event);
    checkRegistrationMove(registration.status, CANCELLED, parties, event, now);
    const actor = actorName(viewer);
    const cancelled = await moveRegistration(transaction, event, registration, CANCELLED, actor);
    if (registration.status === WAITLISTED) {
      await renumberWaitlist(transaction, event.key);
      await transaction.run(
        'UPDATE event SET waitlist_count = waitlist_count - 1, updated_at = now() WHERE id = $1',
        [event.key],
      );
      return cancelled;
    }
    // A confirmed seat came free: the first waitlisted takes it, in this same transaction.
    const [row] = await transaction.rows(
      'UPDATE event SET confirmed_count = confirmed_count - 1, updated_at = now() WHERE id = $1 RETURNING *',
      [event.key],
    );
    await promoteWaitlisted(
      transaction,
      transaction.hydrator(Event)(row),
      now,
      actor,
      `a seat came free (registration ${registration.key} cancelled)`,
    );
    return cancelled;
  });
}

export async function recordAttendance(
  context: EventContext,
  registrationId: string,
  attended: boolean,
): Promise<EventRegistration> {
  const { viewer, sql } = context;
  const key = registrationKey(registrationId);
  const to = attended ? ATTENDED : NO_SHOW;
  const now = context.clock();
  return sql.transaction(async (transaction) => {
    const { event, registration, parties } = await lockedRegistration(
      context,
      transaction,
      key,
      registrationId,
    );
    checkNotCancelled(event);
    // Recording the same attendance again is a retry: nothing changes.
    if (registration.status === to) return registration;
    checkRegistrationMove(registration.status, to, parties, event, now);
    // ATTENDED holds a seat, NO_SHOW gives it up (it stays empty: the event has started).
    const seats =
      (to === ATTENDED ? 1 : 0) -
      (registration.status === ATTENDED || registration.status === CONFIRMED ? 1 : 0);
    if (seats > 0 && event.confirmedCount + seats > event.capacity) {
      throw conflict(
        `event ${event.code} has no seat left for this enterprise (${event.confirmedCount} of ${event.capacity} held): record another registration as NO_SHOW first`,
      );
    }
    const moved = await moveRegistration(transaction, event, registration, to, actorName(viewer));
    if (seats !== 0) {
      await transaction.run(
        'UPDATE event SET confirmed_count = confirmed_count + $2, updated_at = now() WHERE id = $1',
        [event.key, seats],
      );
    }
    return moved;
  });
}
