// Creating, changing and cancelling events, and recording their outcomes. Organizer's staff or
// ADMIN only. Every change of an event with registrations runs under the event's row lock
// (lockedEventByCode), like every registration change, so that seats are never counted twice.
import { actorName } from '../auth/viewer';
import { fieldChanges, recordAudit, type AuditActor } from '../db/audit-trail';
import { updateAudited, type ColumnChange } from '../db/audited-update';
import type { SqlRunner } from '../db/sql';
import { isUniqueViolation } from '../db/unique-violation';
import { institutionByCode } from '../institutions/institution.queries';
import { parseCreditCode } from '../referrals/credit-code';
import { normalizeRegionCode } from '../regions/region-code';
import { badInput, conflict, notFound, quote } from '../schema/errors';
import { optionalText, publicCode, requiredText } from '../schema/input';
import { SpecializationLevel } from '../services/eligibility';
import type { EventContext } from './event.context';
import { Event } from './event.entity';
import type { CreateEventInput, RecordOutcomeInput, UpdateEventInput } from './event.inputs';
import { lockedEventByCode } from './event.queries';
import {
  checkCapacity,
  checkCapacityCovers,
  checkSchedule,
  withinOrganizerRegion,
} from './event-rules';
import { RegistrationStatus } from './event-enums';
import { promoteWaitlisted } from './registration.commands';
import { checkNotCancelled, checkOutcome, requireOrganizer } from './registration-rules';
import { tellPartnersOfRegistrations } from './registration-webhooks';

const MAX_COUNTERPARTS = 50;

function counterparts(values: readonly string[] | null | undefined): string[] {
  const list = values ?? [];
  if (list.length > MAX_COUNTERPARTS) {
    throw badInput(
      `counterparts lists ${list.length} names: name at most ${MAX_COUNTERPARTS}`,
      'counterparts',
    );
  }
  return [...new Set(list.map((name, index) => requiredText(name, `counterparts[${index}]`, 200)))];
}

/** The fields of an event the audit trail compares, named as the API names them. */
const EVENT_AUDIT_FIELDS = [
  'title',
  'titleEn',
  'kind',
  'organizerCode',
  'regionCode',
  'categoryCode',
  'deliveryMode',
  'venue',
  'startsAt',
  'endsAt',
  'registrationClosesAt',
  'capacity',
  'eligibleScales',
  'minSpecialization',
  'counterparts',
  'cancelledAt',
] as const;

/** An event as the audit trail compares it: organizer and category by code only when given. */
const auditedEvent = (event: Event): Record<string, unknown> => ({ ...event });

/**
 * Records a change of an event (a new one: `before` null) in the audit trail; organizer and
 * category (by code) are given for a new event only, since no change moves them.
 */
async function auditEvent(
  transaction: SqlRunner,
  actor: AuditActor,
  action: 'event.create' | 'event.cancel',
  before: Event | null,
  after: Event,
  codes: { organizerCode?: string; categoryCode?: string | null } = {},
): Promise<void> {
  const changes = fieldChanges(
    before && auditedEvent(before),
    { ...auditedEvent(after), ...codes },
    EVENT_AUDIT_FIELDS,
  );
  if (Object.keys(changes).length === 0) return;
  await recordAudit(transaction, actor, [
    { action, entityType: 'event', entityCode: after.code, changes },
  ]);
}

