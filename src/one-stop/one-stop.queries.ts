// The one statement behind a one-stop lookup: every tier of the escalation chain at once. The
// chain arrives as rows (region, distance); the institutions of each step are joined to their
// matching services, ranked within the step by a window function and cut at the per-tier
// limit. Each step's PUBLIC centre comes back even when nothing of it matches.
import { prefixedColumns } from '../db/prefixed-columns';
import { SqlParameters } from '../db/rows';
import type { Sql } from '../db/sql';
import { Institution } from '../institutions/institution.entity';
import type { EnterpriseScale, SpecializationLevel } from '../services/eligibility';
import type { DeliveryMode } from '../services/service-enums';
import { Service } from '../services/service.entity';
import { serviceConditions } from '../services/service-filter';
import type { EscalationStep } from './escalation-chain';

export interface OneStopCriteria {
  /** The category asked for and its sub-categories; null for any. */
  categoryKeys: number[] | null;
  scale: EnterpriseScale | null;
  specialization: SpecializationLevel;
  deliveryMode: DeliveryMode[] | null;
  search: string | null;
  limitPerTier: number;
}

export interface OneStopRow {
  distance: number;
  institution: Institution;
  /** Null on the row that only brings a step's centre. */
  service: Service | null;
}

export async function findOneStopRows(
  sql: Sql,
  chain: EscalationStep[],
  criteria: OneStopCriteria,
): Promise<OneStopRow[]> {
  const params = new SqlParameters();
  const regions = params.add(chain.map((step) => step.regionCode));
  const distances = params.add(chain.map((step) => step.distance));
  // Services are `t`, as serviceConditions expects; active services only.
  const { where } = serviceConditions(
    {
      deliveryMode: criteria.deliveryMode,
      scale: criteria.scale,
      specialization: criteria.specialization,
      search: criteria.search,
      active: true,
    },
    params,
    criteria.categoryKeys,
  );
  const limit = params.add(criteria.limitPerTier);
  const institution = prefixedColumns(sql, Institution, 'i', 'i_');
  const service = prefixedColumns(sql, Service, 's', 's_');

  const rows = await sql.rows(
    `WITH chain(region_code, distance) AS (SELECT * FROM unnest(${regions}::bpchar[], ${distances}::int[])),
     step_institutions AS (
       SELECT i.id, i.kind, chain.distance FROM chain JOIN institution i ON i.region_code = chain.region_code
        WHERE i.active
       UNION ALL
       -- The nation's step has no region: its institution is the national centre.
       SELECT i.id, i.kind, chain.distance FROM chain JOIN institution i ON i.tier = 'NATIONAL'
        WHERE chain.region_code IS NULL AND i.active),
     ranked AS (
       SELECT si.distance, si.id AS institution_id, t.id AS service_id,
              -- Enum order is declaration order: PUBLIC before MARKET, FREE < SUBSIDIZED < PAID.
              row_number() OVER (PARTITION BY si.distance ORDER BY si.kind, t.fee, t.name, t.id) AS rank
         FROM step_institutions si JOIN service t ON t.institution_id = si.id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''})
     SELECT si.distance, ${institution.select}, ${service.select}
       FROM step_institutions si
       JOIN institution i ON i.id = si.id
       LEFT JOIN ranked r ON r.institution_id = si.id AND r.rank <= ${limit}
       LEFT JOIN service s ON s.id = r.service_id
      WHERE si.kind = 'PUBLIC' OR r.rank IS NOT NULL
      ORDER BY si.distance, r.rank NULLS FIRST`,
    params.values,
  );
  return rows.map((row) => ({
    distance: Number(row.distance),
    institution: institution.hydrate(row)!,
    service: service.hydrate(row),
  }));
}
