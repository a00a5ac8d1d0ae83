// Writes the planned network into the database. Idempotent: every row is keyed by its code and
// inserted only when missing (ON CONFLICT DO NOTHING; institutions through the import's bulk
// insert, checked by the institutions' rule set), so a second run changes nothing and rows
// edited since are left as they are. One statement per table (and tier), in one transaction.
// The calendar of events is laid out around the day the seed first ran (seed_info): an event's
// registrations, history and outcomes are written with the event, only when the event is new;
// so is the referral history, each referral with its events and feedback (seed-referrals.ts), and
// the year of appeals with their history (seed-appeals.ts).
import { publishChange } from '../db/change-feed';
import type { Sql, SqlRunner } from '../db/sql';
import {
  institutionContact,
  institutionName,
  institutionNameEn,
} from '../institutions/institution-rules';
import {
  createInstitutions,
  type InstitutionRecord,
} from '../network-import/network-import.commands';
import { planCalendar, type CalendarPlan } from './calendar-plan';
import { loadDivisions } from './divisions';
import { planNetwork, type InstitutionRow, type NetworkPlan } from './network-plan';
import { grantDeclaredDesignations } from './seed-declared-designations';
import { insertEnterprises } from './seed-enterprises';
import { planReferralHistory } from './referral-history';
import { historyPartnerKey, insertReferralHistory } from './seed-referrals';
import { seedPilots } from './seed-pilots';
import { insertAppeals } from './seed-appeals';
import { insertPolicies } from './seed-policies';
import { column } from './columns';
import { loadPackagedYears } from '../working-calendar/packaged-years';
import { seedScale } from '../config';
import { timed, type Logger } from '../logger';
import { planRegistry } from './registry-plan';
import { insertClusters, insertDesignatedEnterprises } from './seed-registry';
import { withoutRowTriggers } from './without-row-triggers';

export interface SeedCounts {
  regions: number;
  categories: number;
  institutions: number;
  services: number;
}

export function planFromDivisions(): NetworkPlan {
  return planNetwork(loadDivisions());
}

/** True when the database holds no institution yet. */
export async function isNetworkEmpty(sql: SqlRunner): Promise<boolean> {
  const [{ empty }] = await sql.rows<{ empty: boolean }>(
    'SELECT NOT EXISTS (SELECT 1 FROM institution) AS empty',
  );
  return empty;
}

export interface SeedOptions {
  /** The seed's day (YYYY-MM-DD) if none is stored yet; by default today in Beijing. */
  today?: string;
  /**
   * Share of the programmes' published scale — the registry's enterprises, the pilots'
   * enrolments, the year of appeals; the network, clusters, pilot cities and policies are always
   * all there. By default SEED_SCALE (1).
   */
  scale?: number;
  /** Where each step's duration is logged (`seed: registry` …); not logged without it. */
  log?: Logger;
}

/** Today in Beijing (UTC+8, no daylight saving), as YYYY-MM-DD. */
export function beijingToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * Inserts whatever of the plan is missing, and the calendar of events around the seed's day;
 * returns how many rows each table of the network gained.
 */
export async function seedNetwork(
  sql: Sql,
  plan: NetworkPlan = planFromDivisions(),
  options: SeedOptions = {},
): Promise<SeedCounts> {
  const step = <T>(name: string, run: () => Promise<T>) =>
    options.log ? timed(options.log, `seed: ${name}`, run) : run();
  const scale = options.scale ?? seedScale();
  const counts = await sql.transaction(async (transaction) => {
    const counts = await step('network', async () => ({
      regions: await insertRegions(transaction, plan),
      categories: await insertCategories(transaction, plan),
      institutions: await insertInstitutions(transaction, plan),
      services: await insertServices(transaction, plan),
    }));
    await loadPackagedYears(transaction);
    const seededOn = await seedDay(transaction, options.today ?? beijingToday());
    // The bulk loads, with the foreign keys' row checks off where allowed.
    await withoutRowTriggers(transaction, async () => {
      await step('events and enterprises', async () => {
        const calendar = await step('events plan', async () =>
          planCalendar(plan.regions, plan.institutions, seededOn),
        );
        await step('events insert', () => insertCalendar(transaction, calendar));
        const history = await step('referrals plan', async () =>
          planReferralHistory(plan.regions, plan.institutions, plan.services, seededOn),
        );
        await step('referrals insert', () => insertReferralHistory(transaction, history));
      });
      await step('registry', async () => {
        // Seeded partners' enterprises first, as declared; the generated registry then skips
        // whoever already holds a live designation of a kind.
        await step('registry declared levels', () =>
          grantDeclaredDesignations(transaction, seededOn),
        );
        const registry = await step('registry plan', async () =>
          planRegistry(plan.regions, seededOn, scale),
        );
        await step('registry clusters', () => insertClusters(transaction, registry.clusters));
        await step('registry enterprises and designations', () =>
          insertDesignatedEnterprises(transaction, registry),
        );
      });
      await step('pilots', () => seedPilots(transaction, seededOn, scale));
      await step('policies', () => insertPolicies(transaction, seededOn));
      await step('appeals', async () =>
        insertAppeals(transaction, await historyPartnerKey(transaction), seededOn, scale),
      );
    });
    // Running processes re-read regions and taxonomy once this commits.
    await publishChange(transaction, 'reference');
    return counts;
  });
  // Plans from the row counts of an empty database would read the 100,000 lines of referral
  // history once per institution (a page of 100 scorecards took 4 s instead of 0.4 s); autovacuum
  // gets to it only later.
  await step('analyze', () => sql.run('ANALYZE'));
  return counts;
}

