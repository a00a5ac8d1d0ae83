// Enterprise appeals through HTTP, as partners, staff and admins use them: submission routed up
// the one-stop chain, idempotent; the steps once and in order; extensions; closing and the one
// reopening; who sees what; and every wrong-role or out-of-order move refused with nothing written.
import { randomUUID } from 'node:crypto';
import { createApiKey } from '../../src/auth/api-key.commands';
import { toGlobalId } from '../../src/schema/global-id';
import {
  SUBMIT_APPEAL,
  appealFootprint,
  appealInput,
  appealMove,
  appealUuidOf,
} from '../support/appeal-fixtures';
import { bearer, creditCodeFor, makeKeys } from '../support/referral-fixtures';
import { startTestApi, type TestApi } from '../support/test-api';
import { SUBSCRIBE, WEBHOOK_TEST_ENV } from '../support/webhook-fixtures';

const TAG = 'appeals api';
let api: TestApi;
let keys: Awaited<ReturnType<typeof makeKeys>>;
let elsewhere: Awaited<ReturnType<typeof makeKeys>>;
/** Government departments: Guangdong's (Dongguan lies in it) and Beijing's. */
let guangdong: Record<string, string>;
let beijing: Record<string, string>;
let enterpriseCount = 0;
const enterprise = () => creditCodeFor(TAG, enterpriseCount++);

const ACKNOWLEDGE = appealMove('acknowledgeAppeal', 'AppealStepInput');
const REPLY = appealMove('replyToAppeal', 'AppealStepInput');
const RESOLVE = appealMove('resolveAppeal', 'AppealStepInput');
const REQUEST_EXTENSION = appealMove('requestAppealExtension', 'AppealStepInput');
const DECIDE_EXTENSION = appealMove('decideAppealExtension', 'DecideAppealExtensionInput');
const CLOSE = appealMove('closeAppeal', 'CloseAppealInput');
const APPEAL = `query ($id: ID!) { appeal(id: $id) { id status handler { code } } }`;

beforeAll(async () => {
  api = await startTestApi({ env: WEBHOOK_TEST_ENV });
  // Staff A works at the Dongguan centre (C-441900), staff B at its parent, Guangdong's (C-440000).
  keys = await makeKeys(api.sql, TAG);
  elsewhere = await makeKeys(api.sql, `${TAG} elsewhere`, ['C-110000', 'C-000000']);
  const authority = async (regionCode: string) =>
    bearer(
      (await createApiKey(api.sql, { role: 'AUTHORITY', name: `${TAG} ${regionCode}`, regionCode }))
        .key,
    );
  guangdong = await authority('440000');
  beijing = await authority('110000');
  const subscribed = await api.graphql(
    SUBSCRIBE,
    { input: { url: 'http://127.0.0.1:9/appeals', events: ['APPEAL_CHANGED'] } },
    keys.partnerA,
  );
  expect(subscribed.errors).toBeUndefined();
});

afterAll(async () => {
  await api?.close();
});

async function submit(key = keys.partnerA, overrides: Record<string, unknown> = {}) {
  const { data, errors } = await api.graphql(
    SUBMIT_APPEAL,
    { input: appealInput(enterprise(), overrides) },
    key,
  );
  expect(errors).toBeUndefined();
  return data!.submitAppeal.appeal;
}

async function move(document: string, input: Record<string, unknown>, key: Record<string, string>) {
  const { data, errors } = await api.graphql(document, { input }, key);
  if (errors) throw new Error(JSON.stringify(errors));
  return Object.values(data!)[0].appeal;
}

/** Sends a move that must be refused with `code`, and checks that nothing was written. */
async function refused(
  document: string,
  input: Record<string, unknown> & { appealId: string },
  key: Record<string, string>,
  code: string,
) {
  const before = await appealFootprint(api.sql, input.appealId);
  const { data, errors } = await api.graphql(document, { input }, key);
  expect(data).toBeNull();
  expect(errors![0].extensions!.code).toBe(code);
  expect(await appealFootprint(api.sql, input.appealId)).toEqual(before);
  return errors![0].message;
}

