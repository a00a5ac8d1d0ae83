// The figures of institutions' scorecards for one calendar year (Beijing time), for every
// institution of a request in one statement: distinct enterprises whose referral to it was
// COMPLETED in the year (by the history's COMPLETED event), feedback given in the year on its
// referrals, its active services by fee, and the events it organized that started in the year and
// have ended (not cancelled); the appeals it resolved in the year, and how many of them on time
// (by their resolveBy, never escalated).
import type { SqlRunner } from '../db/sql';

export interface ScorecardRow {
  enterprisesServed: number;
  ratings: number;
  goodRatings: number;
  activeServices: number;
  publicBenefitServices: number;
  eventsHeld: number;
  appealsResolved: number;
  appealsResolvedOnTime: number;
}

/** The year's bounds in Beijing time (UTC+8, no daylight saving). */
export function yearBounds(year: number): [Date, Date] {
  const start = (y: number) => new Date(`${String(y).padStart(4, '0')}-01-01T00:00:00+08:00`);
  return [start(year), start(year + 1)];
}

export async function scorecardFigures(
  sql: SqlRunner,
  institutionKeys: readonly number[],
  year: number,
  now: Date,
): Promise<Map<number, ScorecardRow>> {
  const [from, to] = yearBounds(year);
  const rows = await sql.rows<ScorecardRow & { id: number }>(
    `SELECT i.id, served.n AS "enterprisesServed", rated.ratings, rated.good AS "goodRatings",
            offered.active AS "activeServices", offered.public_benefit AS "publicBenefitServices",
            held.n AS "eventsHeld", appealed.resolved AS "appealsResolved",
            appealed.on_time AS "appealsResolvedOnTime"
       FROM unnest($1::int[]) AS i(id)
       CROSS JOIN LATERAL (
         -- From the institution's referrals to their histories, both by index: driven from the
         -- history's side, a fresh planner estimate read all 100,000 history lines per institution.
         SELECT count(DISTINCT r.enterprise_id)::int AS n
           FROM referral r
          WHERE r.institution_id = i.id
            AND EXISTS (SELECT 1 FROM referral_event e
                         WHERE e.referral_uuid = r.uuid AND e.status = 'COMPLETED'
                           AND e.at >= $2 AND e.at < $3)) served
       CROSS JOIN LATERAL (
         SELECT count(*)::int AS ratings, count(*) FILTER (WHERE f.rating >= 4)::int AS good
           FROM referral r JOIN referral_feedback f ON f.referral_uuid = r.uuid
          WHERE r.institution_id = i.id AND f.at >= $2 AND f.at < $3) rated
       CROSS JOIN LATERAL (
         SELECT count(*)::int AS active,
                count(*) FILTER (WHERE s.fee IN ('FREE', 'SUBSIDIZED'))::int AS public_benefit
           FROM service s WHERE s.institution_id = i.id AND s.active) offered
       CROSS JOIN LATERAL (
         SELECT count(*)::int AS n FROM event e
          WHERE e.organizer_id = i.id AND e.cancelled_at IS NULL
            AND e.starts_at >= $2 AND e.starts_at < $3 AND e.ends_at <= $4) held
       CROSS JOIN LATERAL (
         SELECT count(*)::int AS resolved,
                count(*) FILTER (WHERE a.resolved_at < a.resolve_by AND a.escalations = 0)::int AS on_time
           FROM appeal a
          WHERE a.handler_id = i.id AND a.resolved_at >= $2 AND a.resolved_at < $3) appealed`,
    [institutionKeys, from, to, now],
    // Reads every referral, service and event of each institution: a heavy statement (sql.ts).
    { heavy: true },
  );
  return new Map(rows.map(({ id, ...row }) => [id, row]));
}
