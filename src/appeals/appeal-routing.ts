// Where an appeal lands: the nearest active PUBLIC centre along the one-stop chain of the region
// of the need (county → real prefecture → province → nation), in one statement.
import type { SqlRunner } from '../db/sql';
import type { EscalationStep } from '../one-stop/escalation-chain';

export interface AppealHandler {
  id: number;
  code: string;
  name: string;
}

/** The nearest active PUBLIC centre of the chain; null only if not even the nation has one. */
export async function routeAppeal(
  transaction: SqlRunner,
  chain: readonly EscalationStep[],
): Promise<AppealHandler | null> {
  const [handler] = await transaction.rows<AppealHandler>(
    `SELECT i.id, i.code, i.name
       FROM unnest($1::bpchar[], $2::int[]) AS c(region_code, distance)
       JOIN institution i ON i.kind = 'PUBLIC' AND i.active
                         AND (i.region_code = c.region_code OR (c.region_code IS NULL AND i.tier = 'NATIONAL'))
      ORDER BY c.distance LIMIT 1`,
    [chain.map((step) => step.regionCode), chain.map((step) => step.distance)],
  );
  return handler ?? null;
}