describe('submitting an appeal', () => {
  it('routes it to the nearest active PUBLIC centre, with deadlines, history, audit and webhook', async () => {
    const appeal = await submit();
    expect(appeal).toMatchObject({
      code: expect.stringMatching(/^SQ\d{8}$/),
      status: 'SUBMITTED',
      region: { code: '441900' },
      handler: { code: 'C-441900' },
      overdue: false,
      escalations: 0,
      contact: { name: '李华', phone: '13800138000' },
      history: [{ status: 'SUBMITTED', actor: `${TAG} partner A`, handler: null }],
    });
    expect(appeal.history[0].note).toContain('C-441900');
    const submitted = Date.parse(appeal.submittedAt);
    const [ack, reply, resolve] = [appeal.acknowledgeBy, appeal.replyBy, appeal.resolveBy];
    // Each deadline is the end of a Beijing day (16:00 UTC), after submission, in order.
    for (const at of [ack, reply, resolve]) expect(at).toMatch(/T16:00:00\.000Z$/);
    expect(Date.parse(ack)).toBeGreaterThan(submitted);
    expect(Date.parse(reply)).toBeGreaterThan(Date.parse(ack));
    expect(Date.parse(resolve)).toBeGreaterThan(Date.parse(reply) + 10 * 86_400_000);
    expect(await appealFootprint(api.sql, appeal.id)).toMatchObject({
      changes: 1,
      audits: 1,
      webhooks: 1,
    });
  });

  it('goes up the chain from a county without a centre to the nearest one above it', async () => {
    const [{ county, centre }] = await api.sql.rows<{ county: string; centre: string }>(
      `SELECT r.code AS county, i.code AS centre FROM region r
         JOIN institution i ON i.region_code = r.parent_code AND i.kind = 'PUBLIC' AND i.active
        WHERE r.level = 'COUNTY'
          AND NOT EXISTS (SELECT 1 FROM institution c WHERE c.region_code = r.code AND c.kind = 'PUBLIC')
        ORDER BY r.code LIMIT 1`,
    );
    const appeal = await submit(keys.partnerA, { regionCode: county });
    expect(appeal.handler.code).toBe(centre);
  });

  it('answers a retry with the first appeal, and a reused key for another request with CONFLICT', async () => {
    const input = appealInput(enterprise());
    const first = await api.graphql(SUBMIT_APPEAL, { input }, keys.partnerA);
    const again = await api.graphql(SUBMIT_APPEAL, { input }, keys.partnerA);
    expect(again.data!.submitAppeal.appeal.id).toBe(first.data!.submitAppeal.appeal.id);
    const other = await api.graphql(
      SUBMIT_APPEAL,
      { input: { ...input, title: '另一项诉求' } },
      keys.partnerA,
    );
    expect(other.errors![0].extensions!.code).toBe('CONFLICT');
    const [{ n }] = await api.sql.rows<{ n: number }>(
      `SELECT count(*)::int AS n FROM appeal WHERE idempotency_key = $1`,
      [input.idempotencyKey],
    );
    expect(n).toBe(1);
  });

  it('makes one appeal of eight concurrent retries of the same key', async () => {
    const input = appealInput(enterprise());
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => api.graphql(SUBMIT_APPEAL, { input }, keys.partnerA)),
    );
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    expect(new Set(answers.map((a) => a.data!.submitAppeal.appeal.id)).size).toBe(1);
    const [{ n, changes }] = await api.sql.rows<{ n: number; changes: number }>(
      `SELECT count(*)::int AS n, (SELECT count(*)::int FROM appeal_change c JOIN appeal a ON a.uuid = c.appeal_uuid
                                    WHERE a.idempotency_key = $1) AS changes
         FROM appeal WHERE idempotency_key = $1`,
      [input.idempotencyKey],
    );
    expect({ n, changes }).toEqual({ n: 1, changes: 1 });
  });

  it.each([
    ['a NUL byte in the title', { title: '拖欠\u0000货款' }, 'BAD_USER_INPUT'],
    ['a right-to-left override in the title', { title: '拖欠\u202E货款' }, 'BAD_USER_INPUT'],
    ['a title that starts a spreadsheet formula', { title: '=HYPERLINK("x")' }, 'BAD_USER_INPUT'],
    ['a description of 90,000 characters', { description: '欠'.repeat(30_000) }, 'BAD_USER_INPUT'],
    ['an empty title', { title: '   ' }, 'BAD_USER_INPUT'],
    ['a region that is no code', { regionCode: '44x' }, 'BAD_USER_INPUT'],
    ['a region that names no division', { regionCode: '449999' }, 'NOT_FOUND'],
    [
      'a mistyped credit code',
      { enterprise: { creditCode: '91350100M000100Y44' } },
      'BAD_USER_INPUT',
    ],
  ])('refuses %s and writes nothing', async (_what, overrides, code) => {
    const before = await api.sql.rows(`SELECT count(*)::int AS n FROM appeal`);
    const { data, errors } = await api.graphql(
      SUBMIT_APPEAL,
      { input: appealInput(enterprise(), overrides) },
      keys.partnerA,
    );
    expect(data ?? null).toBeNull();
    expect(errors![0].extensions!.code).toBe(code);
    expect(errors![0].message).not.toMatch(/SELECT|INSERT|at .*\.ts/);
    expect(await api.sql.rows(`SELECT count(*)::int AS n FROM appeal`)).toEqual(before);
  });

  it('is for PARTNER and ADMIN keys only', async () => {
    for (const key of [keys.public, keys.staffA]) {
      const { errors } = await api.graphql(
        SUBMIT_APPEAL,
        { input: appealInput(enterprise()) },
        key,
      );
      expect(errors![0].extensions!.code).toBe('FORBIDDEN');
    }
    expect((await submit(keys.admin)).status).toBe('SUBMITTED');
  });
});

