// Verified eligibility: a referral or an event registration is refused when the registry does not
// hold the level the service or event requires — whatever the partner declares — and a revocation
// stops new ones at once, even one racing it. The one-stop lookup with a credit code matches by
// the registry too.
import { createApiKey } from '../../src/auth/api-key.commands';
import { toGlobalId } from '../../src/schema/global-id';
import { CREATE, bearer, creditCodeFor, referralInput } from '../support/referral-fixtures';
import { grantDesignation } from '../support/registry-fixtures';
import { startTestApi, type TestApi } from '../support/test-api';
import { REGISTER, createEvent, registrationInput } from '../events/event-fixtures';

let api: TestApi;
const TAG = 'registry-eligibility';
const code = (n: string) => creditCodeFor(TAG, n);
let partner: Record<string, string>;
let admin: Record<string, string>;
let staff: Record<string, string>;
let specializedService: string;

const REVOKE = `mutation ($input: RevokeDesignationInput!) { revokeDesignation(input: $input) { designation { status } } }`;

async function referralsOf(creditCode: string): Promise<number> {
  const [{ n }] = await api.sql.rows<{ n: number }>(
    `SELECT count(*)::int AS n FROM referral r JOIN enterprise e ON e.id = r.enterprise_id WHERE e.credit_code = $1`,
    [creditCode],
  );
  return n;
}

const refer = (creditCode: string, specialization = 'SPECIALIZED') =>
  api.graphql(
    CREATE,
    { input: referralInput(specializedService, creditCode, { enterprise: { specialization } }) },
    partner,
  );

beforeAll(async () => {
  api = await startTestApi();
  const make = async (role: string, name: string, extra: Record<string, string> = {}) =>
    bearer((await createApiKey(api.sql, { role, name: `${TAG} ${name}`, ...extra })).key);
  partner = await make('PARTNER', 'partner');
  admin = await make('ADMIN', 'admin');
  staff = await make('INSTITUTION_STAFF', 'staff', { institutionCode: 'C-441900' });
  const [service] = await api.sql.rows<{ id: number }>(
    `SELECT id FROM service WHERE active AND min_specialization = 'SPECIALIZED' AND cardinality(eligible_scales) = 0 ORDER BY id LIMIT 1`,
  );
  specializedService = toGlobalId('Service', service.id);
});
afterAll(() => api.close());

