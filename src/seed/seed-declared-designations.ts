// The registry for the enterprises the seed's referrals and registrations name: each that declared
// a level holds it as a designation (SPECIALIZED: a SPECIALIZED_SME; LITTLE_GIANT: a
// SPECIALIZED_SME and a LITTLE_GIANT), granted a year before the seed's day, so that every rule
// that reads the verified level (referrals, registrations) agrees with the seeded data. Set-based;
// only what is missing (a second seed run adds nothing). The registry at its real scale is seeded
// apart; these enterprises stay the partners' (their names are not the registry's).
import type { SqlRunner } from '../db/sql';

export async function grantDeclaredDesignations(sql: SqlRunner, seededOn: string): Promise<number> {
  const { rowCount } = await sql.run(
    `WITH granted AS (
       INSERT INTO designation (enterprise_id, kind, granted_by_code, batch, valid_from, valid_until, status)
       SELECT e.id, k.kind, CASE WHEN k.kind = 'LITTLE_GIANT' THEN NULL ELSE left(e.region_code, 2) || '0000' END,
              to_char($1::date - interval '1 year', 'YYYY') || '-1',
              ($1::date - interval '1 year')::date, ($1::date + interval '2 years')::date, 'ACTIVE'
         FROM enterprise e
         JOIN (VALUES ('SPECIALIZED_SME'::designation_kind, ARRAY['SPECIALIZED', 'LITTLE_GIANT']),
                      ('LITTLE_GIANT'::designation_kind, ARRAY['LITTLE_GIANT'])) AS k(kind, declared)
           ON e.specialization::text = ANY(k.declared)
        WHERE NOT EXISTS (SELECT 1 FROM designation d WHERE d.enterprise_id = e.id AND d.kind = k.kind)
        ORDER BY e.id, k.kind
       RETURNING id)
     INSERT INTO designation_change (designation_id, status, actor, reason)
     SELECT id, 'ACTIVE', 'seed', 'the level its partner declared' FROM granted`,
    [seededOn],
  );
  return rowCount;
}