async function inserted(sql: SqlRunner, text: string, parameters: unknown[]): Promise<number> {
  return (await sql.run(text, parameters)).rowCount;
}

async function insertRegions(sql: SqlRunner, { regions }: NetworkPlan): Promise<number> {
  // Parents precede children in the plan, and WITH ORDINALITY keeps that order on insert.
  return inserted(
    sql,
    `INSERT INTO region (code, name, name_en, level, parent_code)
     SELECT code, name, name_en, level::region_level, parent_code
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
            WITH ORDINALITY AS r(code, name, name_en, level, parent_code, n)
      ORDER BY n
     ON CONFLICT (code) DO NOTHING`,
    [
      column(regions, 'code'),
      column(regions, 'name'),
      column(regions, 'nameEn'),
      column(regions, 'level'),
      column(regions, 'parentCode'),
    ],
  );
}

async function insertCategories(sql: SqlRunner, { categories }: NetworkPlan): Promise<number> {
  let count = 0;
  // Top categories first, then sub-categories whose parent id is looked up by code.
  for (const rows of [
    categories.filter((c) => !c.parentCode),
    categories.filter((c) => c.parentCode),
  ]) {
    count += await inserted(
      sql,
      `INSERT INTO service_category (code, name, name_en, parent_id, position)
       SELECT c.code, c.name, c.name_en, parent.id, c.position
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[])
              WITH ORDINALITY AS c(code, name, name_en, parent_code, position, n)
         LEFT JOIN service_category parent ON parent.code = c.parent_code
        ORDER BY c.n
       ON CONFLICT (code) DO NOTHING`,
      [
        column(rows, 'code'),
        column(rows, 'name'),
        column(rows, 'nameEn'),
        column(rows, 'parentCode'),
        column(rows, 'position'),
      ],
    );
  }
  return count;
}

/** The contact's fields named as the seed's plan names them, for the rule set's messages. */
const PLAN_CONTACT_FIELDS = {
  phone: 'phone',
  email: 'email',
  website: 'website',
  address: 'address',
};

/**
 * A planned institution as the import would write it, through the rule set every writer of
 * institutions uses (institutions/institution-rules.ts): the seed writes nothing the API and
 * the import would refuse.
 */
function checkedInstitution(row: InstitutionRow): InstitutionRecord {
  return {
    ...row,
    name: institutionName(row.name),
    nameEn: institutionNameEn(row.nameEn),
    ...institutionContact(row, PLAN_CONTACT_FIELDS),
    active: true,
  };
}

async function insertInstitutions(sql: SqlRunner, { institutions }: NetworkPlan): Promise<number> {
  // Only the missing ones, through the import's bulk insert (tier by tier from the top, so that
  // every statement finds its rows' parents by code); institutions edited since stay as they are.
  const existing = await sql.rows<{ code: string }>(
    `SELECT code FROM institution WHERE code = ANY($1::text[])`,
    [column(institutions, 'code')],
  );
  const taken = new Set(existing.map((row) => row.code));
  return createInstitutions(
    sql,
    institutions.filter((row) => !taken.has(row.code)).map(checkedInstitution),
  );
}

