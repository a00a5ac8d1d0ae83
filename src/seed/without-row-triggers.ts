// The programmes' bulk loads (registry, pilots, policies, appeals: over two million rows at the
// published scale) run with row triggers off where the database lets the seed's role do so
// (superuser, or granted SET on session_replication_role; pg_restore --disable-triggers loads the
// same way), else with them on. The only row triggers on these tables are the foreign keys'
// checks: one lookup and row lock per written row, two thirds of a load's time. The rows are
// consistent by construction — each is joined from the rows it names (a designation from its
// enterprise, an entitlement from its policy and enterprise, a history line from its record), in
// the same transaction — and every later write is checked as always.
import type { SqlTransaction } from '../db/sql';

export async function withoutRowTriggers<T>(
  sql: SqlTransaction,
  load: () => Promise<T>,
): Promise<T> {
  const [{ allowed }] = await sql.rows<{ allowed: boolean }>(
    `SELECT current_setting('is_superuser') = 'on'
            OR has_parameter_privilege('session_replication_role', 'SET') AS allowed`,
  );
  if (!allowed) return load();
  await sql.run(`SET LOCAL session_replication_role = replica`);
  const result = await load();
  await sql.run(`SET LOCAL session_replication_role = DEFAULT`);
  return result;
}
