// Applications (快申快享) through HTTP: a partner applies for an eligible enterprise while the
// window is open, idempotently, one application per enterprise and policy; the issuing region
// decides and pays; payBy is 60 working days after approval (counted here by chinese-days, not
// by our calendar), overdue once passed; history, audit, the partner's webhook; who sees what,
// in a fixed number of statements; every refusal leaves the database as it was.
import { findWorkday } from 'chinese-days';
import { createApiKey } from '../../src/auth/api-key.commands';
import { policyTestApi } from '../support/policy-database';
import { creditCodeFor } from '../support/credit-codes';
import { bearer } from '../support/referral-fixtures';
import { SUBSCRIBE, WEBHOOK_TEST_ENV } from '../support/webhook-fixtures';
import {
  APPLY,
  DECIDE,
  PAYOUT,
  PUBLISH,
  insertDesignation,
  insertEnterprise,
  policyInput,
  policyTables,
  type EnterpriseRow,
} from '../support/policy-fixtures';

const TAG = 'policy-applications';
let api: Awaited<ReturnType<typeof policyTestApi>>;
let keys: Record<string, Record<string, string>>;
let eligible: EnterpriseRow;
let n = 0;

const beijingToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const daysFromToday = (days: number) =>
  new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

const applyInput = (key: string, creditCode: string, overrides: Record<string, unknown> = {}) => ({
  idempotencyKey: key,
  policyCode: 'PA-GD',
  enterprise: { creditCode, name: '测试企业', regionCode: '440103', scale: 'SMALL' },
  amountRequestedYuan: 90000,
  ...overrides,
});

beforeAll(async () => {
  api = await policyTestApi('policy_applications', WEBHOOK_TEST_ENV);
  const key = async (role: string, regionCode?: string) =>
    bearer(
      (
        await createApiKey(api.sql, {
          role,
          name: `${TAG} ${role} ${regionCode ?? n++}`,
          regionCode,
        })
      ).key,
    );
  keys = {
    admin: await key('ADMIN'),
    guangdong: await key('AUTHORITY', '440000'),
    dongguan: await key('AUTHORITY', '441900'),
    hubei: await key('AUTHORITY', '420000'),
    partnerA: await key('PARTNER'),
    partnerB: await key('PARTNER'),
    public: {},
  };
  const subscribed = await api.graphql(
    SUBSCRIBE,
    { input: { url: 'http://127.0.0.1:9/hooks', events: ['POLICY_APPLICATION_CHANGED'] } },
    keys.partnerA,
  );
  expect(subscribed.errors).toBeUndefined();
  for (const [code, overrides] of [
    ['PA-GD', { minDesignation: 'SPECIALIZED_SME', opensOn: daysFromToday(-30) }],
    ['PA-LATER', { opensOn: daysFromToday(30) }],
    ['PA-AUTO', { delivery: 'AUTOMATIC', opensOn: daysFromToday(-30) }],
  ] as const) {
    const { errors } = await api.graphql(
      PUBLISH,
      { input: policyInput(code, overrides) },
      keys.guangdong,
    );
    expect(errors).toBeUndefined();
  }
  eligible = await insertEnterprise(api.sql, TAG, n++, '440103');
  await insertDesignation(api.sql, eligible, { kind: 'SPECIALIZED_SME' });
});
afterAll(async () => {
  await api?.close();
  await api?.drop();
});

async function refusedUnchanged(
  query: string,
  variables: Record<string, unknown>,
  key: Record<string, string>,
  code: string,
) {
  const before = await policyTables(api.sql);
  const { errors } = await api.graphql<any>(query, variables, key);
  expect(errors?.[0].extensions?.code).toBe(code);
  expect(await policyTables(api.sql)).toEqual(before);
  return errors![0] as any;
}

let applicationId: string;

