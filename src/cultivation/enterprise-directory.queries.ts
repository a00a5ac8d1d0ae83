// SQL reads of the enterprise directory: one enterprise by credit code and the filtered list, each
// restricted to the enterprises the viewer sees (enterprise-visibility.ts).
import type { Viewer } from '../auth/viewer';
import { entityPage, type KeysetPage } from '../db/entity-pages';
import { BY_ROW_ID_SORT, type KeysetWindow } from '../db/page-query';
import { SqlParameters } from '../db/rows';
import type { Sql } from '../db/sql';
import { Enterprise } from '../referrals/enterprise.entity';
import { enterpriseConditions, type EnterpriseFilter } from './enterprise-filter';
import { visibleEnterprises } from './enterprise-visibility';

export function listEnterprises(
  sql: Sql,
  viewer: Viewer,
  prime: (enterprises: Enterprise[]) => void,
  filter: EnterpriseFilter | null | undefined,
  window: KeysetWindow,
): Promise<KeysetPage<Enterprise>> {
  return entityPage(
    { sql, prime },
    Enterprise,
    (params) => {
      const { where, heavy } = enterpriseConditions(filter, params);
      return {
        from: 'enterprise t',
        where: [...where, ...visibleEnterprises(viewer, params)],
        sort: BY_ROW_ID_SORT,
        heavy,
      };
    },
    window,
  );
}

/** The enterprises with these credit codes that the viewer sees. */
export async function visibleEnterprisesByCreditCode(
  sql: Sql,
  viewer: Viewer,
  creditCodes: readonly string[],
): Promise<Enterprise[]> {
  const params = new SqlParameters();
  const codes = params.add(creditCodes);
  const where = [`t.credit_code = ANY(${codes}::bpchar[])`, ...visibleEnterprises(viewer, params)];
  const rows = await sql.rows(
    `SELECT t.* FROM enterprise t WHERE ${where.join(' AND ')}`,
    params.values,
  );
  return rows.map(sql.hydrator(Enterprise));
}
