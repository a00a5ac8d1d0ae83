// SQL reads of clusters: the list, one by code, their regions, their member enterprises (the
// same page under many clusters in one statement), how many members hold a designation, and the
// clusters of many enterprises at once. Every read answers a cluster's status as of today.
import type { Viewer } from '../auth/viewer';
import { entityPage, entityPagesByKey, type KeysetPage } from '../db/entity-pages';
import { BY_ROW_ID_SORT, type KeysetWindow } from '../db/page-query';
import { SqlParameters } from '../db/rows';
import type { Sql } from '../db/sql';
import { Enterprise } from '../referrals/enterprise.entity';
import { Cluster } from './cluster.entity';
import { clusterConditions, type ClusterFilter } from './cluster-filter';
import { clusterMember } from './cluster-membership';
import type { DesignationKind } from './designation-enums';
import { visibleEnterprises } from './enterprise-visibility';
import { designationStatusOn, designationValidOn } from './registry-today';

/**
 * The cluster table as of today, aliased as the caller says: the dates decide the status; days
 * travel as YYYY-MM-DD text (pg would make them midnights in the process's time zone).
 */
const clustersToday = (alias: string) =>
  `(SELECT c.id, c.code, c.name, c.level, c.industry, c.industry_codes, c.batch,
           c.valid_from::text AS valid_from, c.valid_until::text AS valid_until, c.created_at,
           ${designationStatusOn('c')} AS status
      FROM cluster c) ${alias}`;

export function listClusters(
  sql: Sql,
  prime: (clusters: Cluster[]) => void,
  filter: ClusterFilter | null | undefined,
  window: KeysetWindow,
): Promise<KeysetPage<Cluster>> {
  return entityPage(
    { sql, prime },
    Cluster,
    (params) => ({
      from: clustersToday('t'),
      ...clusterConditions(filter, params),
      sort: BY_ROW_ID_SORT,
    }),
    window,
  );
}

export async function clustersByCode(sql: Sql, codes: readonly string[]): Promise<Cluster[]> {
  const rows = await sql.rows(
    `SELECT t.* FROM ${clustersToday('t')} WHERE t.code = ANY($1::text[])`,
    [codes],
  );
  return rows.map(sql.hydrator(Cluster));
}

/** The region codes of each cluster, in code order. */
export async function regionCodesByCluster(
  sql: Sql,
  clusterKeys: readonly number[],
): Promise<Map<number, string[]>> {
  const rows = await sql.rows<{ cluster_id: number; region_code: string }>(
    `SELECT cluster_id, region_code FROM cluster_region
      WHERE cluster_id = ANY($1::int[]) ORDER BY cluster_id, region_code`,
    [clusterKeys],
  );
  const byCluster = new Map<number, string[]>();
  for (const row of rows) {
    byCluster.set(row.cluster_id, [...(byCluster.get(row.cluster_id) ?? []), row.region_code]);
  }
  return byCluster;
}

/** The same page of member enterprises (those the viewer sees) of each of many clusters. */
export function enterprisePagesByCluster(
  sql: Sql,
  viewer: Viewer,
  prime: (enterprises: Enterprise[]) => void,
  clusterKeys: readonly number[],
  window: KeysetWindow,
  withTotals: boolean,
): Promise<KeysetPage<Enterprise>[]> {
  return entityPagesByKey(
    { sql, prime },
    Enterprise,
    clusterKeys,
    'int',
    (params: SqlParameters) => ({
      source: {
        columns: null,
        from: `enterprise t JOIN cluster_region r ON r.region_code = t.region_code
                            JOIN cluster c ON c.id = r.cluster_id`,
        where: [clusterMember('c', 'r', 't'), ...visibleEnterprises(viewer, params)],
        sort: BY_ROW_ID_SORT,
      },
      partition: 'c.id',
    }),
    window,
    withTotals,
  );
}

/** For each cluster, how many members hold a designation of `kind` valid today. */
export async function designatedCountsByCluster(
  sql: Sql,
  kind: DesignationKind,
  clusterKeys: readonly number[],
): Promise<Map<number, number>> {
  const rows = await sql.rows<{ cluster_id: number; count: number }>(
    `SELECT c.id AS cluster_id, count(DISTINCT t.id)::int AS count
       FROM cluster c
       JOIN cluster_region r ON r.cluster_id = c.id
       JOIN enterprise t ON ${clusterMember('c', 'r', 't')}
       JOIN designation d ON d.enterprise_id = t.id AND d.kind = $2::designation_kind
                         AND ${designationValidOn('d')}
      WHERE c.id = ANY($1::int[])
      GROUP BY c.id`,
    [clusterKeys, kind],
  );
  return new Map(rows.map((row) => [row.cluster_id, row.count]));
}

/** The clusters each of many enterprises belongs to, in cluster order. */
export async function clustersByEnterprise(
  sql: Sql,
  enterpriseKeys: readonly number[],
): Promise<Map<number, Cluster[]>> {
  const rows = await sql.rows(
    `SELECT t.id AS __enterprise, c.*
       FROM enterprise t
       JOIN cluster_region r ON r.region_code = t.region_code
       JOIN ${clustersToday('c')} ON c.id = r.cluster_id
      WHERE t.id = ANY($1::int[]) AND ${clusterMember('c', 'r', 't')}
      ORDER BY t.id, c.id`,
    [enterpriseKeys],
  );
  const hydrate = sql.hydrator(Cluster);
  const byEnterprise = new Map<number, Cluster[]>();
  for (const row of rows) {
    const key = Number(row.__enterprise);
    byEnterprise.set(key, [...(byEnterprise.get(key) ?? []), hydrate(row)]);
  }
  return byEnterprise;
}