export async function createEvent(context: EventContext, input: CreateEventInput): Promise<Event> {
  const { sql, viewer, regions } = context;
  const organizerCode = publicCode(input.organizerCode, 'organizerCode');
  const code = publicCode(input.code, 'code');
  const title = requiredText(input.title, 'title', 200);
  const titleEn = optionalText(input.titleEn, 'titleEn', 200);
  const venue = optionalText(input.venue, 'venue', 300);
  checkCapacity(input.capacity);
  const schedule = {
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    registrationClosesAt: input.registrationClosesAt ?? input.startsAt,
  };
  const now = context.clock();
  checkSchedule(schedule, now);
  const names = counterparts(input.counterparts);
  const category =
    input.categoryCode === null || input.categoryCode === undefined
      ? null
      : (await context.taxonomy.current()).resolve(input.categoryCode, 'categoryCode');

  const organizer = await institutionByCode(sql, organizerCode, 'organizerCode');
  requireOrganizer(viewer, organizer.key, `create events of ${organizer.code}`);
  if (!organizer.active) {
    throw badInput(
      `the organizer ${organizer.code} (${organizer.name}) is inactive: events are run by active institutions`,
      'organizerCode',
    );
  }
  let regionCode = organizer.regionCode;
  if (input.regionCode !== null && input.regionCode !== undefined) {
    regionCode = normalizeRegionCode(input.regionCode, 'regionCode');
    const region = await regions.byCode(regionCode);
    if (!region) {
      throw notFound(
        `regionCode ${quote(input.regionCode)} names no GB/T 2260 division`,
        'regionCode',
      );
    }
    if (!withinOrganizerRegion(organizer.regionCode, regionCode)) {
      throw badInput(
        `regionCode ${regionCode} (${region.name}) lies outside the region of ${organizer.name} (${organizer.regionCode}): an institution holds events in its own region or below`,
        'regionCode',
      );
    }
  }
  if (regionCode === null) {
    throw badInput(
      `regionCode is required when the organizer is the national centre: name the province, prefecture or county where the event takes place`,
      'regionCode',
    );
  }

  try {
    return await sql.transaction(async (transaction) => {
      const [row] = await transaction.rows(
        `INSERT INTO event (code, title, title_en, kind, organizer_id, region_code, category_id, delivery_mode, venue,
                          starts_at, ends_at, registration_closes_at, capacity, eligible_scales, min_specialization, counterparts)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::enterprise_scale[], $15, $16::text[])
       RETURNING *`,
        [
          code,
          title,
          titleEn,
          input.kind,
          organizer.key,
          regionCode,
          category?.key ?? null,
          input.deliveryMode,
          venue,
          schedule.startsAt,
          schedule.endsAt,
          schedule.registrationClosesAt,
          input.capacity,
          [...new Set(input.eligibleScales ?? [])],
          input.minSpecialization ?? SpecializationLevel.NONE,
          names,
        ],
      );
      const created = sql.hydrator(Event)(row);
      await auditEvent(transaction, viewer, 'event.create', null, created, {
        organizerCode: organizer.code,
        categoryCode: category?.code ?? null,
      });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'event_code_key'))
      throw conflict(`an event with code ${code} exists already: choose another code`);
    throw error;
  }
}

export async function updateEvent(context: EventContext, input: UpdateEventInput): Promise<Event> {
  const { sql, viewer } = context;
  const code = publicCode(input.code, 'code');
  const changes: ColumnChange[] = [];
  if (input.title !== undefined && input.title !== null)
    changes.push(['title', requiredText(input.title, 'title', 200)]);
  if (input.titleEn !== undefined)
    changes.push(['title_en', optionalText(input.titleEn, 'titleEn', 200)]);
  if (input.venue !== undefined) changes.push(['venue', optionalText(input.venue, 'venue', 300)]);
  if (input.capacity !== undefined && input.capacity !== null) checkCapacity(input.capacity);
  const now = context.clock();

  return sql.transaction(async (transaction) => {
    const event = await lockedEventByCode(transaction, code, 'code');
    requireOrganizer(viewer, event.organizerId, `change event ${event.code}`);
    checkNotCancelled(event);
    if (event.endsAt.getTime() <= now.getTime()) {
      throw badInput(
        `event ${event.code} ended at ${event.endsAt.toISOString()}: it can no longer change`,
        'code',
      );
    }
    const timesChanged = [input.startsAt, input.endsAt, input.registrationClosesAt].some(
      (value) => value !== undefined && value !== null,
    );
    if (timesChanged) {
      const startsAt = input.startsAt ?? event.startsAt;
      const schedule = {
        startsAt,
        endsAt: input.endsAt ?? event.endsAt,
        // A new start moves a deadline that was the start along with it.
        registrationClosesAt:
          input.registrationClosesAt ??
          (input.startsAt && event.registrationClosesAt.getTime() === event.startsAt.getTime()
            ? startsAt
            : event.registrationClosesAt),
      };
      const startChanged = startsAt.getTime() !== event.startsAt.getTime();
      const started = now.getTime() >= event.startsAt.getTime();
      if (
        started &&
        (startChanged ||
          schedule.registrationClosesAt.getTime() !== event.registrationClosesAt.getTime())
      ) {
        throw badInput(
          `event ${event.code} started at ${event.startsAt.toISOString()}: only its end can still move`,
          input.startsAt ? 'startsAt' : 'registrationClosesAt',
        );
      }
      checkSchedule(schedule, now, startChanged);
      changes.push(
        ['starts_at', schedule.startsAt],
        ['ends_at', schedule.endsAt],
        ['registration_closes_at', schedule.registrationClosesAt],
      );
    }
    if (input.capacity !== undefined && input.capacity !== null) {
      checkCapacityCovers(input.capacity, event.confirmedCount);
      changes.push(['capacity', input.capacity]);
    }
    if (changes.length === 0) return event;
    const updated = await updateAudited(transaction, viewer, event, {
      table: 'event',
      entity: Event,
      changes,
      audited: auditedEvent,
      fields: EVENT_AUDIT_FIELDS,
    });
    // Seats added before the start go to the waitlist first, in order.
    return promoteWaitlisted(
      transaction,
      updated,
      now,
      actorName(viewer),
      `capacity raised to ${updated.capacity}`,
    );
  });
}

