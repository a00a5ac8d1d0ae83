// Writes seeded enterprises (the calendar's registrants, the referral history's clients) that are
// missing, by credit code, in one statement; returns how many were added.
import type { SqlRunner } from '../db/sql';
import type { EnterpriseSeed } from './enterprise-plan';
import { column } from './columns';

export async function insertEnterprises(
  sql: SqlRunner,
  enterprises: readonly EnterpriseSeed[],
): Promise<number> {
  const { rowCount } = await sql.run(
    `INSERT INTO enterprise (credit_code, name, scale, specialization, region_code)
     SELECT x.credit_code, x.name, x.scale::enterprise_scale, x.specialization::specialization_level, x.region_code
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
            WITH ORDINALITY AS x(credit_code, name, scale, specialization, region_code, n)
      ORDER BY x.n
     ON CONFLICT (credit_code) DO NOTHING`,
    [
      column(enterprises, 'creditCode'),
      column(enterprises, 'name'),
      column(enterprises, 'scale'),
      column(enterprises, 'specialization'),
      column(enterprises, 'regionCode'),
    ],
  );
  return rowCount;
}
