// Escalation with an injected clock: on time nothing moves; a missed deadline moves the appeal
// one tier up exactly once — with two processes working the job queue at once — with a history
// line naming both institutions, new deadlines for the late step, an audit entry and the webhook.
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { escalateLateAppeals } from '../../src/appeals/appeal-escalation';
import {
  ESCALATE_LATE_APPEALS,
  startAppealEscalation,
} from '../../src/appeals/appeal-escalation.task';
import { submitAppeal } from '../../src/appeals/appeal.commands';
import { listAppeals } from '../../src/appeals/appeal.queries';
import { visibleAppeal } from '../../src/appeals/appeal.resolver';
import type { Appeal } from '../../src/appeals/appeal.entity';
import { createRequestContext } from '../../src/app/context';
import { createReferenceData, type ReferenceData } from '../../src/app/reference-data';
import { viewerFromHeader, type Viewer } from '../../src/auth/viewer';
import type { JobQueue } from '../../src/db/job-queue';
import { Sql } from '../../src/db/sql';
import { createLogger } from '../../src/logger';
import { appealInput } from '../support/appeal-fixtures';
import { creditCodeFor, makeKeys } from '../support/referral-fixtures';
import { connectTestDatabase, testDatabaseUrl } from '../support/test-database';

const TAG = 'appeal escalation';
// Submitted on Tuesday 30 September 2025, 10:00 Beijing: acknowledge by the end of Thursday
// 9 October (after the National Day week), i.e. 2025-10-09T16:00Z.
const SUBMITTED = new Date('2025-09-30T10:00:00+08:00');
const ACKNOWLEDGE_BY = new Date('2025-10-09T16:00:00Z');
const log = createLogger('silent');

let db: DataSource;
let sql: Sql;
let reference: ReferenceData;
let partner: Viewer;
let formerHandlerStaff: Viewer;
let partnerKeyId: number;
let count = 0;

beforeAll(async () => {
  db = await connectTestDatabase();
  sql = new Sql(db);
  reference = createReferenceData(sql);
  const keys = await makeKeys(sql, TAG);
  partner = await viewerFromHeader(sql, keys.partnerA.authorization);
  partnerKeyId = partner.apiKeyId!;
  formerHandlerStaff = await viewerFromHeader(sql, keys.staffA.authorization);
  // The partner listens for APPEAL_CHANGED (no worker delivers on the shared database).
  await sql.run(
    `INSERT INTO webhook_subscription (api_key_id, url, events, secret_ciphertext, secret_key_id)
     VALUES ($1, 'http://127.0.0.1:9/escalations', '{APPEAL_CHANGED}', $2, 'test')`,
    [partnerKeyId, createHash('sha256').update(TAG).digest()],
  );
});

afterAll(async () => {
  await db?.destroy();
});

async function submitAt(at: Date, creditCode = creditCodeFor(TAG, count++)): Promise<Appeal> {
  const context = createRequestContext({ sql, reference, viewer: partner, clock: () => at });
  return submitAppeal(context, appealInput(creditCode) as never);
}

const sweep = async (at: Date) =>
  escalateLateAppeals(sql, await reference.workingCalendar.schedules(), at);

async function stateOf(uuid: string) {
  const [row] = await sql.rows<Record<string, any>>(
    `SELECT a.escalations, h.code AS handler, a.acknowledge_by, a.reply_by, a.resolve_by,
            (SELECT array_agg(p.code ORDER BY p.code) FROM institution p WHERE p.id = ANY(a.previous_handler_ids)) AS previous,
            (SELECT json_agg(json_build_object('note', c.note, 'handler', ch.code, 'actor', c.actor) ORDER BY c.id)
               FROM appeal_change c LEFT JOIN institution ch ON ch.id = c.handler_id
              WHERE c.appeal_uuid = a.uuid AND c.handler_id IS NOT NULL) AS escalated,
            (SELECT count(*)::int FROM audit_entry e WHERE e.action = 'appeal.escalated'
                AND e.entity_code = 'SQ' || lpad(a.seq::text, 8, '0')) AS audits,
            (SELECT count(*)::int FROM webhook_delivery d WHERE d.data->>'change' = 'ESCALATED'
                AND d.data->>'code' = 'SQ' || lpad(a.seq::text, 8, '0')) AS webhooks
       FROM appeal a JOIN institution h ON h.id = a.handler_id WHERE a.uuid = $1`,
    [uuid],
  );
  return row;
}