describe('a referral to a service that requires a level', () => {
  it('is refused when the registry holds no live designation, whatever the partner declares', async () => {
    const creditCode = code('declared');
    const { data, errors } = await refer(creditCode, 'LITTLE_GIANT');
    expect(data).toBeNull();
    expect(errors![0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'enterprise.creditCode',
      reason: 'NOT_ELIGIBLE',
    });
    expect(errors![0].message).toContain(
      `requires SPECIALIZED; the registry holds no live designation for ${creditCode}`,
    );
    // Nothing written: not even the enterprise the refused referral named.
    const enterprises = await api.sql.rows(`SELECT 1 FROM enterprise WHERE credit_code = $1`, [
      creditCode,
    ]);
    expect(enterprises).toEqual([]);
  });

  it('is refused for a scale the service is not open to, by the scale the registry holds', async () => {
    const [service] = await api.sql.rows<{ id: number; scales: string[] }>(
      `SELECT id, eligible_scales::text[] AS scales FROM service
        WHERE active AND min_specialization = 'NONE' AND NOT 'MEDIUM' = ANY(eligible_scales)
          AND cardinality(eligible_scales) > 0 ORDER BY id LIMIT 1`,
    );
    const creditCode = code('medium');
    // The registry holds it as MEDIUM; the partner says SMALL.
    await grantDesignation(api.sql, creditCode, 'INNOVATIVE_SME', { scale: 'MEDIUM' });
    await api.sql.run(`UPDATE enterprise SET registry_listed_at = now() WHERE credit_code = $1`, [
      creditCode,
    ]);
    const { errors } = await api.graphql(
      CREATE,
      {
        input: referralInput(toGlobalId('Service', service.id), creditCode, {
          enterprise: { scale: 'SMALL', specialization: 'NONE' },
        }),
      },
      partner,
    );
    expect(errors![0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'enterprise.scale',
      reason: 'NOT_ELIGIBLE',
    });
    expect(errors![0].message).toContain(`${creditCode} is MEDIUM`);
    expect(await referralsOf(creditCode)).toBe(0);
  });

  it('is refused for an INNOVATIVE_SME, naming what the registry holds', async () => {
    const creditCode = code('innovative');
    await grantDesignation(api.sql, creditCode, 'INNOVATIVE_SME');
    const { errors } = await refer(creditCode);
    expect(errors![0].message).toMatch(/the registry holds INNOVATIVE_SME \(2025-1, valid through/);
  });

  it('goes through for a SPECIALIZED_SME the registry holds, even declared NONE', async () => {
    const creditCode = code('held');
    await grantDesignation(api.sql, creditCode, 'SPECIALIZED_SME');
    const { errors } = await refer(creditCode, 'NONE');
    expect(errors).toBeUndefined();
    expect(await referralsOf(creditCode)).toBe(1);
  });

  it('stops at once when the designation is revoked; the referral made before stays', async () => {
    const creditCode = code('revoked');
    const [designation] = await grantDesignation(api.sql, creditCode, 'SPECIALIZED_SME');
    expect((await refer(creditCode)).errors).toBeUndefined();
    const revoked = await api.graphql(
      REVOKE,
      { input: { designationId: toGlobalId('Designation', designation), reason: '撤销' } },
      admin,
    );
    expect(revoked.errors).toBeUndefined();
    const { errors } = await refer(creditCode);
    expect(errors![0].extensions).toMatchObject({ reason: 'NOT_ELIGIBLE' });
    expect(await referralsOf(creditCode)).toBe(1);
  });

  it('is never let through on a designation a revocation racing it withdraws', async () => {
    const creditCode = code('race');
    const [designation] = await grantDesignation(api.sql, creditCode, 'SPECIALIZED_SME');
    // A revocation in progress, as revokeDesignation makes it: the enterprise's row locked first,
    // then the designation withdrawn; the referral arrives before it commits.
    let referral: ReturnType<typeof refer> | undefined;
    await api.sql.transaction(async (revocation) => {
      await revocation.rows(`SELECT id FROM enterprise WHERE credit_code = $1 FOR UPDATE`, [
        creditCode,
      ]);
      await revocation.run(`UPDATE designation SET status = 'REVOKED' WHERE id = $1`, [
        designation,
      ]);
      referral = refer(creditCode);
      // Wait until the referral queues behind the revocation's lock.
      for (let waited = 0; waited < 100; waited++) {
        const waiting = await api.sql.rows(
          `SELECT 1 FROM pg_stat_activity WHERE application_name = 'jest-api' AND wait_event_type = 'Lock'`,
        );
        if (waiting.length > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
    const { errors } = await referral!;
    expect(errors![0].extensions).toMatchObject({ reason: 'NOT_ELIGIBLE' });
    expect(await referralsOf(creditCode)).toBe(0);
  });
});

describe('an event registration', () => {
  it('is refused below the event’s level by the registry, and goes through once it holds it', async () => {
    const eventCode = `T-REG-ELIG-${Date.now() % 100000}`;
    await createEvent(api, staff, eventCode, { minSpecialization: 'LITTLE_GIANT' });
    const creditCode = code('registration');
    await grantDesignation(api.sql, creditCode, 'SPECIALIZED_SME');
    const input = registrationInput(eventCode, creditCode, {
      enterprise: { specialization: 'LITTLE_GIANT' },
    });
    const refused = await api.graphql(REGISTER, { input }, partner);
    expect(refused.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'NOT_ELIGIBLE',
    });
    expect(refused.errors![0].message).toMatch(
      /requires LITTLE_GIANT; the registry holds SPECIALIZED_SME/,
    );
    await grantDesignation(api.sql, creditCode, 'LITTLE_GIANT');
    const { errors } = await api.graphql(
      REGISTER,
      { input: { ...input, idempotencyKey: `${input.idempotencyKey}-2` } },
      partner,
    );
    expect(errors).toBeUndefined();
  });
});

describe('oneStop', () => {
  const ONE_STOP = `query ($input: OneStopInput!) { oneStop(input: $input) { matches { service { id minSpecialization } } } }`;
  const levels = async (input: Record<string, unknown>) => {
    const { data, errors } = await api.graphql(ONE_STOP, {
      input: { regionCode: '441900', limitPerTier: 50, ...input },
    });
    expect(errors).toBeUndefined();
    return new Set(data!.oneStop.matches.map((m: any) => m.service.minSpecialization));
  };

  it('keeps the declared level without a credit code and uses the registry with one', async () => {
    expect(await levels({ specialization: 'LITTLE_GIANT' })).toContain('LITTLE_GIANT');
    const unknown = await levels({
      specialization: 'LITTLE_GIANT',
      creditCode: code('one-stop-none'),
    });
    expect([...unknown]).toEqual(['NONE']);
    const creditCode = code('one-stop-giant');
    await grantDesignation(api.sql, creditCode, 'LITTLE_GIANT');
    expect(await levels({ creditCode })).toContain('LITTLE_GIANT');
  });

  it('refuses a credit code that is not one', async () => {
    const { errors } = await api.graphql(ONE_STOP, {
      input: { regionCode: '441900', creditCode: "x' OR 1=1 --" },
    });
    expect(errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'creditCode',
    });
  });
});
