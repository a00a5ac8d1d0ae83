// Publishing and withdrawing policies through HTTP: who may publish where (a province's key for
// the province and everything below it, a prefecture's for the prefecture and below, national
// policies ADMIN only), the guide complete or refused, hostile input, every refusal leaving the
// database as it was; AUTOMATIC policies entitling in the publishing transaction, on their
// opening day, on a grant and never twice, and unpaid entitlements ending on revocation or
// withdrawal.
import { createApiKey } from '../../src/auth/api-key.commands';
import { designationValidOn } from '../../src/cultivation/registry-today';
import { entitleNewlyEligible, endEntitlementsOf } from '../../src/policies/policy-entitlements';
import { entitleOpenedPolicies } from '../../src/policies/policy-opening';
import { creditCodeFor } from '../support/credit-codes';
import { bearer } from '../support/referral-fixtures';
import { policyTestApi } from '../support/policy-database';
import {
  GUIDE,
  insertDesignation,
  insertEnterprise,
  policyInput,
  policyTables,
  PUBLISH,
  WITHDRAW,
} from '../support/policy-fixtures';

const TAG = 'policy-publishing';
let api: Awaited<ReturnType<typeof policyTestApi>>;
let keys: Record<string, Record<string, string>>;
let n = 0;
const enterprise = (regionCode: string, scale = 'SMALL') =>
  insertEnterprise(api.sql, TAG, n++, regionCode, { scale });

const daysFromToday = (days: number) =>
  new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  api = await policyTestApi('policy_publishing');
  const key = async (role: string, regionCode?: string) =>
    bearer(
      (
        await createApiKey(api.sql, {
          role,
          name: `${TAG} ${role} ${regionCode ?? ''}`,
          regionCode,
        })
      ).key,
    );
  keys = {
    admin: await key('ADMIN'),
    guangdong: await key('AUTHORITY', '440000'),
    dongguan: await key('AUTHORITY', '441900'),
    hubei: await key('AUTHORITY', '420000'),
    partner: await key('PARTNER'),
    public: {},
  };
});
afterAll(async () => {
  await api?.close();
  await api?.drop();
});

async function publish(key: Record<string, string>, input: Record<string, unknown>) {
  return api.graphql<any>(PUBLISH, { input }, key);
}

async function refusedUnchanged(
  key: Record<string, string>,
  input: Record<string, unknown>,
  code: string,
) {
  const before = await policyTables(api.sql);
  const { errors } = await publish(key, input);
  expect(errors?.[0].extensions?.code).toBe(code);
  expect(JSON.stringify(errors)).not.toMatch(/SELECT|INSERT|at .*\.ts/);
  expect(await policyTables(api.sql)).toEqual(before);
  return errors![0];
}

async function applicationsOf(code: string) {
  return api.sql.rows<{
    creditCode: string;
    status: string;
    payBy: string | null;
    delivery: string;
  }>(
    `SELECT e.credit_code AS "creditCode", a.status, a.pay_by::text AS "payBy", a.delivery
       FROM policy_application a JOIN policy p ON p.id = a.policy_id JOIN enterprise e ON e.id = a.enterprise_id
      WHERE p.code = $1 ORDER BY e.credit_code`,
    [code],
  );
}

describe('publishPolicy: who may publish where', () => {
  it('lets a province’s key publish for the province, a prefecture and a county below it', async () => {
    for (const [code, regionCode] of [
      ['PP-GD', '44'],
      ['PP-GD-DG', '4419'],
      ['PP-GD-LW', '440103'],
    ]) {
      const { data, errors } = await publish(keys.guangdong, policyInput(code, { regionCode }));
      expect(errors).toBeUndefined();
      expect(data.publishPolicy.policy.region.code).toBe(regionCode.padEnd(6, '0'));
    }
  });

  it('lets a prefecture’s key publish for its prefecture, not for its province', async () => {
    expect(
      (await publish(keys.dongguan, policyInput('PP-DG', { regionCode: '441900' }))).errors,
    ).toBeUndefined();
    await refusedUnchanged(
      keys.dongguan,
      policyInput('PP-DG-GD', { regionCode: '440000' }),
      'FORBIDDEN',
    );
  });

  it('refuses another province’s key, national policies to an AUTHORITY, and every other role', async () => {
    const error = await refusedUnchanged(
      keys.hubei,
      policyInput('PP-HB-GD', { regionCode: '440100' }),
      'FORBIDDEN',
    );
    expect(error.message).toContain('440100');
    await refusedUnchanged(
      keys.guangdong,
      policyInput('PP-CN-BY-GD', { regionCode: null }),
      'FORBIDDEN',
    );
    await refusedUnchanged(keys.partner, policyInput('PP-PARTNER'), 'FORBIDDEN');
    await refusedUnchanged(keys.public, policyInput('PP-PUBLIC'), 'FORBIDDEN');
    const national = await publish(keys.admin, policyInput('PP-CN', { regionCode: null }));
    expect(national.errors).toBeUndefined();
    expect(national.data.publishPolicy.policy.region).toBeNull();
  });
});