export async function cancelEvent(context: EventContext, rawCode: string): Promise<Event> {
  const { sql, viewer } = context;
  const code = publicCode(rawCode, 'code');
  const now = context.clock();
  return sql.transaction(async (transaction) => {
    const event = await lockedEventByCode(transaction, code, 'code');
    requireOrganizer(viewer, event.organizerId, `cancel event ${event.code}`);
    // Cancelling twice is a retry: the event stays as the first cancellation left it.
    if (event.cancelledAt) return event;
    if (now.getTime() >= event.startsAt.getTime()) {
      throw badInput(
        `event ${event.code} started at ${event.startsAt.toISOString()}: it can no longer be cancelled`,
        'code',
      );
    }
    // Every live registration is cancelled, each with its history line.
    const cancelled = await transaction.rows<{
      id: number;
      api_key_id: number | null;
      previous: RegistrationStatus;
    }>(
      `WITH live AS (
         SELECT id, status FROM event_registration WHERE event_id = $1 AND status = ANY($2::registration_status[])),
       cancelled AS (
         UPDATE event_registration r SET status = 'CANCELLED', waitlist_position = NULL, updated_at = now()
           FROM live WHERE r.id = live.id RETURNING r.id, r.api_key_id, live.status AS previous),
       change AS (
         INSERT INTO event_registration_change (registration_id, status, note, actor)
         SELECT id, 'CANCELLED', 'the event was cancelled', $3 FROM cancelled)
       SELECT id, api_key_id, previous FROM cancelled`,
      [event.key, [RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED], actorName(viewer)],
    );
    await tellPartnersOfRegistrations(
      transaction,
      event.code,
      cancelled.map((row) => ({
        key: row.id,
        apiKeyId: row.api_key_id,
        status: RegistrationStatus.CANCELLED,
        previousStatus: row.previous,
      })),
    );
    const [row] = await transaction.rows(
      `UPDATE event SET cancelled_at = $2, confirmed_count = 0, waitlist_count = 0, updated_at = now()
        WHERE id = $1 RETURNING *`,
      [event.key, now],
    );
    const called = transaction.hydrator(Event)(row);
    await auditEvent(transaction, viewer, 'event.cancel', event, called);
    return called;
  });
}

export async function recordOutcome(
  context: EventContext,
  input: RecordOutcomeInput,
): Promise<Event> {
  const { sql, viewer } = context;
  const code = publicCode(input.eventCode, 'eventCode');
  const creditCode = parseCreditCode(input.creditCode, 'creditCode');
  const counterpart = requiredText(input.counterpart, 'counterpart', 200);
  const note = optionalText(input.note, 'note', 2000);
  const amount = input.amountYuan ?? null;
  if (amount !== null && (!Number.isSafeInteger(amount) || amount < 0)) {
    throw badInput(
      `amountYuan must be a whole number of yuan, 0 or more, got ${amount}`,
      'amountYuan',
    );
  }
  const now = context.clock();
  return sql.transaction(async (transaction) => {
    // The lock keeps the registration's attendance as checked until the outcome is written.
    const event = await lockedEventByCode(transaction, code);
    requireOrganizer(viewer, event.organizerId, `record outcomes of event ${event.code}`);
    checkNotCancelled(event);
    const [registration] = await transaction.rows<{
      id: number;
      enterprise_id: number;
      status: RegistrationStatus;
    }>(
      `SELECT r.id, r.enterprise_id, r.status FROM event_registration r JOIN enterprise e ON e.id = r.enterprise_id
        WHERE r.event_id = $1 AND e.credit_code = $2 AND r.status <> 'CANCELLED'`,
      [event.key, creditCode],
    );
    checkOutcome(event, registration ?? null, creditCode, now);
    await transaction.run(
      `INSERT INTO matchmaking_outcome (event_id, enterprise_id, registration_id, kind, counterpart, amount_yuan, note, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        event.key,
        registration.enterprise_id,
        registration.id,
        input.kind,
        counterpart,
        amount,
        note,
        actorName(viewer),
      ],
    );
    return event;
  });
}