describe('handling an appeal', () => {
  it('takes each step once and in order, and the partner closes it satisfied', async () => {
    const { id } = await submit();
    await move(ACKNOWLEDGE, { appealId: id, note: '已签收，安排专人跟进' }, keys.staffA);
    await move(REPLY, { appealId: id, note: '已联系欠款单位' }, keys.staffA);
    const resolved = await move(RESOLVE, { appealId: id, note: '欠款已支付' }, keys.admin);
    expect(resolved.status).toBe('RESOLVED');
    const closed = await move(
      CLOSE,
      { appealId: id, satisfaction: 5, comment: '很满意' },
      keys.partnerA,
    );
    expect(closed).toMatchObject({ status: 'CLOSED', satisfaction: 5 });
    expect(closed.history.map((change: any) => change.status)).toEqual([
      'SUBMITTED',
      'ACKNOWLEDGED',
      'REPLIED',
      'RESOLVED',
      'CLOSED',
    ]);
    expect(closed.history[4].note).toBe('satisfaction 5: 很满意');
    expect(await appealFootprint(api.sql, id)).toMatchObject({
      changes: 5,
      audits: 5,
      webhooks: 5,
    });
  });

  it('refuses every out-of-order move and writes nothing', async () => {
    const { id } = await submit();
    const note = '跳步';
    expect(await refused(RESOLVE, { appealId: id, note }, keys.staffA, 'BAD_USER_INPUT')).toBe(
      'the appeal is SUBMITTED: it can move to ACKNOWLEDGED, not to RESOLVED',
    );
    await refused(REPLY, { appealId: id, note }, keys.staffA, 'BAD_USER_INPUT');
    await refused(CLOSE, { appealId: id, satisfaction: 5 }, keys.partnerA, 'BAD_USER_INPUT');
    await move(ACKNOWLEDGE, { appealId: id, note }, keys.staffA);
    await refused(ACKNOWLEDGE, { appealId: id, note }, keys.staffA, 'BAD_USER_INPUT');
    await refused(
      DECIDE_EXTENSION,
      { appealId: id, approved: true },
      keys.staffB,
      'BAD_USER_INPUT',
    );
    await move(REPLY, { appealId: id, note }, keys.staffA);
    await move(RESOLVE, { appealId: id, note }, keys.staffA);
    await refused(REQUEST_EXTENSION, { appealId: id, note }, keys.staffA, 'BAD_USER_INPUT');
    await move(CLOSE, { appealId: id, satisfaction: 4 }, keys.partnerA);
    await refused(CLOSE, { appealId: id, satisfaction: 4 }, keys.partnerA, 'BAD_USER_INPUT');
    await refused(ACKNOWLEDGE, { appealId: id, note }, keys.admin, 'BAD_USER_INPUT');
  });

  it('refuses every wrong role and writes nothing', async () => {
    const { id } = await submit();
    const note = '越权';
    // Staff of the parent centre, a partner, another partner, staff elsewhere, no key.
    await refused(ACKNOWLEDGE, { appealId: id, note }, keys.staffB, 'FORBIDDEN');
    await refused(ACKNOWLEDGE, { appealId: id, note }, keys.partnerA, 'FORBIDDEN');
    await refused(ACKNOWLEDGE, { appealId: id, note }, elsewhere.staffA, 'NOT_FOUND');
    await refused(ACKNOWLEDGE, { appealId: id, note }, keys.public, 'FORBIDDEN');
    await refused(REQUEST_EXTENSION, { appealId: id, note }, keys.partnerA, 'FORBIDDEN');
    await refused(REQUEST_EXTENSION, { appealId: id, note }, keys.staffB, 'FORBIDDEN');
    await refused(ACKNOWLEDGE, { appealId: id, note }, guangdong, 'FORBIDDEN');
    await refused(REQUEST_EXTENSION, { appealId: id, note }, guangdong, 'FORBIDDEN');
    await move(ACKNOWLEDGE, { appealId: id, note: '已签收' }, keys.staffA);
    await move(REPLY, { appealId: id, note: '已答复' }, keys.staffA);
    await move(REQUEST_EXTENSION, { appealId: id, note: '需协调多部门' }, keys.staffA);
    await refused(DECIDE_EXTENSION, { appealId: id, approved: true }, keys.staffA, 'FORBIDDEN');
    await refused(DECIDE_EXTENSION, { appealId: id, approved: true }, keys.partnerA, 'FORBIDDEN');
    await refused(
      DECIDE_EXTENSION,
      { appealId: id, approved: true },
      elsewhere.staffA,
      'NOT_FOUND',
    );
    await refused(DECIDE_EXTENSION, { appealId: id, approved: true }, beijing, 'NOT_FOUND');
    await move(RESOLVE, { appealId: id, note: '已办结' }, keys.staffA);
    await refused(CLOSE, { appealId: id, satisfaction: 5 }, keys.staffA, 'FORBIDDEN');
    await refused(CLOSE, { appealId: id, satisfaction: 5 }, keys.admin, 'FORBIDDEN');
    await refused(CLOSE, { appealId: id, satisfaction: 5 }, keys.partnerB, 'NOT_FOUND');
    await refused(CLOSE, { appealId: id, satisfaction: 5 }, guangdong, 'FORBIDDEN');
    await refused(CLOSE, { appealId: id, satisfaction: 6 }, keys.partnerA, 'BAD_USER_INPUT');
  });

  it('settles two concurrent acknowledgements: one goes through, the other is refused', async () => {
    const { id } = await submit();
    const answers = await Promise.all(
      [keys.staffA, keys.admin].map((key) =>
        api.graphql(ACKNOWLEDGE, { input: { appealId: id, note: '并发签收' } }, key),
      ),
    );
    expect(answers.filter((answer) => !answer.errors)).toHaveLength(1);
    const refusal = answers.find((answer) => answer.errors)!.errors![0].extensions!.code;
    expect(['CONFLICT', 'BAD_USER_INPUT']).toContain(refusal);
    expect(await appealFootprint(api.sql, id)).toMatchObject({ changes: 2, audits: 2 });
  });

  it('extends resolveBy to the 30th working day once the parent centre approves', async () => {
    const { id, resolveBy } = await submit();
    await move(ACKNOWLEDGE, { appealId: id, note: '已签收' }, keys.staffA);
    const requested = await move(
      REQUEST_EXTENSION,
      { appealId: id, note: '需协调税务、人社两个部门' },
      keys.staffA,
    );
    expect(requested.extension).toEqual({ reason: '需协调税务、人社两个部门', approved: null });
    await refused(
      REQUEST_EXTENSION,
      { appealId: id, note: '再次申请' },
      keys.staffA,
      'BAD_USER_INPUT',
    );
    const decided = await move(
      DECIDE_EXTENSION,
      { appealId: id, approved: true, note: '同意' },
      keys.staffB,
    );
    expect(decided.extension.approved).toBe(true);
    // 15 more working days: at least three weeks later.
    expect(Date.parse(decided.resolveBy) - Date.parse(resolveBy)).toBeGreaterThan(20 * 86_400_000);
    expect(decided.history.map((change: any) => change.note).slice(-1)).toEqual([
      'extension approved: 同意',
    ]);
    await refused(
      DECIDE_EXTENSION,
      { appealId: id, approved: false },
      keys.admin,
      'BAD_USER_INPUT',
    );
  });

  it('lets an AUTHORITY over the appeal’s region decide the extension', async () => {
    const { id } = await submit();
    await move(REQUEST_EXTENSION, { appealId: id, note: '需协调省级部门' }, keys.staffA);
    const declined = await move(
      DECIDE_EXTENSION,
      { appealId: id, approved: false, note: '请按期办结' },
      guangdong,
    );
    expect(declined.extension).toEqual({ reason: '需协调省级部门', approved: false });
    expect(declined.history.slice(-1)[0]).toMatchObject({
      actor: `${TAG} 440000`,
      note: 'extension declined: 请按期办结',
    });
  });

  it('reopens a dissatisfied close once, with fresh deadlines, and closes the second time', async () => {
    const { id } = await submit();
    for (const document of [ACKNOWLEDGE, REPLY, RESOLVE])
      await move(document, { appealId: id, note: '处理' }, keys.staffA);
    const reopened = await move(
      CLOSE,
      { appealId: id, satisfaction: 2, comment: '没有解决' },
      keys.partnerA,
    );
    expect(reopened).toMatchObject({
      status: 'SUBMITTED',
      satisfaction: null,
      handler: { code: 'C-441900' },
    });
    expect(reopened.history.slice(-1)[0].note).toBe('satisfaction 2: 没有解决; reopened');
    for (const document of [ACKNOWLEDGE, REPLY, RESOLVE])
      await move(document, { appealId: id, note: '再次处理' }, keys.staffA);
    const closed = await move(CLOSE, { appealId: id, satisfaction: 1 }, keys.partnerA);
    expect(closed).toMatchObject({ status: 'CLOSED', satisfaction: 1 });
  });
});

