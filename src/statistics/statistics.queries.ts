// The SQL of network statistics. Each figure is one statement for every area a request asks
// about (the country, its 31 provinces, their prefectures …): the areas travel as arrays of code
// ranges, each row of a table is counted in every area whose range holds its region, and the
// grouping happens in PostgreSQL. So a whole-country answer with its breakdown is a fixed number
// of statements, and the rows sent back follow the number of areas, not the size of the data.
import type { SqlRunner } from '../db/sql';
import { InstitutionKind, InstitutionTier } from '../institutions/institution-enums';
import { areaCodeRange, WHOLE_COUNTRY } from '../regions/region-code';
import { overdueAt } from '../appeals/appeal-deadlines';

/**
 * Every figure reads whole tables: its statements pass the gate of heavy statements (at most half
 * the pool at once, src/db/sql.ts), as text searches do, so that ordinary lookups keep a
 * connection however many figures are asked at once.
 */
export const WHOLE_TABLES = { heavy: true };

/** The whole country: every region, and the national centre (which has none). */
export const COUNTRY = WHOLE_COUNTRY;

/** An area as SQL reads it: the range of region codes it covers. */
interface AreaRange {
  area: string;
  lo: string;
  hi: string;
}

function ranges(areas: readonly string[]): AreaRange[] {
  return areas.map((area) => {
    const [lo, hi] = areaCodeRange(area);
    return { area, lo, hi };
  });
}

/** The areas as a FROM item `a(area, lo, hi)`, its three arrays the first parameters. */
export const AREAS = `unnest($1::text[], $2::bpchar[], $3::bpchar[]) AS a(area, lo, hi)`;
/** The institutions of an area; the national centre (no region) counts in the country only. */
const IN_AREA = `coalesce(i.region_code, '${COUNTRY}') BETWEEN a.lo AND a.hi`;

export function areaParameters(areas: readonly string[]): unknown[] {
  const list = ranges(areas);
  return [list.map((r) => r.area), list.map((r) => r.lo), list.map((r) => r.hi)];
}

function byArea<T>(areas: readonly string[], rows: (T & { area: string })[]): Map<string, T[]> {
  const grouped = new Map<string, T[]>(areas.map((area) => [area, []]));
  for (const row of rows) grouped.get(row.area)?.push(row);
  return grouped;
}

export interface InstitutionCountRow {
  tier: InstitutionTier;
  kind: InstitutionKind;
  count: number;
}

/** Active institutions of each area by tier and kind. */
export async function institutionCounts(
  sql: SqlRunner,
  areas: readonly string[],
): Promise<Map<string, InstitutionCountRow[]>> {
  const rows = await sql.rows<InstitutionCountRow & { area: string }>(
    `SELECT a.area, i.tier, i.kind, count(*)::int AS count
       FROM ${AREAS} JOIN institution i ON ${IN_AREA}
      WHERE i.active
      GROUP BY a.area, i.tier, i.kind
      ORDER BY a.area, i.tier, i.kind`,
    areaParameters(areas),
    WHOLE_TABLES,
  );
  return byArea(areas, rows);
}

export interface CategoryCountRow {
  categoryId: number;
  activeServices: number;
  institutions: number;
}

/** Active services of active institutions of each area, by top category. */
export async function serviceCounts(
  sql: SqlRunner,
  areas: readonly string[],
): Promise<Map<string, CategoryCountRow[]>> {
  const rows = await sql.rows<CategoryCountRow & { area: string }>(
    `SELECT a.area, coalesce(c.parent_id, c.id) AS "categoryId",
            count(*)::int AS "activeServices", count(DISTINCT s.institution_id)::int AS institutions
       FROM ${AREAS} JOIN institution i ON ${IN_AREA}
       JOIN service s ON s.institution_id = i.id
       JOIN service_category c ON c.id = s.category_id
      WHERE i.active AND s.active
      GROUP BY 1, 2`,
    areaParameters(areas),
    WHOLE_TABLES,
  );
  return byArea(areas, rows);
}

export interface FunnelRow {
  submitted: number;
  accepted: number;
  inProgress: number;
  completed: number;
  declined: number;
  cancelled: number;
  medianHoursToAccept: number | null;
  medianHoursToComplete: number | null;
  ratings: number;
  goodRatings: number;
}

/**
 * The referrals to the institutions of each area (whether still active or not: the history is
 * what it was), by current status; the hours to accept and to complete from the history, counted
 * from submission to the first ACCEPTED and COMPLETED events; the feedback ratings.
 */