async function insertServices(sql: SqlRunner, { services }: NetworkPlan): Promise<number> {
  return inserted(
    sql,
    `INSERT INTO service (code, name, name_en, description, institution_id, category_id,
                          delivery_mode, fee, eligible_scales, min_specialization, active)
     SELECT s.code, s.name, s.name_en, s.description, institution.id, category.id,
            s.delivery_mode::delivery_mode, s.fee::fee_type,
            -- unnest cannot take a 2-D array of ragged lists: scales travel as '{MICRO,SMALL}' text
            s.eligible_scales::enterprise_scale[], s.min_specialization::specialization_level, s.active
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                   $7::text[], $8::text[], $9::text[], $10::text[], $11::bool[])
            WITH ORDINALITY AS s(code, name, name_en, description, institution_code, category_code,
                                 delivery_mode, fee, eligible_scales, min_specialization, active, n)
       JOIN institution ON institution.code = s.institution_code
       JOIN service_category category ON category.code = s.category_code
      ORDER BY s.n
     ON CONFLICT (code) DO NOTHING`,
    [
      column(services, 'code'),
      column(services, 'name'),
      column(services, 'nameEn'),
      column(services, 'description'),
      column(services, 'institutionCode'),
      column(services, 'categoryCode'),
      column(services, 'deliveryMode'),
      column(services, 'fee'),
      services.map((service) => `{${service.eligibleScales.join(',')}}`),
      column(services, 'minSpecialization'),
      column(services, 'active'),
    ],
  );
}

/** The day the calendar is laid out around: the one stored by the first run, else `today`. */
export async function seedDay(sql: SqlRunner, today: string): Promise<string> {
  await sql.run(
    `INSERT INTO seed_info (id, seeded_on) VALUES (1, $1::date) ON CONFLICT (id) DO NOTHING`,
    [today],
  );
  const [{ seeded_on }] = await sql.rows<{ seeded_on: string }>(
    `SELECT seeded_on::text AS seeded_on FROM seed_info WHERE id = 1`,
  );
  return seeded_on;
}

export interface CalendarCounts {
  events: number;
  enterprises: number;
  registrations: number;
  outcomes: number;
}

/**
 * Inserts the events of the calendar that are missing (by code), and with each new event its
 * registrations, their history and its outcomes; the enterprises they need are inserted when
 * missing (by credit code). Events whose organizer or region is not in the database are left out.
 */