describe('who sees an appeal', () => {
  let id: string;
  beforeAll(async () => {
    ({ id } = await submit());
  });

  it('shows it to its partner, the handler’s staff and admins; to no one else', async () => {
    for (const key of [keys.partnerA, keys.staffA, keys.admin, guangdong]) {
      const { data } = await api.graphql(APPEAL, { id }, key);
      expect(data!.appeal.id).toBe(id);
    }
    for (const key of [keys.partnerB, keys.staffB, elsewhere.staffA, beijing]) {
      const { data } = await api.graphql(APPEAL, { id }, key);
      expect(data!.appeal).toBeNull();
      const node = await api.graphql(`query ($id: ID!) { node(id: $id) { id } }`, { id }, key);
      expect(node.data!.node).toBeNull();
    }
    const anonymous = await api.graphql(APPEAL, { id }, keys.public);
    expect(anonymous.errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it('lists for each key only what it sees', async () => {
    const list = `{ appeals(first: 100, filter: { handlerCode: "C-441900" }) { nodes { id } } }`;
    const mine = await api.graphql(list, {}, keys.partnerA);
    expect(mine.data!.appeals.nodes.map((n: any) => n.id)).toContain(id);
    const theirs = await api.graphql(list, {}, keys.partnerB);
    expect(theirs.data!.appeals.nodes.map((n: any) => n.id)).not.toContain(id);
    const elsewhereStaff = await api.graphql(list, {}, elsewhere.staffA);
    expect(elsewhereStaff.data!.appeals.nodes).toEqual([]);
    const region = await api.graphql(list, {}, guangdong);
    expect(region.data!.appeals.nodes.map((n: any) => n.id)).toContain(id);
    const otherRegion = await api.graphql(list, {}, beijing);
    expect(otherRegion.data!.appeals.nodes).toEqual([]);
  });

  it('answers forged ids and cursors with BAD_USER_INPUT, an unknown appeal with null', async () => {
    for (const forged of [
      'xyz',
      toGlobalId('Appeal', '1; DROP TABLE appeal'),
      toGlobalId('Referral', randomUUID()),
    ]) {
      const { errors } = await api.graphql(APPEAL, { id: forged }, keys.admin);
      expect(errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    }
    const unknown = await api.graphql(
      APPEAL,
      { id: toGlobalId('Appeal', randomUUID()) },
      keys.admin,
    );
    expect(unknown.data!.appeal).toBeNull();
    const cursor = await api.graphql(
      `{ appeals(after: "bm90IGEgY3Vyc29y") { totalCount } }`,
      {},
      keys.admin,
    );
    expect(cursor.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const refused = await api.graphql(
      ACKNOWLEDGE,
      { input: { appealId: toGlobalId('Appeal', 'x'), note: 'n' } },
      keys.staffA,
    );
    expect(refused.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'appealId',
    });
  });
});

describe('overdue appeals', () => {
  const LIST = `query ($first: Int!) { appeals(filter: { overdue: true }, first: $first) {
    totalCount nodes { id code overdue handler { code name } enterprise { creditCode name region { name } }
      history { status at actor note handler { code } } } } }`;

  beforeAll(async () => {
    // Twelve of the partner's appeals whose acknowledgement was due an hour ago.
    const late = [];
    for (let i = 0; i < 12; i++) late.push((await submit(keys.partnerB)).id);
    await api.sql.run(
      `UPDATE appeal SET acknowledge_by = now() - interval '1 hour' WHERE uuid = ANY($1::uuid[])`,
      [late.map(appealUuidOf)],
    );
  });

  it('are overdue at read time at once, and only they are listed', async () => {
    const { data } = await api.graphql(LIST, { first: 100 }, keys.partnerB);
    expect(data!.appeals.totalCount).toBe(12);
    expect(data!.appeals.nodes.every((node: any) => node.overdue)).toBe(true);
    const onTime = await api.graphql(
      `{ appeals(filter: { overdue: false }, first: 100) { nodes { overdue } } }`,
      {},
      keys.partnerB,
    );
    expect(onTime.data!.appeals.nodes.every((node: any) => !node.overdue)).toBe(true);
  });

  it('with handler, enterprise and history answer in a fixed number of statements', async () => {
    const few = await api.countedGraphql(LIST, { first: 2 }, keys.partnerB);
    const many = await api.countedGraphql(LIST, { first: 100 }, keys.partnerB);
    expect(many.response.errors).toBeUndefined();
    expect(many.response.data!.appeals.nodes).toHaveLength(12);
    expect(many.statements).toBe(few.statements);
    expect(many.statements).toBeLessThanOrEqual(6);
    const admin = await api.countedGraphql(LIST, { first: 100 }, keys.admin);
    expect(admin.response.errors).toBeUndefined();
    expect(admin.statements).toBe(many.statements);
  });
});