describe('publishPolicy: what is refused', () => {
  it('refuses a policy whose guide is incomplete', async () => {
    for (const field of Object.keys(GUIDE)) {
      await refusedUnchanged(
        keys.admin,
        policyInput(`PP-GUIDE-${field.toUpperCase()}`, { guide: { ...GUIDE, [field]: '  ' } }),
        'BAD_USER_INPUT',
      );
    }
    const withoutGuide: Record<string, unknown> = policyInput('PP-NO-GUIDE');
    delete withoutGuide.guide;
    const before = await policyTables(api.sql);
    const { errors } = await publish(keys.admin, withoutGuide);
    expect(errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await policyTables(api.sql)).toEqual(before);
  });

  it.each([
    ['a NUL byte in the title', { title: 'A\u0000B' }],
    ['a title of 100,000 characters', { title: '政'.repeat(100_000) }],
    ['an issuer Excel would run as a formula', { issuer: '=HYPERLINK("http://evil")' }],
    ['a bidi override in the guide', { guide: { ...GUIDE, office: 'office\u202Eexe.doc' } }],
    ['a forged region code', { regionCode: "44' OR '1'='1" }],
    ['an industry code the standard lacks', { industryCodes: ['C99'] }],
    ['a thousandth of a yuan', { maxAmountYuan: 0.001 }],
    ['a negative maximum', { maxAmountYuan: -5 }],
    ['a window that closes before it opens', { opensOn: '2026-03-01', closesOn: '2026-02-01' }],
    ['a malformed code', { code: 'pp lower' }],
    ['an unknown category', { categoryCode: 'NOPE' }],
  ])('refuses %s with nothing written', async (_what, overrides) => {
    const error = await refusedUnchanged(
      keys.admin,
      policyInput(`PP-BAD-${n++}`, overrides),
      (overrides as any).categoryCode ? 'NOT_FOUND' : 'BAD_USER_INPUT',
    );
    expect(error.message.length).toBeLessThan(400);
  });

  it('refuses a pseudo-prefecture as the issuing region', async () => {
    await refusedUnchanged(
      keys.admin,
      policyInput('PP-PSEUDO', { regionCode: '4290' }),
      'NOT_FOUND',
    );
  });

  it('refuses a code already taken', async () => {
    expect((await publish(keys.admin, policyInput('PP-TWICE'))).errors).toBeUndefined();
    await refusedUnchanged(keys.admin, policyInput('PP-TWICE'), 'CONFLICT');
  });
});

