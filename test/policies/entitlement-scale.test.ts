// A national AUTOMATIC policy for every little giant (12,000 of them added, as in the registry
// today, beside the seed's own three provinces' share) entitles them all in the publishing transaction, with one INSERT statement whatever their
// number. The time it takes is printed for the README, never asserted.
import { createApiKey } from '../../src/auth/api-key.commands';
import { designationValidOn } from '../../src/cultivation/registry-today';
import { policyTestApi } from '../support/policy-database';
import { policyInput, PUBLISH } from '../support/policy-fixtures';
import { bearer } from '../support/referral-fixtures';

const LITTLE_GIANTS = 12_000;
let api: Awaited<ReturnType<typeof policyTestApi>>;

beforeAll(async () => {
  api = await policyTestApi('policy_entitlement_scale');
  // Little giants spread over every county-level division of the seeded provinces, each with
  // the specialized SME designation it rests on; one statement per table.
  await api.sql.run(
    `INSERT INTO enterprise (credit_code, name, scale, region_code)
     SELECT '9' || lpad(g::text, 17, '0'), '小巨人企业 ' || g, (ARRAY['MICRO', 'SMALL', 'MEDIUM'])[1 + g % 3]::enterprise_scale, r.code
       FROM generate_series(1, $1::int) g
       JOIN (SELECT code, row_number() OVER (ORDER BY code) - 1 AS k, count(*) OVER () AS total
               FROM region WHERE level = 'COUNTY') r ON r.k = g % r.total`,
    [LITTLE_GIANTS],
  );
  await api.sql.run(
    `INSERT INTO designation (enterprise_id, kind, granted_by_code, batch, valid_from, valid_until, status)
     SELECT e.id, k.kind::designation_kind, CASE WHEN k.kind = 'LITTLE_GIANT' THEN NULL ELSE left(e.region_code, 2) || '0000' END,
            '2025-1', DATE '2025-07-01', DATE '2028-06-30', 'ACTIVE'
       FROM enterprise e CROSS JOIN (VALUES ('SPECIALIZED_SME'), ('LITTLE_GIANT')) AS k(kind)
      WHERE e.credit_code LIKE '9000%'`,
  );
  await api.sql.run('ANALYZE');
}, 180_000);
afterAll(async () => {
  await api?.close();
  await api?.drop();
});

it('entitles every little giant at once, in one statement', async () => {
  const [{ live }] = await api.sql.rows<{ live: number }>(
    `SELECT count(DISTINCT d.enterprise_id)::int AS live FROM designation d
      WHERE d.kind = 'LITTLE_GIANT' AND ${designationValidOn('d')}`,
  );
  expect(live).toBeGreaterThanOrEqual(LITTLE_GIANTS);
  const admin = bearer((await createApiKey(api.sql, { role: 'ADMIN', name: 'scale admin' })).key);
  const startedAt = performance.now();
  const { response, statements } = await api.statements
    .record(() =>
      api.graphql<any>(
        PUBLISH,
        {
          input: policyInput('PS-CN-LG', {
            regionCode: null,
            delivery: 'AUTOMATIC',
            minDesignation: 'LITTLE_GIANT',
            opensOn: '2025-01-01',
          }),
        },
        admin,
      ),
    )
    .then(({ result, statements }) => ({ response: result, statements }));
  const ms = Math.round(performance.now() - startedAt);
  expect(response.errors).toBeUndefined();
  const [{ entitled }] = await api.sql.rows<{ entitled: number }>(
    `SELECT count(*)::int AS entitled FROM policy_application a JOIN policy p ON p.id = a.policy_id
      WHERE p.code = 'PS-CN-LG' AND a.status = 'ENTITLED'`,
  );
  expect(entitled).toBe(live);
  const inserts = statements.filter((s) => /INSERT INTO policy_application \(/.test(s.sql));
  expect(inserts).toHaveLength(1);
  console.log(
    `publishing a national policy entitled ${entitled} little giants in ${ms} ms (${statements.length} statements)`,
  );
});
