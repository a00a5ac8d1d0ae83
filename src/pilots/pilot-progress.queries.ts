// The pilots' figures by area, in one statement for every area a request asks about: a pilot
// city's progress (its area is its own region: cities never nest, a prefecture's range holds no
// other city), networkStatistics.pilots for the country, a province or a prefecture and every
// area of its breakdown. Specialized counts read the registry as of today (registry-today.ts).
import { verifiedSpecializationOn } from '../cultivation/registry-today';
import type { SqlRunner } from '../db/sql';
import { areaCodeRange } from '../regions/region-code';

export interface PilotProgressRow {
  enrolled: number;
  diagnosed: number;
  inTransformation: number;
  accepted: number;
  withdrawn: number;
  specialized: number;
  atLevelTwoOrAbove: number;
  /** Exact numeric text. */
  subsidyPaidYuan: string;
}

const NO_PROGRESS: PilotProgressRow = {
  enrolled: 0,
  diagnosed: 0,
  inTransformation: 0,
  accepted: 0,
  withdrawn: 0,
  specialized: 0,
  atLevelTwoOrAbove: 0,
  subsidyPaidYuan: '0',
};

/** Each area's pilot enterprises, by stage reached. */
export async function pilotProgressByArea(
  sql: SqlRunner,
  areas: readonly string[],
): Promise<Map<string, PilotProgressRow>> {
  const bounds = areas.map((area) => areaCodeRange(area));
  // Counted per city first (a hundred rows), then summed into the areas that hold each city:
  // each enterprise's verified level is read once, whatever the number of areas.
  const rows = await sql.rows<PilotProgressRow & { area: string }>(
    `WITH a AS (SELECT * FROM unnest($1::text[], $2::bpchar[], $3::bpchar[]) AS a(area, lo, hi)),
     city AS MATERIALIZED (
       SELECT c.region_code,
              count(*) FILTER (WHERE p.stage <> 'WITHDRAWN') AS enrolled,
              count(*) FILTER (WHERE p.stage IN ('DIAGNOSED', 'IN_TRANSFORMATION', 'ACCEPTED')) AS diagnosed,
              count(*) FILTER (WHERE p.stage IN ('IN_TRANSFORMATION', 'ACCEPTED')) AS in_transformation,
              count(*) FILTER (WHERE p.stage = 'ACCEPTED') AS accepted,
              count(*) FILTER (WHERE p.stage = 'WITHDRAWN') AS withdrawn,
              count(*) FILTER (WHERE p.stage <> 'WITHDRAWN'
                                 AND ${verifiedSpecializationOn('p.enterprise_id')} <> 'NONE') AS specialized,
              count(*) FILTER (WHERE p.stage = 'ACCEPTED' AND p.level_after >= 2) AS at_level_two,
              coalesce(sum(p.subsidy_yuan), 0) AS paid
         FROM pilot_city c JOIN pilot_enterprise p ON p.city_id = c.id
        WHERE EXISTS (SELECT 1 FROM a WHERE c.region_code BETWEEN a.lo AND a.hi)
        GROUP BY c.region_code)
     SELECT a.area, coalesce(sum(c.enrolled), 0)::int AS enrolled, coalesce(sum(c.diagnosed), 0)::int AS diagnosed,
            coalesce(sum(c.in_transformation), 0)::int AS "inTransformation", coalesce(sum(c.accepted), 0)::int AS accepted,
            coalesce(sum(c.withdrawn), 0)::int AS withdrawn, coalesce(sum(c.specialized), 0)::int AS specialized,
            coalesce(sum(c.at_level_two), 0)::int AS "atLevelTwoOrAbove", coalesce(sum(c.paid), 0)::text AS "subsidyPaidYuan"
       FROM a LEFT JOIN city c ON c.region_code BETWEEN a.lo AND a.hi
      GROUP BY a.area`,
    [areas, bounds.map(([lo]) => lo), bounds.map(([, hi]) => hi)],
    { heavy: true },
  );
  const found = new Map<string, PilotProgressRow>(areas.map((area) => [area, NO_PROGRESS]));
  for (const { area, ...row } of rows) found.set(area, row);
  return found;
}

export interface PilotRecordRow {
  diagnosed: number;
  accepted: number;
  averageLevelGain: number | null;
}

/** What each institution (by row id) delivered in pilots: diagnoses, accepted projects, levels gained. */
export async function pilotRecords(
  sql: SqlRunner,
  institutionIds: readonly number[],
): Promise<PilotRecordRow[]> {
  const rows = await sql.rows<PilotRecordRow & { id: number }>(
    `SELECT i.id,
            (SELECT count(*)::int FROM pilot_enterprise p WHERE p.diagnosed_by_id = i.id) AS diagnosed,
            g.accepted, g.gain AS "averageLevelGain"
       FROM unnest($1::int[]) AS i(id)
       CROSS JOIN LATERAL (
         SELECT count(*)::int AS accepted, avg(p.level_after - p.level_before)::float8 AS gain
           FROM pilot_enterprise p WHERE p.provider_id = i.id AND p.stage = 'ACCEPTED') g`,
    [institutionIds],
  );
  const byId = new Map(rows.map(({ id, ...row }) => [id, row]));
  return institutionIds.map((id) => byId.get(id)!);
}