describe('AUTOMATIC policies (免申即享)', () => {
  it('entitle every enterprise the registry shows eligible, in the publishing transaction', async () => {
    const giants = [
      await enterprise('440103'),
      await enterprise('441900'),
      await enterprise('429004'),
    ];
    for (const giant of giants) await insertDesignation(api.sql, giant, { kind: 'LITTLE_GIANT' });
    const revoked = await enterprise('440103');
    await insertDesignation(api.sql, revoked, { kind: 'LITTLE_GIANT', status: 'REVOKED' });
    const specialized = await enterprise('440103');
    await insertDesignation(api.sql, specialized, { kind: 'SPECIALIZED_SME' });
    const { errors } = await publish(
      keys.guangdong,
      policyInput('PP-AUTO-GD', {
        delivery: 'AUTOMATIC',
        minDesignation: 'LITTLE_GIANT',
        opensOn: daysFromToday(-1),
      }),
    );
    expect(errors).toBeUndefined();
    const entitled = await applicationsOf('PP-AUTO-GD');
    // Guangdong's policy: the two Guangdong little giants, not Xiantao's, not the revoked one,
    // not the specialized SME …
    const codes = new Set(entitled.map((row) => row.creditCode));
    expect(
      [...giants, revoked, specialized].map((enterprise) => codes.has(enterprise.creditCode)),
    ).toEqual([true, true, false, false, false]);
    // … and the seed's live little giants of Guangdong, every one of them.
    const [{ seeded }] = await api.sql.rows<{ seeded: number }>(
      `SELECT count(DISTINCT d.enterprise_id)::int AS seeded FROM designation d
         JOIN enterprise e ON e.id = d.enterprise_id
        WHERE d.kind = 'LITTLE_GIANT' AND ${designationValidOn('d')} AND e.region_code LIKE '44%'
          AND e.credit_code <> ALL($1)`,
      [giants.map((giant) => giant.creditCode)],
    );
    expect(entitled).toHaveLength(2 + seeded);
    expect(entitled.every((row) => row.status === 'ENTITLED' && row.delivery === 'AUTOMATIC')).toBe(
      true,
    );
    expect(entitled.every((row) => row.payBy !== null && row.payBy > daysFromToday(60))).toBe(true);
    const [{ history }] = await api.sql.rows<{ history: number }>(
      `SELECT count(*)::int AS history FROM policy_application_change c
         JOIN policy_application a ON a.id = c.application_id JOIN policy p ON p.id = a.policy_id
        WHERE p.code = 'PP-AUTO-GD' AND c.status = 'ENTITLED' AND c.actor = 'system'`,
    );
    expect(history).toBe(entitled.length);
  });

  it('entitle a policy that opens later on its day, through the job queue, once', async () => {
    const giant = await enterprise('440300');
    await insertDesignation(api.sql, giant, { kind: 'LITTLE_GIANT' });
    const opensOn = daysFromToday(5);
    const { errors } = await publish(
      keys.admin,
      policyInput('PP-AUTO-LATER', {
        regionCode: null,
        delivery: 'AUTOMATIC',
        minDesignation: 'LITTLE_GIANT',
        opensOn,
      }),
    );
    expect(errors).toBeUndefined();
    expect(await applicationsOf('PP-AUTO-LATER')).toEqual([]);
    const [job] = await api.sql.rows<{ runAt: string }>(
      `SELECT (run_at AT TIME ZONE 'Asia/Shanghai')::text AS "runAt" FROM graphile_worker.jobs WHERE key = $1`,
      [`policy-opening:${opensOn}`],
    );
    expect(job.runAt).toBe(`${opensOn} 00:00:00`);
    // The day comes.
    await api.sql.run(`UPDATE policy SET opens_on = opens_on - 5 WHERE code = 'PP-AUTO-LATER'`);
    const made = await entitleOpenedPolicies(api.sql);
    expect(made).toBeGreaterThanOrEqual(1);
    expect((await applicationsOf('PP-AUTO-LATER')).map((row) => row.creditCode)).toContain(
      giant.creditCode,
    );
    const count = (await applicationsOf('PP-AUTO-LATER')).length;
    expect(await entitleOpenedPolicies(api.sql)).toBe(0);
    expect((await applicationsOf('PP-AUTO-LATER')).length).toBe(count);
  });

  it('entitle an enterprise granted a designation while the policy is open, never twice', async () => {
    const later = await enterprise('441900');
    await publish(
      keys.guangdong,
      policyInput('PP-AUTO-GRANT', {
        delivery: 'AUTOMATIC',
        minDesignation: 'SPECIALIZED_SME',
        opensOn: daysFromToday(-3),
      }),
    );
    expect((await applicationsOf('PP-AUTO-GRANT')).map((r) => r.creditCode)).not.toContain(
      later.creditCode,
    );
    await api.sql.transaction(async (transaction) => {
      await insertDesignation(transaction, later, { kind: 'SPECIALIZED_SME' });
      expect(await entitleNewlyEligible(transaction, [later.id])).toBeGreaterThanOrEqual(1);
    });
    await api.sql.transaction(async (transaction) => {
      expect(await entitleNewlyEligible(transaction, [later.id])).toBe(0);
    });
    expect(
      (await applicationsOf('PP-AUTO-GRANT')).filter((r) => r.creditCode === later.creditCode),
    ).toHaveLength(1);
  });

  it('follow the registry’s own mutations: a granted list entitles, a revocation ends it', async () => {
    await publish(
      keys.guangdong,
      policyInput('PP-AUTO-REGISTRY', {
        delivery: 'AUTOMATIC',
        minDesignation: 'SPECIALIZED_SME',
        opensOn: daysFromToday(-2),
      }),
    );
    const creditCode = creditCodeFor(TAG, 'registry-follow');
    const granted = await api.graphql<any>(
      `mutation ($input: GrantDesignationsInput!) { grantDesignations(input: $input) { designations { id } } }`,
      {
        input: {
          kind: 'SPECIALIZED_SME',
          batch: '2026-9',
          validFrom: daysFromToday(0),
          enterprises: [
            { creditCode, name: '东莞市测试精密有限公司', regionCode: '441900', scale: 'SMALL' },
          ],
        },
      },
      keys.guangdong,
    );
    expect(granted.errors).toBeUndefined();
    const entitled = async () =>
      (await applicationsOf('PP-AUTO-REGISTRY')).filter((r) => r.creditCode === creditCode);
    expect((await entitled()).map((r) => r.status)).toEqual(['ENTITLED']);

    const revoked = await api.graphql<any>(
      `mutation ($input: RevokeDesignationInput!) { revokeDesignation(input: $input) { designation { status } } }`,
      {
        input: {
          designationId: granted.data!.grantDesignations.designations[0].id,
          reason: '弄虚作假',
        },
      },
      keys.guangdong,
    );
    expect(revoked.errors).toBeUndefined();
    expect((await entitled()).map((r) => r.status)).toEqual(['DECLINED']);
  });

  it('end the unpaid entitlements a revoked designation rested on, and only those', async () => {
    const revokedLater = await enterprise('440103');
    const designation = await insertDesignation(api.sql, revokedLater, { kind: 'SPECIALIZED_SME' });
    const keepsAnother = await enterprise('440103');
    await insertDesignation(api.sql, keepsAnother, { kind: 'SPECIALIZED_SME' });
    const keptDesignation = await insertDesignation(api.sql, keepsAnother, {
      kind: 'LITTLE_GIANT',
    });
    await publish(
      keys.guangdong,
      policyInput('PP-AUTO-REVOKE', {
        delivery: 'AUTOMATIC',
        minDesignation: 'SPECIALIZED_SME',
        opensOn: daysFromToday(-1),
      }),
    );
    await api.sql.transaction(async (transaction) => {
      await transaction.run(`UPDATE designation SET status = 'REVOKED' WHERE id = ANY($1::int[])`, [
        [designation, keptDesignation],
      ]);
      await endEntitlementsOf(
        transaction,
        [revokedLater.id, keepsAnother.id],
        'designation revoked',
      );
    });
    const rows = await applicationsOf('PP-AUTO-REVOKE');
    expect(rows.find((r) => r.creditCode === revokedLater.creditCode)?.status).toBe('DECLINED');
    expect(rows.find((r) => r.creditCode === keepsAnother.creditCode)?.status).toBe('ENTITLED');
    const [{ note }] = await api.sql.rows<{ note: string }>(
      `SELECT c.note FROM policy_application_change c JOIN policy_application a ON a.id = c.application_id
        WHERE a.enterprise_id = $1 AND c.status = 'DECLINED'`,
      [revokedLater.id],
    );
    expect(note).toBe('designation revoked');
  });
});