describe('applyForPolicy', () => {
  it('submits an application for an eligible enterprise, and answers a retry with it', async () => {
    const first = await api.graphql<any>(
      APPLY,
      { input: applyInput('a-1', eligible.creditCode) },
      keys.partnerA,
    );
    expect(first.errors).toBeUndefined();
    const application = first.data.applyForPolicy.application;
    expect(application).toMatchObject({
      status: 'SUBMITTED',
      delivery: 'APPLICATION',
      payBy: null,
    });
    applicationId = application.id;
    const before = await policyTables(api.sql);
    const retry = await api.graphql<any>(
      APPLY,
      { input: applyInput('a-1', eligible.creditCode) },
      keys.partnerA,
    );
    expect(retry.data.applyForPolicy.application.id).toBe(applicationId);
    expect(await policyTables(api.sql)).toEqual(before);
  });

  it('refuses the same key for another request, and a second application of the enterprise', async () => {
    await refusedUnchanged(
      APPLY,
      { input: applyInput('a-1', eligible.creditCode, { amountRequestedYuan: 1000 }) },
      keys.partnerA,
      'CONFLICT',
    );
    const error = await refusedUnchanged(
      APPLY,
      { input: applyInput('b-1', eligible.creditCode) },
      keys.partnerB,
      'CONFLICT',
    );
    expect(error.extensions.reason).toBe('ALREADY_APPLIED');
  });

  it('refuses an enterprise the registry does not show eligible, naming the failed conditions', async () => {
    const error = await refusedUnchanged(
      APPLY,
      { input: applyInput('a-2', creditCodeFor(TAG, 'new')) },
      keys.partnerA,
      'BAD_USER_INPUT',
    );
    expect(error.extensions.reason).toBe('NOT_ELIGIBLE');
    expect(error.extensions.conditions).toEqual([
      {
        condition: 'designation',
        met: false,
        detail: 'requires SPECIALIZED_SME; the registry holds none valid today for this enterprise',
      },
    ]);
  });

  it('refuses a closed window, an AUTOMATIC policy, an amount above the maximum, wrong keys', async () => {
    const closed = await refusedUnchanged(
      APPLY,
      { input: applyInput('a-3', eligible.creditCode, { policyCode: 'PA-LATER' }) },
      keys.partnerA,
      'BAD_USER_INPUT',
    );
    expect(closed.extensions.reason).toBe('WINDOW_CLOSED');
    const automatic = await refusedUnchanged(
      APPLY,
      { input: applyInput('a-4', eligible.creditCode, { policyCode: 'PA-AUTO' }) },
      keys.partnerA,
      'BAD_USER_INPUT',
    );
    expect(automatic.extensions.reason).toBe('AUTOMATIC_POLICY');
    await refusedUnchanged(
      APPLY,
      { input: applyInput('a-5', eligible.creditCode, { amountRequestedYuan: 100000.01 }) },
      keys.partnerB,
      'BAD_USER_INPUT',
    );
    for (const key of [keys.public, keys.guangdong])
      await refusedUnchanged(
        APPLY,
        { input: applyInput('a-6', eligible.creditCode) },
        key,
        'FORBIDDEN',
      );
  });

  it.each([
    ['a NUL byte in the key', { idempotencyKey: 'a\u0000b' }],
    ['a forged policy code', { policyCode: "PA-GD' OR 1=1" }],
    [
      'a huge name',
      {
        enterprise: {
          creditCode: 'x',
          name: '企'.repeat(300),
          regionCode: '440103',
          scale: 'SMALL',
        },
      },
    ],
    ['an amount beyond numeric(14,2)', { amountRequestedYuan: 1e15 }],
  ])('refuses %s', async (_what, overrides) => {
    const before = await policyTables(api.sql);
    const { errors } = await api.graphql<any>(
      APPLY,
      { input: applyInput('a-7', eligible.creditCode, overrides) },
      keys.partnerA,
    );
    expect(errors?.[0].extensions?.code).toMatch(/BAD_USER_INPUT|NOT_FOUND/);
    expect(JSON.stringify(errors).length).toBeLessThan(2000);
    expect(await policyTables(api.sql)).toEqual(before);
  });

  it('lets two partners race for the same enterprise: one application, one refusal', async () => {
    const racer = await insertEnterprise(api.sql, TAG, n++, '441900');
    await insertDesignation(api.sql, racer, { kind: 'LITTLE_GIANT' });
    const input = (key: string) =>
      applyInput(key, racer.creditCode, {
        enterprise: {
          creditCode: racer.creditCode,
          name: 'x',
          regionCode: '441900',
          scale: 'SMALL',
        },
      });
    const answers = await Promise.all([
      api.graphql<any>(APPLY, { input: input('race') }, keys.partnerA),
      api.graphql<any>(APPLY, { input: input('race') }, keys.partnerB),
      api.graphql<any>(APPLY, { input: input('race') }, keys.partnerA),
    ]);
    const made = new Set(
      answers.filter((a) => !a.errors).map((a) => a.data.applyForPolicy.application.id),
    );
    expect(made.size).toBe(1);
    const [{ count }] = await api.sql.rows<{ count: number }>(
      'SELECT count(*)::int AS count FROM policy_application WHERE enterprise_id = $1',
      [racer.id],
    );
    expect(count).toBe(1);
  });
});

