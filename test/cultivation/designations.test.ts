// The registry of designations through HTTP: granting a published list (all or nothing, every row
// checked, refused as one report), who may grant, review and revoke what, the review and the
// revocation with its cascade, the upkeep of the job queue, the audit trail, the webhooks, and the
// published list PUBLIC reads — each refusal leaving the database as it was.
import { createApiKey } from '../../src/auth/api-key.commands';
import { bringRegistryUpToDate } from '../../src/cultivation/registry-upkeep';
import { toGlobalId } from '../../src/schema/global-id';
import { bearer, creditCodeFor } from '../support/referral-fixtures';
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
const TAG = 'registry-designations';
const code = (n: number | string) => creditCodeFor(TAG, n);
let keys: Record<
  'guangdong' | 'zhejiang' | 'shenzhen' | 'admin' | 'partner',
  Record<string, string>
>;

const GRANT = `mutation ($input: GrantDesignationsInput!) {
  grantDesignations(input: $input) { granted designations { id kind batch validFrom validUntil status
    grantedBy { code } enterprise { creditCode name industryCode verifiedSpecialization } history { status actor reason } } } }`;
const REVIEW = `mutation ($input: ReviewDesignationInput!) {
  reviewDesignation(input: $input) { designation { id status validUntil history { status actor reason } } } }`;
const REVOKE = `mutation ($input: RevokeDesignationInput!) {
  revokeDesignation(input: $input) { designation { id status history { status actor reason } } } }`;
const ENTERPRISE_DESIGNATIONS = `query ($id: ID!) { node(id: $id) { ... on Designation { id status kind
  enterprise { verifiedSpecialization designations { kind status history { status actor reason } } } } } }`;

/** Today in Beijing, as the server counts it. */
async function today(): Promise<string> {
  const [{ day }] = await api.sql.rows<{ day: string }>(
    `SELECT ((now() AT TIME ZONE 'Asia/Shanghai')::date)::text AS day`,
  );
  return day;
}
const shift = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const row = (n: number | string, overrides: Record<string, unknown> = {}) => ({
  creditCode: code(n),
  name: `东莞登记企业${n}有限公司`,
  regionCode: '441900',
  scale: 'SMALL',
  industryCode: 'C3670',
  ...overrides,
});

async function grant(
  key: Record<string, string>,
  kind: string,
  rows: Record<string, unknown>[],
  validFrom?: string,
  batch = '2026-1',
) {
  return api.graphql(
    GRANT,
    { input: { kind, batch, validFrom: validFrom ?? (await today()), enterprises: rows } },
    key,
  );
}

/**
 * Everything a refused list must leave as it was, of the enterprises this file names (other files
 * write to the registry meanwhile).
 */
async function registryFootprint() {
  const [counts] = await api.sql.rows(
    `WITH mine AS (SELECT id FROM enterprise WHERE credit_code = ANY($1::text[])),
          designations AS (SELECT id FROM designation WHERE enterprise_id IN (SELECT id FROM mine))
     SELECT (SELECT count(*) FROM mine)::int AS enterprises,
            (SELECT count(*) FROM designations)::int AS designations,
            (SELECT count(*) FROM designation_change WHERE designation_id IN (SELECT id FROM designations))::int AS changes,
            (SELECT count(*) FROM audit_entry WHERE action LIKE 'designation.%' AND changes->'creditCode'->>'after' = ANY($1::text[]))::int AS audited,
            (SELECT count(*) FROM webhook_delivery WHERE data->>'creditCode' = ANY($1::text[]))::int AS deliveries`,
    [NAMED.map((n) => code(n))],
  );
  return counts;
}
/** Every enterprise the refusal tests name. */
const NAMED = [
  'held',
  'bad',
  'dup',
  'odd',
  'nul',
  'lg-ok-no-specialized',
  'lg-no-specialized',
  'gd-ok',
  'zj',
];

const idOf = (data: any, n = 0) => data.grantDesignations.designations[n].id as string;
const keyOf = (id: string) => Number(Buffer.from(id, 'base64').toString().split(':')[1]);

