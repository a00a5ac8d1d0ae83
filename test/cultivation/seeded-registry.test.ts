// The seed's enterprises hold the levels they declared as designations, so that every rule that
// reads the registry agrees with the seeded referrals and registrations.
import { Sql } from '../../src/db/sql';
import { connectTestDatabase } from '../support/test-database';
import type { DataSource } from 'typeorm';

let db: DataSource;
beforeAll(async () => (db = await connectTestDatabase()));
afterAll(() => db.destroy());

describe('the seeded registry', () => {
  it('verifies every declared level of the seed’s enterprises, with a history line each', async () => {
    // The seed writes its enterprises and their designations in one transaction: one timestamp.
    const [row] = await new Sql(db).rows<{
      declared: number;
      unverified: number;
      without_history: number;
    }>(
      `WITH seeded AS (
         SELECT DISTINCT d.created_at FROM designation d
           JOIN designation_change c ON c.designation_id = d.id AND c.actor = 'seed')
       SELECT count(*) FILTER (WHERE e.specialization <> 'NONE')::int AS declared,
              count(*) FILTER (WHERE e.specialization <> 'NONE' AND (
                SELECT CASE WHEN bool_or(d.kind = 'LITTLE_GIANT') THEN 'LITTLE_GIANT' WHEN bool_or(d.kind = 'SPECIALIZED_SME') THEN 'SPECIALIZED' ELSE 'NONE' END
                  FROM designation d WHERE d.enterprise_id = e.id AND d.status = 'ACTIVE'
                   AND d.valid_from <= current_date AND d.valid_until >= current_date) <> e.specialization::text)::int AS unverified,
              (SELECT count(*) FROM designation d WHERE d.created_at IN (SELECT created_at FROM seeded)
                  AND NOT EXISTS (SELECT 1 FROM designation_change c WHERE c.designation_id = d.id))::int AS without_history
         FROM enterprise e WHERE e.created_at IN (SELECT created_at FROM seeded)`,
    );
    expect(row.declared).toBeGreaterThan(1000);
    expect(row).toEqual({ declared: row.declared, unverified: 0, without_history: 0 });
  });
});