describe('withdrawPolicy', () => {
  it('ends open applications and unpaid entitlements DECLINED, noted, and keeps approvals', async () => {
    const giant = await enterprise('440103');
    await insertDesignation(api.sql, giant, { kind: 'LITTLE_GIANT' });
    await publish(
      keys.guangdong,
      policyInput('PP-WD', { delivery: 'AUTOMATIC', opensOn: daysFromToday(-1) }),
    );
    const entitled = (await applicationsOf('PP-WD')).length;
    expect(entitled).toBeGreaterThan(0);
    const refusedBefore = await policyTables(api.sql);
    const refused = await api.graphql(WITHDRAW, { code: 'PP-WD' }, keys.hubei);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await policyTables(api.sql)).toEqual(refusedBefore);
    const { data, errors } = await api.graphql<any>(WITHDRAW, { code: 'PP-WD' }, keys.guangdong);
    expect(errors).toBeUndefined();
    expect(data.withdrawPolicy.policy.status).toBe('WITHDRAWN');
    const rows = await applicationsOf('PP-WD');
    expect(rows.every((row) => row.status === 'DECLINED')).toBe(true);
    const notes = await api.sql.rows<{ note: string }>(
      `SELECT DISTINCT c.note FROM policy_application_change c JOIN policy_application a ON a.id = c.application_id
         JOIN policy p ON p.id = a.policy_id WHERE p.code = 'PP-WD' AND c.status = 'DECLINED'`,
    );
    expect(notes).toEqual([{ note: 'policy withdrawn' }]);
    // Withdrawing again is a retry: nothing more is written.
    const before = await policyTables(api.sql);
    expect((await api.graphql(WITHDRAW, { code: 'PP-WD' }, keys.guangdong)).errors).toBeUndefined();
    expect(await policyTables(api.sql)).toEqual(before);
  });
});