beforeAll(async () => {
  api = await startTestApi({ env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' } });
  const make = async (role: string, name: string, regionCode?: string) =>
    bearer((await createApiKey(api.sql, { role, name: `${TAG} ${name}`, regionCode })).key);
  keys = {
    guangdong: await make('AUTHORITY', '广东省工业和信息化厅', '440000'),
    zhejiang: await make('AUTHORITY', '浙江省经济和信息化厅', '330000'),
    shenzhen: await make('AUTHORITY', '深圳市工业和信息化局', '440300'),
    admin: await make('ADMIN', 'admin'),
    partner: await make('PARTNER', 'partner'),
  };
});
afterAll(() => api.close());

describe('grantDesignations', () => {
  it('grants a province’s list: three years through the same day, history, audit, the registry’s enterprise', async () => {
    const validFrom = shift(await today(), -10);
    const { data, errors } = await grant(
      keys.guangdong,
      'SPECIALIZED_SME',
      [row(1), row(2, { regionCode: '440305', scale: 'MEDIUM', industryCode: ' c36 ' })],
      validFrom,
    );
    expect(errors).toBeUndefined();
    expect(data!.grantDesignations.granted).toBe(2);
    const [first, second] = data!.grantDesignations.designations;
    expect(first).toMatchObject({
      kind: 'SPECIALIZED_SME',
      batch: '2026-1',
      validFrom,
      validUntil: `${Number(validFrom.slice(0, 4)) + 3}${validFrom.slice(4)}`,
      status: 'ACTIVE',
      grantedBy: { code: '440000' },
      enterprise: {
        creditCode: code(1),
        industryCode: 'C3670',
        verifiedSpecialization: 'SPECIALIZED',
      },
      history: [{ status: 'ACTIVE', actor: `${TAG} 广东省工业和信息化厅`, reason: null }],
    });
    expect(second.enterprise.industryCode).toBe('C36');
    const audited = await api.sql.rows(
      `SELECT action, actor_role, changes->'kind'->>'after' AS kind FROM audit_entry WHERE entity_code = $1`,
      [first.id],
    );
    expect(audited).toEqual([
      { action: 'designation.grant', actor_role: 'AUTHORITY', kind: 'SPECIALIZED_SME' },
    ]);
  });

  it('keeps what the registry holds of an enterprise when a partner later names it otherwise', async () => {
    await grant(keys.guangdong, 'INNOVATIVE_SME', [
      row('kept', { name: '登记名称有限公司', scale: 'MICRO' }),
    ]);
    const [service] = await api.sql.rows<{ id: number }>(
      `SELECT id FROM service WHERE active AND min_specialization = 'NONE' AND cardinality(eligible_scales) = 0 ORDER BY id LIMIT 1`,
    );
    const { errors } = await api.graphql(
      `mutation ($input: CreateReferralInput!) { createReferral(input: $input) { referral { id } } }`,
      {
        input: {
          idempotencyKey: `${TAG}-kept`,
          serviceId: toGlobalId('Service', service.id),
          enterprise: {
            creditCode: code('kept'),
            name: '伙伴写的名称',
            scale: 'MEDIUM',
            regionCode: '110101',
            specialization: 'NONE',
          },
        },
      },
      keys.partner,
    );
    expect(errors).toBeUndefined();
    const [stored] = await api.sql.rows(
      `SELECT name, scale, region_code FROM enterprise WHERE credit_code = $1`,
      [code('kept')],
    );
    expect(stored).toEqual({ name: '登记名称有限公司', scale: 'MICRO', region_code: '441900' });
  });

  it('refuses a bad list as one report of every row’s problems, and grants nothing', async () => {
    await grant(keys.admin, 'SPECIALIZED_SME', [row('held')]);
    const badCheck = `${code('bad').slice(0, 17)}${code('bad')[17] === '0' ? '1' : '0'}`;
    const before = await registryFootprint();
    const { data, errors } = await grant(keys.admin, 'LITTLE_GIANT', [
      row('lg-ok-no-specialized'),
      row('bad', { creditCode: badCheck }),
      row('dup'),
      row('dup'),
      row('odd', { name: '=HYPERLINK("http://x")', regionCode: '999999', industryCode: 'C9999' }),
    ]);
    expect(data).toBeNull();
    expect(errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect((errors![0].extensions as any).rows).toEqual([
      { line: 2, field: 'creditCode', message: expect.stringContaining('check character') },
      {
        line: 4,
        field: 'creditCode',
        message: `creditCode ${code('dup')} is listed on line 3 too: list each enterprise once`,
      },
      { line: 5, field: 'name', message: expect.stringContaining('formula') },
      {
        line: 5,
        field: 'regionCode',
        message: expect.stringContaining('names no GB/T 2260 division'),
      },
      { line: 5, field: 'industryCode', message: expect.stringContaining('GB/T 4754-2017') },
    ]);
    expect(await registryFootprint()).toEqual(before);

    // A NUL byte never reaches the database.
    const nul = await grant(keys.admin, 'INNOVATIVE_SME', [row('nul', { name: 'a\u0000b' })]);
    expect(nul.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(await registryFootprint()).toEqual(before);

    // The rows' own checks pass: the registry's checks report, the upserted enterprises roll back.
    const second = await grant(keys.admin, 'LITTLE_GIANT', [row('held'), row('lg-no-specialized')]);
    expect(second.data).toBeNull();
    expect((second.errors![0].extensions as any).rows).toEqual([
      {
        line: 2,
        field: 'creditCode',
        message: expect.stringContaining('holds no ACTIVE or UNDER_REVIEW SPECIALIZED_SME'),
      },
    ]);
    expect(await registryFootprint()).toEqual(before);
  });

  it('refuses with FORBIDDEN a list with any row outside the key’s province', async () => {
    const before = await registryFootprint();
    const { data, errors } = await grant(keys.guangdong, 'SPECIALIZED_SME', [
      row('gd-ok'),
      row('zj', { regionCode: '330106' }),
    ]);
    expect(data).toBeNull();
    expect(errors![0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      rows: [
        {
          line: 2,
          field: 'regionCode',
          message: expect.stringContaining("outside this key's province 440000"),
        },
      ],
    });
    expect(await registryFootprint()).toEqual(before);
  });

  it('lets no province grant LITTLE_GIANT, no prefecture grant at all, no partner touch the registry', async () => {
    const refusals = [
      await grant(keys.guangdong, 'LITTLE_GIANT', [row(1)]),
      await grant(keys.shenzhen, 'SPECIALIZED_SME', [row('sz', { regionCode: '440305' })]),
      await grant(keys.partner, 'SPECIALIZED_SME', [row('p')]),
      await grant({}, 'SPECIALIZED_SME', [row('p')]),
    ];
    expect(refusals.map((r) => r.errors![0].extensions!.code)).toEqual([
      'FORBIDDEN',
      'FORBIDDEN',
      'FORBIDDEN',
      'FORBIDDEN',
    ]);
    expect(refusals[1].errors![0].message).toMatch(/prefecture-level division/);
  });

  it('grants LITTLE_GIANT (ADMIN) to a specialized SME, with no granting province', async () => {
    const { data, errors } = await grant(keys.admin, 'LITTLE_GIANT', [row(1)]);
    expect(errors).toBeUndefined();
    expect(data!.grantDesignations.designations[0]).toMatchObject({
      grantedBy: null,
      enterprise: { verifiedSpecialization: 'LITTLE_GIANT' },
    });
  });

  it('refuses a validFrom after today, a lapsed one, a bad batch, an empty and a too long list', async () => {
    const day = await today();
    const cases = [
      await grant(keys.guangdong, 'INNOVATIVE_SME', [row('late')], shift(day, 1)),
      await grant(keys.guangdong, 'INNOVATIVE_SME', [row('late')], shift(day, -3 * 366)),
      await grant(
        keys.guangdong,
        'INNOVATIVE_SME',
        [row('late')],
        day,
        '2026-1; DROP TABLE designation',
      ),
      await grant(keys.guangdong, 'INNOVATIVE_SME', [], day),
    ];
    expect(
      cases.map((c) => [c.errors![0].extensions!.code, c.errors![0].extensions!.field]),
    ).toEqual([
      ['BAD_USER_INPUT', 'validFrom'],
      ['BAD_USER_INPUT', 'validFrom'],
      ['BAD_USER_INPUT', 'batch'],
      ['BAD_USER_INPUT', 'enterprises'],
    ]);
    const tooMany = await grant(
      keys.admin,
      'INNOVATIVE_SME',
      Array.from({ length: 5001 }, (_, n) => row(`many-${n}`)),
    );
    expect(tooMany.errors![0].message).toMatch(/holds 5001 rows: a list holds 1 to 5000/);
  });

  it('lets two authorities granting one enterprise at once give it one designation', async () => {
    const results = await Promise.all([
      grant(keys.guangdong, 'INNOVATIVE_SME', [row('race-a'), row('race')]),
      grant(keys.admin, 'INNOVATIVE_SME', [row('race'), row('race-b')]),
    ]);
    const [held] = await api.sql.rows<{ n: number }>(
      `SELECT count(*)::int AS n FROM designation d JOIN enterprise e ON e.id = d.enterprise_id
        WHERE e.credit_code = $1 AND d.kind = 'INNOVATIVE_SME'`,
      [code('race')],
    );
    expect(held.n).toBe(1);
    const refused = results.filter((r) => r.errors);
    expect(refused).toHaveLength(1);
    // The loser waited for the winner's lock on the enterprise and reports the row it now holds.
    expect(refused[0].errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      rows: [
        {
          field: 'creditCode',
          message: expect.stringContaining('already holds a live INNOVATIVE_SME'),
        },
      ],
    });
    // All or nothing: the refused list granted neither of its rows.
    const [all] = await api.sql.rows<{ n: number }>(
      `SELECT count(*)::int AS n FROM designation d JOIN enterprise e ON e.id = d.enterprise_id
        WHERE e.credit_code = ANY($1::text[])`,
      [[code('race-a'), code('race'), code('race-b')]],
    );
    expect(all.n).toBe(2);
  });

  it('accepts a list of 5,000 enterprises in a few statements', async () => {
    const rows = Array.from({ length: 5000 }, (_, n) =>
      row(`bulk-${n}`, { regionCode: ['441900', '440305', '440106', '445102'][n % 4] }),
    );
    const started = performance.now();
    const { response, statements } = await api.countedGraphql(
      `mutation ($input: GrantDesignationsInput!) { grantDesignations(input: $input) { granted } }`,
      {
        input: {
          kind: 'INNOVATIVE_SME',
          batch: '2026-2',
          validFrom: await today(),
          enterprises: rows,
        },
      },
      keys.guangdong,
    );
    const ms = Math.round(performance.now() - started);
    expect(response.errors).toBeUndefined();
    expect(response.data!.grantDesignations.granted).toBe(5000);
    // Statements do not grow with the list's length.
    expect(statements).toBeLessThan(25);
    console.log(`5,000-row list granted in ${ms} ms, ${statements} statements`);
  });
});

describe('reviewDesignation and revokeDesignation', () => {
  /** A SPECIALIZED_SME and a LITTLE_GIANT of one enterprise; their ids. */
  async function specializedGiant(n: string) {
    const specialized = await grant(keys.guangdong, 'SPECIALIZED_SME', [row(n)]);
    const giant = await grant(keys.admin, 'LITTLE_GIANT', [row(n)]);
    return [idOf(specialized.data), idOf(giant.data)];
  }

  it('refuses a review before it opens, then renews three years from the old validUntil', async () => {
    const [specialized] = await specializedGiant('review');
    const early = await api.graphql(
      REVIEW,
      { input: { designationId: specialized, outcome: 'RENEWED' } },
      keys.guangdong,
    );
    expect(early.errors![0].message).toMatch(/review opens on/);
    const [{ until }] = await api.sql.rows<{ until: string }>(
      `UPDATE designation SET valid_until = current_date + 30 WHERE id = $1 RETURNING valid_until::text AS until`,
      [keyOf(specialized)],
    );
    const renewed = await api.graphql(
      REVIEW,
      { input: { designationId: specialized, outcome: 'RENEWED', note: '复核通过' } },
      keys.guangdong,
    );
    expect(renewed.errors).toBeUndefined();
    expect(renewed.data!.reviewDesignation.designation).toMatchObject({
      status: 'ACTIVE',
      validUntil: `${Number(until.slice(0, 4)) + 3}${until.slice(4)}`,
    });
    expect(renewed.data!.reviewDesignation.designation.history.at(-1)).toMatchObject({
      status: 'ACTIVE',
      reason: 'RENEWED: 复核通过',
    });
  });

  it('ends the LITTLE_GIANT with its SPECIALIZED_SME when the review exits it, both in history', async () => {
    const [specialized, giant] = await specializedGiant('exit');
    await api.sql.run(`UPDATE designation SET valid_until = current_date + 30 WHERE id = $1`, [
      keyOf(specialized),
    ]);
    const exited = await api.graphql(
      REVIEW,
      { input: { designationId: specialized, outcome: 'EXITED' } },
      keys.guangdong,
    );
    expect(exited.data!.reviewDesignation.designation.status).toBe('EXPIRED');
    const { data } = await api.graphql(ENTERPRISE_DESIGNATIONS, { id: giant });
    expect(data!.node.status).toBe('EXPIRED');
    expect(data!.node.enterprise.verifiedSpecialization).toBe('NONE');
    expect(data!.node.enterprise.designations[0].history.at(-1)).toMatchObject({
      status: 'EXPIRED',
      reason: 'its SPECIALIZED_SME exited at review: EXITED',
    });
  });

  it('revokes with a reason, taking the LITTLE_GIANT with the SPECIALIZED_SME; audited twice', async () => {
    const [specialized, giant] = await specializedGiant('revoke');
    const noReason = await api.graphql(
      REVOKE,
      { input: { designationId: specialized, reason: '  ' } },
      keys.guangdong,
    );
    expect(noReason.errors![0].extensions!.field).toBe('reason');
    const revoked = await api.graphql(
      REVOKE,
      { input: { designationId: specialized, reason: '提供虚假材料' } },
      keys.guangdong,
    );
    expect(revoked.data!.revokeDesignation.designation).toMatchObject({
      status: 'REVOKED',
      history: [{ status: 'ACTIVE' }, { status: 'REVOKED', reason: '提供虚假材料' }],
    });
    const { data } = await api.graphql(ENTERPRISE_DESIGNATIONS, { id: giant });
    expect(data!.node.status).toBe('REVOKED');
    const audited = await api.sql.rows(
      `SELECT entity_code, action FROM audit_entry WHERE entity_code = ANY($1) AND action = 'designation.revoke' ORDER BY id`,
      [[specialized, giant]],
    );
    expect(audited).toEqual([
      { entity_code: specialized, action: 'designation.revoke' },
      { entity_code: giant, action: 'designation.revoke' },
    ]);
    const again = await api.graphql(
      REVOKE,
      { input: { designationId: specialized, reason: 'twice' } },
      keys.guangdong,
    );
    expect(again.errors![0].message).toMatch(/REVOKED, a final status/);
  });

  it('lets only the granting province or ADMIN change a designation; LITTLE_GIANT only ADMIN', async () => {
    const [specialized, giant] = await specializedGiant('whose');
    const refusals = [
      await api.graphql(
        REVOKE,
        { input: { designationId: specialized, reason: 'x' } },
        keys.zhejiang,
      ),
      await api.graphql(
        REVOKE,
        { input: { designationId: specialized, reason: 'x' } },
        keys.shenzhen,
      ),
      await api.graphql(REVOKE, { input: { designationId: giant, reason: 'x' } }, keys.guangdong),
      await api.graphql(
        REVOKE,
        { input: { designationId: specialized, reason: 'x' } },
        keys.partner,
      ),
      await api.graphql(
        REVIEW,
        { input: { designationId: specialized, outcome: 'EXITED' } },
        keys.zhejiang,
      ),
    ];
    expect(refusals.map((r) => r.errors![0].extensions!.code)).toEqual([
      'FORBIDDEN',
      'FORBIDDEN',
      'FORBIDDEN',
      'FORBIDDEN',
      'FORBIDDEN',
    ]);
    expect(refusals[0].errors![0].message).toMatch(/granted by 440000/);
    const { data } = await api.graphql(ENTERPRISE_DESIGNATIONS, { id: specialized });
    expect(data!.node.status).toBe('ACTIVE');
  });

  it('answers a forged or foreign id with NOT_FOUND or BAD_USER_INPUT, never an internal error', async () => {
    const forged = [
      toGlobalId('Designation', 2_000_000_000),
      toGlobalId('Institution', 1),
      'not-an-id\u0000',
      'A'.repeat(10_000),
    ];
    for (const designationId of forged) {
      const { errors } = await api.graphql(
        REVOKE,
        { input: { designationId, reason: 'x' } },
        keys.admin,
      );
      expect(['NOT_FOUND', 'BAD_USER_INPUT']).toContain(errors![0].extensions!.code);
      expect(errors![0].message.length).toBeLessThan(300);
    }
  });
});

describe('the upkeep and reading the registry as of today', () => {
  it('never shows ACTIVE after validUntil, even before the job ran', async () => {
    const { data } = await grant(keys.guangdong, 'INNOVATIVE_SME', [row('lapsed')]);
    const id = idOf(data);
    await api.sql.run(
      `UPDATE designation SET valid_from = current_date - 1200, valid_until = current_date - 2 WHERE id = $1`,
      [keyOf(id)],
    );
    const read = await api.graphql(ENTERPRISE_DESIGNATIONS, { id });
    expect(read.data!.node.status).toBe('EXPIRED');
    const [stored] = await api.sql.rows(`SELECT status FROM designation WHERE id = $1`, [
      keyOf(id),
    ]);
    expect(stored).toEqual({ status: 'ACTIVE' });
  });

  it('opens reviews 90 days ahead and expires unreviewed ones as the system; expiry does not cascade', async () => {
    const specialized = idOf(
      (await grant(keys.guangdong, 'SPECIALIZED_SME', [row('upkeep')])).data,
    );
    const giant = idOf((await grant(keys.admin, 'LITTLE_GIANT', [row('upkeep')])).data);
    const soon = idOf((await grant(keys.guangdong, 'INNOVATIVE_SME', [row('upkeep-soon')])).data);
    await api.sql.run(
      `UPDATE designation SET valid_from = current_date - 1200, valid_until = current_date - 1 WHERE id = $1`,
      [keyOf(specialized)],
    );
    await api.sql.run(`UPDATE designation SET valid_until = current_date + 89 WHERE id = $1`, [
      keyOf(soon),
    ]);

    const counts = await api.sql.transaction((t) => bringRegistryUpToDate(t));
    expect(counts.expired).toBeGreaterThanOrEqual(1);
    expect(counts.reviewsOpened).toBeGreaterThanOrEqual(1);
    const statuses = await api.sql.rows(
      `SELECT d.id, d.status, (SELECT c.actor || '/' || c.status FROM designation_change c WHERE c.designation_id = d.id ORDER BY c.id DESC LIMIT 1) AS last
         FROM designation d WHERE d.id = ANY($1::int[]) ORDER BY d.id`,
      [[keyOf(specialized), keyOf(giant), keyOf(soon)]],
    );
    expect(statuses).toEqual([
      { id: keyOf(specialized), status: 'EXPIRED', last: 'system/EXPIRED' },
      { id: keyOf(giant), status: 'ACTIVE', last: `${TAG} admin/ACTIVE` },
      { id: keyOf(soon), status: 'UNDER_REVIEW', last: 'system/UNDER_REVIEW' },
    ]);
    const audited = await api.sql.rows(
      `SELECT action, actor_name FROM audit_entry WHERE entity_code = ANY($1) AND actor_name = 'system' ORDER BY id`,
      [[specialized, soon]],
    );
    expect(audited).toEqual([
      { action: 'designation.expire', actor_name: 'system' },
      { action: 'designation.review', actor_name: 'system' },
    ]);
    // Run again: nothing is due twice.
    const twice = await api.sql.transaction((t) => bringRegistryUpToDate(t, { enterpriseIds: [] }));
    expect(twice).toEqual({ expired: 0, reviewsOpened: 0 });
  });

  it('lists designations to PUBLIC by kind, status, region, batch and expiringBy', async () => {
    const day = await today();
    await grant(
      keys.guangdong,
      'SPECIALIZED_SME',
      [row('list-sz', { regionCode: '440305' })],
      day,
      '2026-3',
    );
    const { data, errors } = await api.graphql(
      `query ($filter: DesignationFilter) { designations(filter: $filter, first: 10) { totalCount nodes { kind batch status enterprise { creditCode } } } }`,
      {
        filter: {
          kind: ['SPECIALIZED_SME'],
          status: ['ACTIVE'],
          regionCode: '4403',
          batch: '2026-3',
          expiringBy: shift(day, 3 * 366),
        },
      },
    );
    expect(errors).toBeUndefined();
    expect(data!.designations.nodes).toEqual([
      {
        kind: 'SPECIALIZED_SME',
        batch: '2026-3',
        status: 'ACTIVE',
        enterprise: { creditCode: code('list-sz') },
      },
    ]);
    const none = await api.graphql(
      `query { designations(filter: { batch: "2026-3", expiringBy: "2020-01-01" }) { totalCount } }`,
    );
    expect(none.data!.designations.totalCount).toBe(0);
  });

  it('answers a page of designations with their enterprises and histories in a fixed number of statements', async () => {
    const query = `query ($first: Int) { designations(first: $first) { nodes { id status validUntil grantedBy { name }
      history { status actor } enterprise { name industryCode verifiedSpecialization designations { kind status } } } } }`;
    const small = await api.countedGraphql(query, { first: 2 });
    const large = await api.countedGraphql(query, { first: 100 });
    expect(small.response.errors).toBeUndefined();
    expect(large.response.data!.designations.nodes).toHaveLength(100);
    expect(large.statements).toBe(small.statements);
  });
});

describe('DESIGNATION_CHANGED webhooks', () => {
  const SUBSCRIBE = `mutation ($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) { subscription { id } } }`;

  it('lets AUTHORITY keys subscribe to what they hear, and tells ADMIN and the region’s authority', async () => {
    const subscribe = (key: Record<string, string>, events: string[]) =>
      api.graphql(SUBSCRIBE, { input: { url: 'http://127.0.0.1:9/hook', events } }, key);
    const wrong = await subscribe(keys.zhejiang, ['REFERRAL_CREATED']);
    expect(wrong.errors![0].message).toMatch(/never told of REFERRAL_CREATED/);
    const ids: Record<string, string> = {};
    for (const name of ['guangdong', 'zhejiang', 'shenzhen', 'admin'] as const) {
      const { data, errors } = await subscribe(keys[name], ['DESIGNATION_CHANGED']);
      expect(errors).toBeUndefined();
      ids[name] = data!.createWebhookSubscription.subscription.id;
    }
    const granted = await grant(keys.guangdong, 'INNOVATIVE_SME', [
      row('hook', { regionCode: '440305' }),
    ]);
    const designationId = idOf(granted.data);
    const told = await api.sql.rows<{ subscription: number; data: any }>(
      `SELECT subscription_id AS subscription, data FROM webhook_delivery
        WHERE event_type = 'DESIGNATION_CHANGED' AND data->>'designationId' = $1`,
      [designationId],
    );
    const heard = told.map((t) => toGlobalId('WebhookSubscription', t.subscription)).sort();
    expect(heard).toEqual([ids.guangdong, ids.shenzhen, ids.admin].sort());
    expect(told[0].data).toEqual({
      designationId,
      creditCode: code('hook'),
      kind: 'INNOVATIVE_SME',
      status: 'ACTIVE',
      previousStatus: null,
    });
    await api.sql.run(
      `UPDATE webhook_subscription SET active = false, deleted_at = now() WHERE id = ANY($1::int[])`,
      [Object.values(ids).map((id) => keyOf(id))],
    );
  });
});