describe('escalating late appeals', () => {
  let appeal: Appeal;
  const appealCreditCode = creditCodeFor(TAG, 'first');
  beforeAll(async () => {
    appeal = await submitAt(SUBMITTED, appealCreditCode);
  });

  it('moves nothing while the deadline holds', async () => {
    expect(appeal.acknowledgeBy).toEqual(ACKNOWLEDGE_BY);
    await sweep(new Date(ACKNOWLEDGE_BY.getTime() - 1));
    expect(await stateOf(appeal.uuid)).toMatchObject({
      escalations: 0,
      handler: 'C-441900',
      escalated: null,
      audits: 0,
      webhooks: 0,
    });
  });

  it('moves a late appeal one tier up once, with new deadlines for the late step only', async () => {
    const at = new Date(ACKNOWLEDGE_BY.getTime() + 30_000);
    await sweep(at);
    await sweep(at);
    await sweep(new Date(at.getTime() + 60_000));
    const state = await stateOf(appeal.uuid);
    expect(state).toMatchObject({
      escalations: 1,
      handler: 'C-440000',
      previous: ['C-441900'],
      audits: 1,
      webhooks: 1,
    });
    expect(state.escalated).toHaveLength(1);
    expect(state.escalated[0].handler).toBe('C-440000');
    expect(state.escalated[0].actor).toBe('system: escalation of late appeals');
    expect(state.escalated[0].note).toMatch(/^escalated from .+ \(C-441900\) to .+ \(C-440000\)/);
    // Escalated on Thursday 9 October (Beijing: 10 October 00:00:30): the 1st working day after
    // is Saturday 11 October, a working weekend. Reply and resolve keep theirs.
    expect(state.acknowledge_by).toEqual(new Date('2025-10-11T16:00:00Z'));
    expect(state.reply_by).toEqual(appeal.replyBy);
    expect(state.resolve_by).toEqual(appeal.resolveBy);
  });

  it('still shows the appeal to the staff of the institution that handled it before', async () => {
    const context = createRequestContext({ sql, reference, viewer: formerHandlerStaff });
    expect(await visibleAppeal(context, appeal.uuid)).not.toBeNull();
    const window = { size: 10, backward: false, after: null, before: null };
    const page = await listAppeals(context, { creditCode: appealCreditCode }, window);
    expect(page.items.map((item) => item.node.uuid)).toEqual([appeal.uuid]);
  });

  it('escalates again for the next missed deadline, up to the national centre and no further', async () => {
    await sweep(new Date('2025-10-11T16:00:10Z'));
    expect(await stateOf(appeal.uuid)).toMatchObject({
      escalations: 2,
      handler: 'C-000000',
      previous: ['C-440000', 'C-441900'],
      audits: 2,
    });
    await sweep(new Date('2025-10-30T00:00:00Z'));
    expect(await stateOf(appeal.uuid)).toMatchObject({ escalations: 2, handler: 'C-000000' });
  });
});

describe('two processes working the queue', () => {
  const queues: JobQueue[] = [];
  const pools: DataSource[] = [];
  afterAll(async () => {
    await Promise.all(queues.map((queue) => queue.stop()));
    await Promise.all(pools.map((pool) => pool.destroy()));
  });

  it('escalate each late appeal exactly once', async () => {
    // Submitted on Monday 29 September 2025: acknowledge by the end of Tuesday 30 September.
    const appeals = [];
    for (let i = 0; i < 30; i++)
      appeals.push(await submitAt(new Date('2025-09-29T10:00:00+08:00')));
    const late = new Date('2025-09-30T16:00:30Z');
    for (let i = 0; i < 2; i++) {
      const pool = await connectTestDatabase({ applicationName: `jest-escalation-${i}` });
      pools.push(pool);
      const processSql = new Sql(pool);
      queues.push(
        await startAppealEscalation({
          url: testDatabaseUrl(),
          sql: processSql,
          workingCalendar: createReferenceData(processSql).workingCalendar,
          log,
          clock: () => late,
          pollIntervalMs: 50,
        }),
      );
    }
    // Six sweeps queued at once, and two more run by hand on each process's pool meanwhile.
    await sql.run(`SELECT graphile_worker.add_job($1, '{}'::json) FROM generate_series(1, 6)`, [
      ESCALATE_LATE_APPEALS,
    ]);
    await Promise.all(
      pools.map(async (pool) => {
        const processSql = new Sql(pool);
        await escalateLateAppeals(
          processSql,
          await createReferenceData(processSql).workingCalendar.schedules(),
          late,
        );
      }),
    );
    for (const deadline = Date.now() + 30_000; ;) {
      const [{ waiting }] = await sql.rows<{ waiting: number }>(
        `SELECT count(*)::int AS waiting FROM graphile_worker.jobs WHERE task_identifier = $1`,
        [ESCALATE_LATE_APPEALS],
      );
      if (waiting === 0) break;
      if (Date.now() > deadline) throw new Error(`${waiting} sweeps still queued`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const states = await Promise.all(appeals.map((appeal) => stateOf(appeal.uuid)));
    for (const state of states) {
      expect(state).toMatchObject({ escalations: 1, handler: 'C-440000', audits: 1, webhooks: 1 });
      expect(state.escalated).toHaveLength(1);
    }
  }, 60_000);
});