describe('deciding and paying', () => {
  it('hides the application from keys that do not govern its policy', async () => {
    for (const key of [keys.hubei, keys.dongguan])
      await refusedUnchanged(
        DECIDE,
        { input: { applicationId, decision: 'APPROVED', amountApprovedYuan: 1 } },
        key,
        'NOT_FOUND',
      );
    await refusedUnchanged(
      DECIDE,
      { input: { applicationId, decision: 'APPROVED', amountApprovedYuan: 1 } },
      keys.partnerA,
      'FORBIDDEN',
    );
  });

  it('refuses an approval above the maximum, a decline without a note, a payout before approval', async () => {
    await refusedUnchanged(
      DECIDE,
      { input: { applicationId, decision: 'APPROVED', amountApprovedYuan: 100001 } },
      keys.guangdong,
      'BAD_USER_INPUT',
    );
    await refusedUnchanged(
      DECIDE,
      { input: { applicationId, decision: 'DECLINED' } },
      keys.guangdong,
      'BAD_USER_INPUT',
    );
    await refusedUnchanged(
      PAYOUT,
      { input: { applicationId, amountPaidYuan: 10, paidOn: beijingToday() } },
      keys.guangdong,
      'BAD_USER_INPUT',
    );
  });

  it('approves with payBy 60 working days later, history, audit and the partner’s webhook', async () => {
    const { data, errors } = await api.graphql<any>(
      DECIDE,
      {
        input: { applicationId, decision: 'APPROVED', amountApprovedYuan: 80000, note: '材料齐全' },
      },
      keys.guangdong,
    );
    expect(errors).toBeUndefined();
    const approved = data.decidePolicyApplication.application;
    expect(approved.status).toBe('APPROVED');
    expect(approved.amountApprovedYuan).toBe(80000);
    const today = beijingToday();
    if (Number(today.slice(0, 4)) <= 2026 && Number(daysFromToday(100).slice(0, 4)) <= 2026) {
      expect(approved.payBy).toBe(findWorkday(60, today));
    }
    expect(approved.overdue).toBe(false);
    expect(approved.history.map((h: any) => h.status)).toEqual(['SUBMITTED', 'APPROVED']);
    const [{ audits }] = await api.sql.rows<{ audits: number }>(
      `SELECT count(*)::int AS audits FROM audit_entry WHERE entity_type = 'policy_application' AND entity_code = $1`,
      [String(Buffer.from(applicationId, 'base64').toString().split(':')[1])],
    );
    expect(audits).toBe(2);
    const deliveries = await api.sql.rows<{ data: any }>(
      `SELECT data FROM webhook_delivery
        WHERE event_type = 'POLICY_APPLICATION_CHANGED' AND data->>'applicationId' = $1 ORDER BY created_at`,
      [applicationId],
    );
    expect(deliveries.map((d) => [d.data.status, d.data.previousStatus])).toEqual([
      ['SUBMITTED', null],
      ['APPROVED', 'SUBMITTED'],
    ]);
  });

  it('pays no more than approved, then is PAID and final', async () => {
    await refusedUnchanged(
      PAYOUT,
      { input: { applicationId, amountPaidYuan: 80000.01, paidOn: beijingToday() } },
      keys.guangdong,
      'BAD_USER_INPUT',
    );
    await refusedUnchanged(
      PAYOUT,
      { input: { applicationId, amountPaidYuan: 80000, paidOn: daysFromToday(2) } },
      keys.guangdong,
      'BAD_USER_INPUT',
    );
    const { data, errors } = await api.graphql<any>(
      PAYOUT,
      { input: { applicationId, amountPaidYuan: 80000, paidOn: beijingToday() } },
      keys.admin,
    );
    expect(errors).toBeUndefined();
    expect(data.recordPolicyPayout.application).toMatchObject({
      status: 'PAID',
      amountPaidYuan: 80000,
      overdue: false,
    });
    await refusedUnchanged(
      DECIDE,
      { input: { applicationId, decision: 'DECLINED', note: 'late' } },
      keys.guangdong,
      'BAD_USER_INPUT',
    );
  });

  it('shows an approval unpaid after payBy as overdue, in the application and the figures', async () => {
    const late = await insertEnterprise(api.sql, TAG, n++, '440103');
    await insertDesignation(api.sql, late, { kind: 'SPECIALIZED_SME' });
    const applied = await api.graphql<any>(
      APPLY,
      { input: applyInput('late', late.creditCode) },
      keys.partnerA,
    );
    const id = applied.data.applyForPolicy.application.id;
    await api.graphql(
      DECIDE,
      { input: { applicationId: id, decision: 'APPROVED', amountApprovedYuan: 5000 } },
      keys.guangdong,
    );
    await api.sql.run(`UPDATE policy_application SET pay_by = $2::date WHERE id = $1`, [
      Number(Buffer.from(id, 'base64').toString().split(':')[1]),
      daysFromToday(-1),
    ]);
    const { data } = await api.graphql<any>(
      `query ($id: ID!) { node(id: $id) { ... on PolicyApplication { overdue status } } }`,
      { id },
      keys.partnerA,
    );
    expect(data.node).toEqual({ overdue: true, status: 'APPROVED' });
    const figures = await api.graphql<any>(
      `{ policy(code: "PA-GD") { figures { submitted approved paid overdue amountApprovedYuan amountPaidYuan } } }`,
      undefined,
      keys.guangdong,
    );
    expect(figures.data.policy.figures).toMatchObject({
      approved: 1,
      paid: 1,
      overdue: 1,
      amountApprovedYuan: 85000,
      amountPaidYuan: 80000,
    });
    for (const key of [keys.hubei, keys.partnerA, keys.public]) {
      const hidden = await api.graphql<any>(
        `{ policy(code: "PA-GD") { figures { paid } } }`,
        undefined,
        key,
      );
      expect(hidden.data.policy.figures).toBeNull();
    }
  });
});

