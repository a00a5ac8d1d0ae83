// Writes the seeded registry (registry-plan.ts) in bulk: clusters and their regions, then the
// enterprises with their designations and the designations' history in one statement, whose
// designations go only to the enterprises it inserted — so a second run writes nothing, and an
// enterprise already there (a referral's client, or one another seed step designated) is left as
// it is.
import type { SqlRunner, SqlTransaction } from '../db/sql';
import { column } from './columns';
import type { RegistryPlan } from './registry-plan';

export interface RegistryCounts {
  clusters: number;
  enterprises: number;
  designations: number;
}

/** Who the seeded history names: the granting province's department, the ministry, the job. */
const PROVINCIAL_AUTHORITY_SQL = `g.name || '工业和信息化主管部门'`;
const NATIONAL_AUTHORITY = '工业和信息化部';
export const SYSTEM_ACTOR = 'system';
const REVOCATION_REASON = '抽查发现申报材料与实际不符，撤销认定（生成数据）';

export async function insertClusters(
  sql: SqlRunner,
  clusters: RegistryPlan['clusters'],
): Promise<number> {
  const { rowCount } = await sql.run(
    `INSERT INTO cluster (code, name, level, industry, industry_codes, batch, valid_from, valid_until, status)
     SELECT c.code, c.name, c.level::cluster_level, c.industry, c.industry_codes::text[], c.batch,
            c.valid_from, c.valid_until, c.status::designation_status
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                   $7::date[], $8::date[], $9::text[])
            WITH ORDINALITY AS c(code, name, level, industry, industry_codes, batch, valid_from,
                                 valid_until, status, n)
      ORDER BY c.n
     ON CONFLICT (code) DO NOTHING`,
    [
      column(clusters, 'code'),
      column(clusters, 'name'),
      column(clusters, 'level'),
      column(clusters, 'industry'),
      // unnest cannot take a 2-D array of ragged lists: the codes travel as '{…}' text
      clusters.map((cluster) => `{${cluster.industryCodes.join(',')}}`),
      column(clusters, 'batch'),
      column(clusters, 'validFrom'),
      column(clusters, 'validUntil'),
      column(clusters, 'status'),
    ],
  );
  const places = clusters.flatMap((cluster) =>
    cluster.regionCodes.map((regionCode) => ({ code: cluster.code, regionCode })),
  );
  await sql.run(
    `INSERT INTO cluster_region (cluster_id, region_code)
     SELECT c.id, x.region_code
       FROM unnest($1::text[], $2::bpchar[]) AS x(code, region_code)
       JOIN cluster c ON c.code = x.code
     ON CONFLICT DO NOTHING`,
    [column(places, 'code'), column(places, 'regionCode')],
  );
  return rowCount;
}

/**
 * The enterprises that are missing (by credit code), then the planned designations of every
 * planned enterprise that holds none of that kind yet (so a second run writes nothing, and an
 * enterprise another seed step designated keeps its own), with their history: granted on
 * validFrom; review opened 90 days before validUntil; expired the day after it by the system;
 * revoked on the planned day with a reason. The planned designations wait in a temporary table,
 * indexed and analysed, so that they are matched by hash or index whatever the planner would have
 * guessed of an unnest's size (it guessed 100 rows once, and a 200,000-row seed ran for minutes).
 */