export async function referralFunnels(
  sql: SqlRunner,
  areas: readonly string[],
): Promise<Map<string, FunnelRow>> {
  const rows = await sql.rows<FunnelRow & { area: string }>(
    `SELECT a.area,
            count(*) FILTER (WHERE r.status = 'SUBMITTED')::int AS submitted,
            count(*) FILTER (WHERE r.status = 'ACCEPTED')::int AS accepted,
            count(*) FILTER (WHERE r.status = 'IN_PROGRESS')::int AS "inProgress",
            count(*) FILTER (WHERE r.status = 'COMPLETED')::int AS completed,
            count(*) FILTER (WHERE r.status = 'DECLINED')::int AS declined,
            count(*) FILTER (WHERE r.status = 'CANCELLED')::int AS cancelled,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM h.accepted_at - r.created_at) / 3600)
              AS "medianHoursToAccept",
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM h.completed_at - r.created_at) / 3600)
              AS "medianHoursToComplete",
            count(f.rating)::int AS ratings,
            count(*) FILTER (WHERE f.rating >= 4)::int AS "goodRatings"
       FROM ${AREAS} JOIN institution i ON ${IN_AREA}
       JOIN referral r ON r.institution_id = i.id
       LEFT JOIN LATERAL (
         SELECT min(e.at) FILTER (WHERE e.status = 'ACCEPTED') AS accepted_at,
                min(e.at) FILTER (WHERE e.status = 'COMPLETED') AS completed_at
           FROM referral_event e WHERE e.referral_uuid = r.uuid) h ON true
       LEFT JOIN referral_feedback f ON f.referral_uuid = r.uuid
      GROUP BY a.area`,
    areaParameters(areas),
    WHOLE_TABLES,
  );
  const found = new Map(rows.map(({ area, ...row }) => [area, row as FunnelRow]));
  return new Map(areas.map((area) => [area, found.get(area) ?? emptyFunnel()]));
}

const emptyFunnel = (): FunnelRow => ({
  submitted: 0,
  accepted: 0,
  inProgress: 0,
  completed: 0,
  declined: 0,
  cancelled: 0,
  medianHoursToAccept: null,
  medianHoursToComplete: null,
  ratings: 0,
  goodRatings: 0,
});

export interface EventFigureRow {
  events: number;
  registrations: number;
  enterprises: number;
  attended: number;
  outcomes: number;
  amountYuan: number;
}

/** Events taking place in each area (by the event's region), not cancelled, and their figures. */
export async function eventFigures(
  sql: SqlRunner,
  areas: readonly string[],
): Promise<Map<string, EventFigureRow>> {
  const rows = await sql.rows<EventFigureRow & { area: string }>(
    `SELECT a.area, ev.events, reg.registrations, reg.enterprises, reg.attended, res.outcomes, res.amount AS "amountYuan"
       FROM ${AREAS}
       CROSS JOIN LATERAL (
         SELECT count(*)::int AS events FROM event e
          WHERE e.region_code BETWEEN a.lo AND a.hi AND e.cancelled_at IS NULL) ev
       CROSS JOIN LATERAL (
         SELECT count(*)::int AS registrations, count(DISTINCT r.enterprise_id)::int AS enterprises,
                count(*) FILTER (WHERE r.status = 'ATTENDED')::int AS attended
           FROM event e JOIN event_registration r ON r.event_id = e.id
          WHERE e.region_code BETWEEN a.lo AND a.hi AND e.cancelled_at IS NULL AND r.status <> 'CANCELLED') reg
       CROSS JOIN LATERAL (
         SELECT count(*)::int AS outcomes, coalesce(sum(o.amount_yuan), 0)::float8 AS amount
           FROM event e JOIN matchmaking_outcome o ON o.event_id = e.id
          WHERE e.region_code BETWEEN a.lo AND a.hi AND e.cancelled_at IS NULL) res`,
    areaParameters(areas),
    WHOLE_TABLES,
  );
  return new Map(rows.map(({ area, ...row }) => [area, row as EventFigureRow]));
}

export interface AppealFigureRow {
  received: number;
  open: number;
  overdue: number;
  resolved: number;
  resolvedOnTime: number;
  medianWorkingDaysToResolve: number | null;
  closed: number;
  satisfied: number;
}

/**
 * The appeals whose need lies in each area (by the appeal's region): received, open, overdue at
 * `now`; resolved (RESOLVED or CLOSED) and of those resolved on time — by their resolveBy and never
 * escalated, a missed step being a missed deadline whatever came after; the median working days
 * from submission to resolution; closed ones and those closed with a satisfaction of 4 or 5.
 */
export async function appealFigures(
  sql: SqlRunner,
  areas: readonly string[],
  now: Date,
): Promise<Map<string, AppealFigureRow>> {
  const rows = await sql.rows<AppealFigureRow & { area: string }>(
    `SELECT a.area, count(x.uuid)::int AS received,
            count(*) FILTER (WHERE x.status IN ('SUBMITTED', 'ACKNOWLEDGED', 'REPLIED'))::int AS open,
            count(*) FILTER (WHERE ${overdueAt('x', '$4')})::int AS overdue,
            count(x.resolved_at)::int AS resolved,
            count(*) FILTER (WHERE x.resolved_at < x.resolve_by AND x.escalations = 0)::int AS "resolvedOnTime",
            percentile_cont(0.5) WITHIN GROUP (ORDER BY x.resolved_working_days) AS "medianWorkingDaysToResolve",
            count(x.satisfaction) FILTER (WHERE x.status = 'CLOSED')::int AS closed,
            count(*) FILTER (WHERE x.status = 'CLOSED' AND x.satisfaction >= 4)::int AS satisfied
       FROM ${AREAS} LEFT JOIN appeal x ON x.region_code BETWEEN a.lo AND a.hi
      GROUP BY a.area`,
    [...areaParameters(areas), now],
    WHOLE_TABLES,
  );
  return new Map(rows.map(({ area, ...row }) => [area, row as AppealFigureRow]));
}