describe('policyApplications', () => {
  const LIST = `query ($first: Int) { policyApplications(policyCode: "PA-GD", first: $first) {
    totalCount nodes { id status payBy overdue policy { code title } enterprise { creditCode } history { status } } } }`;

  it('shows a partner its own, an AUTHORITY its region’s, nobody else anything', async () => {
    const own = await api.graphql<any>(LIST, { first: 50 }, keys.partnerA);
    expect(own.data.policyApplications.totalCount).toBeGreaterThanOrEqual(2);
    const other = await api.graphql<any>(LIST, { first: 50 }, keys.partnerB);
    expect(other.data.policyApplications.nodes.every((a: any) => a.id !== applicationId)).toBe(
      true,
    );
    const governed = await api.graphql<any>(LIST, { first: 50 }, keys.guangdong);
    expect(governed.data.policyApplications.totalCount).toBeGreaterThanOrEqual(
      own.data.policyApplications.totalCount,
    );
    const elsewhere = await api.graphql<any>(LIST, { first: 50 }, keys.hubei);
    expect(elsewhere.data.policyApplications.totalCount).toBe(0);
    const anonymous = await api.graphql<any>(LIST, { first: 50 });
    expect(anonymous.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('lists 1 or 50 applications with their policy, enterprise and history in the same statements', async () => {
    const one = await api.countedGraphql<any>(LIST, { first: 1 }, keys.admin);
    const many = await api.countedGraphql<any>(LIST, { first: 50 }, keys.admin);
    expect(one.response.errors).toBeUndefined();
    expect(one.statements).toBe(many.statements);
  });
});

describe('a year’s schedule set by ADMIN', () => {
  it('recomputes the payBy of unpaid approvals counted through that year', async () => {
    const waiting = await insertEnterprise(api.sql, TAG, n++, '440103');
    await insertDesignation(api.sql, waiting, { kind: 'SPECIALIZED_SME' });
    const applied = await api.graphql<any>(
      APPLY,
      { input: applyInput('recompute', waiting.creditCode) },
      keys.partnerA,
    );
    const id = applied.data.applyForPolicy.application.id;
    const decided = await api.graphql<any>(
      DECIDE,
      { input: { applicationId: id, decision: 'APPROVED', amountApprovedYuan: 1000 } },
      keys.guangdong,
    );
    const before = decided.data.decidePolicyApplication.application;
    const year = Number(before.payBy.slice(0, 4));
    if (!before.provisionalPayBy) return; // counted within known years: nothing to recompute
    // Every weekday of January of that year a holiday: payBy moves later by that many days.
    const january = Array.from(
      { length: 31 },
      (_, d) => `${year}-01-${String(d + 1).padStart(2, '0')}`,
    );
    const weekdays = january.filter(
      (day) => ![0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay()),
    );
    const set = await api.graphql<any>(
      `mutation ($input: WorkingCalendarYearInput!) { setWorkingCalendarYear(input: $input) { date } }`,
      { input: { year, holidays: weekdays, workingWeekends: [] } },
      keys.admin,
    );
    expect(set.errors).toBeUndefined();
    const { data } = await api.graphql<any>(
      `query ($id: ID!) { node(id: $id) { ... on PolicyApplication { payBy provisionalPayBy } } }`,
      { id },
      keys.guangdong,
    );
    expect(data.node.provisionalPayBy).toBe(false);
    expect(data.node.payBy > before.payBy).toBe(true);
  });
});