export async function insertDesignatedEnterprises(
  sql: SqlTransaction,
  { enterprises, designations }: RegistryPlan,
): Promise<Omit<RegistryCounts, 'clusters'>> {
  const { rowCount: added } = await sql.run(
    `INSERT INTO enterprise (credit_code, name, scale, region_code, industry_code)
     SELECT x.credit_code, x.name, x.scale::enterprise_scale, x.region_code, x.industry_code
       FROM unnest($1::text[], $2::text[], $3::text[], $4::bpchar[], $5::text[])
            WITH ORDINALITY AS x(credit_code, name, scale, region_code, industry_code, n)
      ORDER BY x.n
     ON CONFLICT (credit_code) DO NOTHING`,
    [
      column(enterprises, 'creditCode'),
      column(enterprises, 'name'),
      column(enterprises, 'scale'),
      column(enterprises, 'regionCode'),
      column(enterprises, 'industryCode'),
    ],
  );
  await sql.run(
    `CREATE TEMPORARY TABLE planned_designation (
       credit_code char(18) NOT NULL, kind designation_kind NOT NULL, granted_by_code char(6),
       batch text NOT NULL, valid_from date NOT NULL, valid_until date NOT NULL,
       status designation_status NOT NULL, revoked_on date,
       PRIMARY KEY (credit_code, kind)
     ) ON COMMIT DROP`,
  );
  await sql.run(
    `INSERT INTO planned_designation (credit_code, kind, granted_by_code, batch, valid_from,
                                      valid_until, status, revoked_on)
     SELECT d.credit_code, d.kind::designation_kind, d.granted_by_code, d.batch, d.valid_from,
            d.valid_until, d.status::designation_status, d.revoked_on
       FROM unnest($1::bpchar[], $2::text[], $3::bpchar[], $4::text[], $5::date[], $6::date[],
                   $7::text[], $8::date[])
            AS d(credit_code, kind, granted_by_code, batch, valid_from, valid_until, status, revoked_on)`,
    [
      column(designations, 'creditCode'),
      column(designations, 'kind'),
      column(designations, 'grantedByCode'),
      column(designations, 'batch'),
      column(designations, 'validFrom'),
      column(designations, 'validUntil'),
      column(designations, 'status'),
      column(designations, 'revokedOn'),
    ],
  );
  await sql.run(`ANALYZE planned_designation, enterprise`);
  const [{ designations: granted }] = await sql.rows<{ designations: number }>(
    `WITH granted AS (
       INSERT INTO designation (enterprise_id, kind, granted_by_code, batch, valid_from, valid_until,
                                status, created_at)
       SELECT e.id, d.kind, d.granted_by_code, d.batch, d.valid_from, d.valid_until, d.status,
              (d.valid_from + time '09:00') AT TIME ZONE 'Asia/Shanghai'
         FROM planned_designation d
         JOIN enterprise e ON e.credit_code = d.credit_code
        WHERE NOT EXISTS (SELECT FROM designation x WHERE x.enterprise_id = e.id AND x.kind = d.kind)
        ORDER BY e.id, d.kind
       RETURNING id, enterprise_id, kind, granted_by_code, valid_from, valid_until, status),
     history AS (
       INSERT INTO designation_change (designation_id, status, at, actor, reason)
       SELECT granted.id, h.status, (h.on_day + time '09:00') AT TIME ZONE 'Asia/Shanghai',
              h.actor, h.reason
         FROM granted
         JOIN enterprise e ON e.id = granted.enterprise_id
         JOIN planned_designation d ON d.credit_code = e.credit_code AND d.kind = granted.kind
         LEFT JOIN region g ON g.code = granted.granted_by_code,
         LATERAL (VALUES
           ('ACTIVE'::designation_status, granted.valid_from,
            coalesce(${PROVINCIAL_AUTHORITY_SQL}, '${NATIONAL_AUTHORITY}'), NULL::text),
           ('UNDER_REVIEW', granted.valid_until - 90, '${SYSTEM_ACTOR}', NULL),
           ('EXPIRED', granted.valid_until + 1, '${SYSTEM_ACTOR}', NULL),
           ('REVOKED', d.revoked_on, ${PROVINCIAL_AUTHORITY_SQL}, '${REVOCATION_REASON}')
         ) AS h(status, on_day, actor, reason)
        WHERE h.status = 'ACTIVE'
           OR (h.status = 'UNDER_REVIEW' AND granted.status IN ('UNDER_REVIEW', 'EXPIRED'))
           OR (h.status = 'EXPIRED' AND granted.status = 'EXPIRED')
           OR (h.status = 'REVOKED' AND granted.status = 'REVOKED')
        ORDER BY granted.id, h.on_day)
     SELECT count(*)::int AS designations FROM granted`,
  );
  return { enterprises: added, designations: granted };
}