describe('an AUTOMATIC policy published under a concurrent grant', () => {
  /**
   * Waits until the publication queues for the entitlement lock behind the grant — or, were there
   * no lock, until it has finished without waiting (and so without seeing the grant).
   */
  async function publicationQueuedOrDone(publication: Promise<unknown>) {
    let done = false;
    void publication.finally(() => (done = true));
    for (let tries = 0; tries < 200 && !done; tries++) {
      const [{ waiting }] = await api.sql.rows<{ waiting: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted) AS waiting`,
      );
      if (waiting) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  it('is not missed when the grant entitles first and commits after the publication started', async () => {
    const granted = await enterprise('440103');
    let published: Promise<any> | undefined;
    await api.sql.transaction(async (transaction) => {
      await insertDesignation(transaction, granted, { kind: 'LITTLE_GIANT' });
      await entitleNewlyEligible(transaction, [granted.id]);
      // The publication starts while the grant is uncommitted.
      published = publish(
        keys.guangdong,
        policyInput('PP-RACE-1', {
          delivery: 'AUTOMATIC',
          minDesignation: 'LITTLE_GIANT',
          opensOn: daysFromToday(-1),
        }),
      );
      await publicationQueuedOrDone(published);
    });
    expect((await published!).errors).toBeUndefined();
    expect(
      (await applicationsOf('PP-RACE-1')).filter((r) => r.creditCode === granted.creditCode),
    ).toHaveLength(1);
  });

  it('is not missed when the publication commits while the grant is under way', async () => {
    const granted = await enterprise('440103');
    await api.sql.transaction(async (transaction) => {
      await insertDesignation(transaction, granted, { kind: 'LITTLE_GIANT' });
      const { errors } = await publish(
        keys.guangdong,
        policyInput('PP-RACE-2', {
          delivery: 'AUTOMATIC',
          minDesignation: 'LITTLE_GIANT',
          opensOn: daysFromToday(-1),
        }),
      );
      expect(errors).toBeUndefined();
      await entitleNewlyEligible(transaction, [granted.id]);
    });
    expect(
      (await applicationsOf('PP-RACE-2')).filter((r) => r.creditCode === granted.creditCode),
    ).toHaveLength(1);
  });

  it('neither misses nor doubles an entitlement when grants and publications race freely', async () => {
    const grants = await Promise.all([0, 1, 2, 3, 4, 5].map(() => enterprise('440103')));
    const codes = ['PP-RACE-A', 'PP-RACE-B', 'PP-RACE-C'];
    await Promise.all([
      ...grants.map((granted) =>
        api.sql.transaction(async (transaction) => {
          await insertDesignation(transaction, granted, { kind: 'LITTLE_GIANT' });
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 50));
          await entitleNewlyEligible(transaction, [granted.id]);
        }),
      ),
      ...codes.map((code) =>
        publish(
          keys.guangdong,
          policyInput(code, {
            delivery: 'AUTOMATIC',
            minDesignation: 'LITTLE_GIANT',
            opensOn: daysFromToday(-1),
          }),
        ),
      ),
    ]);
    for (const code of codes) {
      const rows = await applicationsOf(code);
      for (const granted of grants)
        expect(rows.filter((r) => r.creditCode === granted.creditCode)).toHaveLength(1);
    }
  });
});
