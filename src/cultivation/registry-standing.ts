// The registry's answer to the domains below it (src/services/verified-standing.ts): an
// enterprise's stored scale and verified level today, read with registry-today.ts's definitions.
import type { SqlRunner } from '../db/sql';
import { SpecializationLevel, type EnterpriseScale } from '../services/eligibility';
import type { RegistryReader, VerifiedStanding } from '../services/verified-standing';
import { BEIJING_TODAY_SQL, designationValidOn, verifiedSpecializationOn } from './registry-today';

export const registryReader: RegistryReader = {
  async standingOf(transaction: SqlRunner, enterpriseId: number): Promise<VerifiedStanding> {
    // The caller locked the row already (see RegistryReader.standingOf); FOR SHARE keeps it
    // locked for a caller that only reads, so that no revocation commits before it ends.
    const [row] = await transaction.rows<{
      credit_code: string;
      scale: EnterpriseScale;
      level: SpecializationLevel;
      live: string[];
    }>(
      `SELECT e.credit_code, e.scale, ${verifiedSpecializationOn('e.id')} AS level,
              ARRAY(SELECT d.kind || ' (' || d.batch || ', valid through ' || to_char(d.valid_until, 'YYYY-MM-DD') || ')'
                      FROM designation d
                     WHERE d.enterprise_id = e.id AND ${designationValidOn('d')}
                     ORDER BY d.kind DESC) AS live
         FROM enterprise e WHERE e.id = $1 FOR SHARE OF e`,
      [enterpriseId],
    );
    return { creditCode: row.credit_code, scale: row.scale, level: row.level, live: row.live };
  },

  async levelOf(sql: SqlRunner, creditCode: string): Promise<SpecializationLevel> {
    const [row] = await sql.rows<{ level: SpecializationLevel }>(
      `SELECT ${verifiedSpecializationOn('e.id', BEIJING_TODAY_SQL)} AS level
         FROM enterprise e WHERE e.credit_code = $1`,
      [creditCode],
    );
    return row?.level ?? SpecializationLevel.NONE;
  },
};