export async function insertCalendar(
  sql: SqlRunner,
  calendar: CalendarPlan,
): Promise<CalendarCounts> {
  const { events } = calendar;
  const added = await sql.rows<{ code: string }>(
    `INSERT INTO event (code, title, title_en, kind, organizer_id, region_code, category_id, delivery_mode, venue,
                        starts_at, ends_at, registration_closes_at, capacity, confirmed_count, waitlist_count,
                        eligible_scales, min_specialization, counterparts, cancelled_at, created_at, updated_at)
     SELECT e.code, e.title, e.title_en, e.kind::event_kind, organizer.id, region.code, category.id,
            e.delivery_mode::delivery_mode, e.venue, e.starts_at, e.ends_at, e.registration_closes_at, e.capacity,
            e.confirmed_count, e.waitlist_count, e.eligible_scales::enterprise_scale[],
            e.min_specialization::specialization_level, e.counterparts::text[], e.cancelled_at, e.created_at, e.created_at
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                   $9::text[], $10::timestamptz[], $11::timestamptz[], $12::timestamptz[], $13::int[], $14::int[],
                   $15::int[], $16::text[], $17::text[], $18::text[], $19::timestamptz[], $20::timestamptz[])
            WITH ORDINALITY AS e(code, title, title_en, kind, organizer_code, region_code, category_code, delivery_mode,
                                 venue, starts_at, ends_at, registration_closes_at, capacity, confirmed_count,
                                 waitlist_count, eligible_scales, min_specialization, counterparts, cancelled_at,
                                 created_at, n)
       JOIN institution organizer ON organizer.code = e.organizer_code
       JOIN region ON region.code = e.region_code
       LEFT JOIN service_category category ON category.code = e.category_code
      ORDER BY e.n
     ON CONFLICT (code) DO NOTHING
     RETURNING code`,
    [
      column(events, 'code'),
      column(events, 'title'),
      column(events, 'titleEn'),
      column(events, 'kind'),
      column(events, 'organizerCode'),
      column(events, 'regionCode'),
      column(events, 'categoryCode'),
      column(events, 'deliveryMode'),
      column(events, 'venue'),
      column(events, 'startsAt'),
      column(events, 'endsAt'),
      column(events, 'registrationClosesAt'),
      column(events, 'capacity'),
      column(events, 'confirmedCount'),
      column(events, 'waitlistCount'),
      // unnest cannot take a 2-D array of ragged lists: lists travel as '{…}' text
      events.map((event) => `{${event.eligibleScales.join(',')}}`),
      column(events, 'minSpecialization'),
      events.map((event) => arrayLiteral(event.counterparts)),
      column(events, 'cancelledAt'),
      column(events, 'createdAt'),
    ],
  );
  const fresh = new Set(added.map((row) => row.code));
  const registrations = calendar.registrations.filter((row) => fresh.has(row.eventCode));
  const outcomes = calendar.outcomes.filter((row) => fresh.has(row.eventCode));
  const needed = new Set(registrations.map((row) => row.creditCode));
  const enterprises = calendar.enterprises.filter((row) => needed.has(row.creditCode));

  const enterpriseCount = await insertEnterprises(sql, enterprises);
  // In registration order, so that row ids follow it as they do for registrations made live.
  const registrationCount = await inserted(
    sql,
    `INSERT INTO event_registration (event_id, enterprise_id, status, waitlist_position, created_at, updated_at)
     SELECT e.id, en.id, x.status::registration_status, x.waitlist_position, x.created_at, x.updated_at
       FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::timestamptz[], $6::timestamptz[])
            WITH ORDINALITY AS x(event_code, credit_code, status, waitlist_position, created_at, updated_at, n)
       JOIN event e ON e.code = x.event_code
       JOIN enterprise en ON en.credit_code = x.credit_code
      ORDER BY x.n`,
    [
      column(registrations, 'eventCode'),
      column(registrations, 'creditCode'),
      column(registrations, 'status'),
      column(registrations, 'waitlistPosition'),
      column(registrations, 'createdAt'),
      column(registrations, 'updatedAt'),
    ],
  );
  const steps = registrations.flatMap((registration) =>
    registration.history.map((step) => ({ ...registration, ...step })),
  );
  // Each seeded registration is the only one of its enterprise at its event.
  await sql.run(
    `INSERT INTO event_registration_change (registration_id, status, waitlist_position, note, actor, at)
     SELECT r.id, x.status::registration_status, x.waitlist_position, x.note, x.actor, x.at
       FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::timestamptz[])
            WITH ORDINALITY AS x(event_code, credit_code, status, waitlist_position, note, actor, at, n)
       JOIN event e ON e.code = x.event_code
       JOIN enterprise en ON en.credit_code = x.credit_code
       JOIN event_registration r ON r.event_id = e.id AND r.enterprise_id = en.id
      ORDER BY x.n`,
    [
      column(steps, 'eventCode'),
      column(steps, 'creditCode'),
      column(steps, 'status'),
      column(steps, 'waitlistPosition'),
      column(steps, 'note'),
      column(steps, 'actor'),
      column(steps, 'at'),
    ],
  );
  const outcomeCount = await inserted(
    sql,
    `INSERT INTO matchmaking_outcome (event_id, enterprise_id, registration_id, kind, counterpart, amount_yuan,
                                      note, recorded_by, recorded_at)
     SELECT e.id, en.id, r.id, x.kind::outcome_kind, x.counterpart, x.amount_yuan, x.note, x.recorded_by, x.recorded_at
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::text[], $8::timestamptz[])
            WITH ORDINALITY AS x(event_code, credit_code, kind, counterpart, amount_yuan, note, recorded_by, recorded_at, n)
       JOIN event e ON e.code = x.event_code
       JOIN enterprise en ON en.credit_code = x.credit_code
       JOIN event_registration r ON r.event_id = e.id AND r.enterprise_id = en.id
      ORDER BY x.n`,
    [
      column(outcomes, 'eventCode'),
      column(outcomes, 'creditCode'),
      column(outcomes, 'kind'),
      column(outcomes, 'counterpart'),
      column(outcomes, 'amountYuan'),
      column(outcomes, 'note'),
      column(outcomes, 'recordedBy'),
      column(outcomes, 'recordedAt'),
    ],
  );
  return {
    events: added.length,
    enterprises: enterpriseCount,
    registrations: registrationCount,
    outcomes: outcomeCount,
  };
}

/** A PostgreSQL array literal of texts: '{"a","b"}', quotes and backslashes escaped. */
function arrayLiteral(items: readonly string[]): string {
  return `{${items.map((item) => `"${item.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}
