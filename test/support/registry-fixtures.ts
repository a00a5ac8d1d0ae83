// The registry for tests: an enterprise granted a designation directly in SQL (as a published list
// would have), so that referrals and registrations of it pass the verified-eligibility rule. A
// LITTLE_GIANT brings the SPECIALIZED_SME it requires. Use the grantDesignations mutation where
// the grant itself is under test.
import type { SqlRunner } from '../../src/db/sql';

export type DesignationKindName = 'INNOVATIVE_SME' | 'SPECIALIZED_SME' | 'LITTLE_GIANT';

/** The level a test's enterprise declares, as the designation it needs to hold. */
export const KIND_FOR_LEVEL: Record<string, DesignationKindName | null> = {
  NONE: null,
  SPECIALIZED: 'SPECIALIZED_SME',
  LITTLE_GIANT: 'LITTLE_GIANT',
};

/**
 * Grants `kind` (and SPECIALIZED_SME under a LITTLE_GIANT) to the enterprise with this credit
 * code, creating it (SMALL, in `regionCode`) if it does not exist; valid from a year ago for three
 * years. A live designation of the kind it holds already is kept. The designations' row ids.
 */
export async function grantDesignation(
  sql: SqlRunner,
  creditCode: string,
  kind: DesignationKindName,
  options: { regionCode?: string; name?: string; scale?: string } = {},
): Promise<number[]> {
  const { regionCode = '441900', name = `登记企业 ${creditCode}`, scale = 'SMALL' } = options;
  await sql.run(
    `INSERT INTO enterprise (credit_code, name, scale, region_code) VALUES ($1, $2, $3::enterprise_scale, $4)
     ON CONFLICT (credit_code) DO NOTHING`,
    [creditCode, name, scale, regionCode],
  );
  const kinds: DesignationKindName[] =
    kind === 'LITTLE_GIANT' ? ['SPECIALIZED_SME', 'LITTLE_GIANT'] : [kind];
  const rows = await sql.rows<{ id: number }>(
    `WITH granted AS (
       INSERT INTO designation (enterprise_id, kind, granted_by_code, batch, valid_from, valid_until, status)
       SELECT e.id, k.kind, CASE WHEN k.kind = 'LITTLE_GIANT' THEN NULL ELSE left(e.region_code, 2) || '0000' END,
              '2025-1', current_date - 365, current_date - 365 + interval '3 years', 'ACTIVE'
         FROM enterprise e, unnest($2::designation_kind[]) WITH ORDINALITY AS k(kind, n)
        WHERE e.credit_code = $1
          AND NOT EXISTS (SELECT 1 FROM designation d WHERE d.enterprise_id = e.id AND d.kind = k.kind
                                                        AND d.status IN ('ACTIVE', 'UNDER_REVIEW'))
        ORDER BY k.n
       RETURNING id),
     history AS (
       INSERT INTO designation_change (designation_id, status, actor) SELECT id, 'ACTIVE', 'test' FROM granted)
     SELECT id FROM granted`,
    [creditCode, kinds],
  );
  return rows.map((row) => row.id);
}

/** Grants what a declared level needs (nothing for NONE). */
export async function grantDeclaredLevel(
  sql: SqlRunner,
  creditCode: string,
  level: string | null | undefined,
  options: { regionCode?: string } = {},
): Promise<void> {
  const kind = level ? KIND_FOR_LEVEL[level] : null;
  if (kind) await grantDesignation(sql, creditCode, kind, options);
}
