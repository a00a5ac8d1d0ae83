// The audit trail: each kind of write to the network — institutions created, changed and moved,
// services created and changed, events created and cancelled, keys created and revoked — leaves
// one entry with who, what and the changed fields before and after; a refused write leaves none;
// auditLog is ADMIN's, newest first, filtered; and no entry can be changed or deleted.
import type { DataSource } from 'typeorm';
import { createNetworkDataSource } from '../../src/app/data-source';
import { revokeApiKey } from '../../src/auth/api-key.commands';
import { runPendingMigrations } from '../../src/db/migrations';
import { Sql } from '../../src/db/sql';
import { seedNetwork } from '../../src/seed/seed';
import { makeKeys } from '../support/referral-fixtures';
import { provincePlan } from '../support/province-plan';
import { createScratchDatabase } from '../support/scratch-database';
import { startTestApi, type TestApi } from '../support/test-api';

const guangdong = provincePlan('44');

let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let db: DataSource;
let api: TestApi;
let keys: Awaited<ReturnType<typeof makeKeys>>;

const LOG = `query ($filter: AuditFilter, $first: Int) {
  auditLog(filter: $filter, first: $first) {
    totalCount nodes { action entityType entityCode changes actor { keyId name role } at }
  }
}`;

async function entriesFor(entityCode: string) {
  const { data, errors } = await api.graphql<any>(LOG, { filter: { entityCode } }, keys.admin);
  expect(errors).toBeUndefined();
  return data.auditLog.nodes as any[];
}

async function mutate(query: string, variables: Record<string, unknown>, headers = keys.admin) {
  const response = await api.graphql<any>(query, variables, headers);
  expect(response.errors).toBeUndefined();
  return response.data;
}

beforeAll(async () => {
  scratch = await createScratchDatabase('audit_trail');
  db = createNetworkDataSource({ url: scratch.url, applicationName: 'jest-audit' });
  await db.initialize();
  await runPendingMigrations(db);
  await seedNetwork(new Sql(db), guangdong);
  api = await startTestApi({ databaseUrl: scratch.url });
  keys = await makeKeys(api.sql, 'audit');
});
afterAll(async () => {
  await api?.close();
  await db?.destroy();
  await scratch?.drop();
});

describe('the audit trail', () => {
  it('records institutions created, changed and moved, with who and before/after', async () => {
    await mutate(
      `mutation ($input: CreateInstitutionInput!) { createInstitution(input: $input) { institution { code } } }`,
      {
        input: {
          code: 'C-440600',
          name: '佛山市中小企业服务中心',
          tier: 'MUNICIPAL',
          kind: 'PUBLIC',
          regionCode: '440600',
        },
      },
    );
    await mutate(
      `mutation ($input: UpdateInstitutionInput!) { updateInstitution(input: $input) { institution { code } } }`,
      { input: { code: 'C-440600', contact: { phone: '0757-83031234' } } },
    );
    await mutate(
      `mutation ($input: MoveInstitutionInput!) { moveInstitution(input: $input) { institution { code } } }`,
      { input: { code: 'C-440606', newParentCode: 'C-440600' } },
    );
    const created = await entriesFor('C-440600');
    // Newest first.
    expect(created.map((entry) => entry.action)).toEqual([
      'institution.update',
      'institution.create',
    ]);
    expect(created[0].changes).toEqual({ phone: { before: null, after: '0757-83031234' } });
    expect(created[1].changes).toMatchObject({
      name: { before: null, after: '佛山市中小企业服务中心' },
      parentCode: { before: null, after: 'C-440000' },
    });
    expect(created[1].actor).toMatchObject({ name: 'audit admin', role: 'ADMIN' });
    expect(created[1].actor.keyId).toMatch(/^\w+$/);
    const moved = await entriesFor('C-440606');
    expect(moved).toHaveLength(1);
    expect(moved[0]).toMatchObject({
      action: 'institution.move',
      changes: { parentCode: { before: 'C-440000', after: 'C-440600' } },
    });
  });

  it('records services created and changed, events created and cancelled, keys created and revoked', async () => {
    await mutate(
      `mutation ($input: CreateServiceInput!) { createService(input: $input) { service { code } } }`,
      {
        input: {
          institutionCode: 'C-440600',
          code: 'C-440600-S01',
          name: '银企对接会',
          categoryCode: 'FIN-LOAN',
          deliveryMode: 'HYBRID',
          fee: 'FREE',
        },
      },
    );
    await mutate(
      `mutation ($input: UpdateServiceInput!) { updateService(input: $input) { service { code } } }`,
      { input: { code: 'C-440600-S01', fee: 'SUBSIDIZED' } },
    );
    const service = await entriesFor('C-440600-S01');
    expect(service.map((entry) => entry.action)).toEqual(['service.update', 'service.create']);
    expect(service[0].changes).toEqual({ fee: { before: 'FREE', after: 'SUBSIDIZED' } });

    const startsAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const endsAt = new Date(Date.now() + 30 * 86_400_000 + 3 * 3_600_000).toISOString();
    await mutate(
      `mutation ($input: CreateEventInput!) { createEvent(input: $input) { event { code } } }`,
      {
        input: {
          code: 'EV-440600-AUDIT',
          title: '佛山市银企对接会',
          kind: 'FINANCING_MATCHMAKING',
          organizerCode: 'C-440600',
          deliveryMode: 'ONSITE',
          capacity: 20,
          startsAt,
          endsAt,
        },
      },
    );
    await mutate(`mutation { cancelEvent(code: "EV-440600-AUDIT") { event { code } } }`, {});
    const event = await entriesFor('EV-440600-AUDIT');
    expect(event.map((entry) => entry.action)).toEqual(['event.cancel', 'event.create']);
    expect(event[0].changes.cancelledAt.before).toBeNull();
    expect(event[0].changes.cancelledAt.after).toEqual(expect.any(String));

    const [{ public_id }] = await api.sql.rows<{ public_id: string }>(
      `SELECT public_id FROM api_key WHERE name = 'audit partner B'`,
    );
    await revokeApiKey(api.sql, public_id);
    const key = await entriesFor(public_id);
    expect(key.map((entry) => entry.action)).toEqual(['api_key.revoke', 'api_key.create']);
    expect(key[1].changes).toMatchObject({ role: { before: null, after: 'PARTNER' } });
    expect(JSON.stringify(key)).not.toMatch(/sme_/);
  });

  it('records nothing for a refused write, nor for a change to what already is', async () => {
    const [{ before }] = await api.sql.rows<{ before: number }>(
      `SELECT count(*)::int AS before FROM audit_entry`,
    );
    const refusals: [string, Record<string, unknown>, Record<string, string>][] = [
      // staff may not rename
      [
        `mutation ($input: UpdateInstitutionInput!) { updateInstitution(input: $input) { institution { code } } }`,
        { input: { code: 'C-441900', name: '改名' } },
        keys.staffA,
      ],
      // a parent the tree rules do not prescribe
      [
        `mutation ($input: MoveInstitutionInput!) { moveInstitution(input: $input) { institution { code } } }`,
        { input: { code: 'C-440606', newParentCode: 'C-440000' } },
        keys.admin,
      ],
      // a second PUBLIC centre for Foshan
      [
        `mutation ($input: CreateInstitutionInput!) { createInstitution(input: $input) { institution { code } } }`,
        {
          input: {
            code: 'C-440600-B',
            name: '第二中心',
            tier: 'MUNICIPAL',
            kind: 'PUBLIC',
            regionCode: '440600',
          },
        },
        keys.admin,
      ],
    ];
    for (const [query, variables, headers] of refusals) {
      const { errors } = await api.graphql(query, variables, headers);
      expect(errors).toBeDefined();
    }
    await mutate(
      `mutation ($input: UpdateServiceInput!) { updateService(input: $input) { service { code } } }`,
      { input: { code: 'C-440600-S01', fee: 'SUBSIDIZED' } },
    );
    const [{ after }] = await api.sql.rows<{ after: number }>(
      `SELECT count(*)::int AS after FROM audit_entry`,
    );
    expect(after).toBe(before);
  });

  it('is ADMIN’s to read, filtered by action, and cannot be changed or deleted', async () => {
    for (const headers of [keys.public, keys.partnerA, keys.staffA]) {
      const { errors } = await api.graphql(LOG, {}, headers);
      expect(errors![0].extensions!.code).toBe('FORBIDDEN');
    }
    const { data } = await api.graphql<any>(
      LOG,
      { filter: { action: 'institution.*' }, first: 10 },
      keys.admin,
    );
    expect(data.auditLog.nodes.map((entry: any) => entry.action)).toEqual([
      'institution.move',
      'institution.update',
      'institution.create',
    ]);
    await expect(api.sql.run(`UPDATE audit_entry SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(api.sql.run(`DELETE FROM audit_entry`)).rejects.toThrow(/append-only/);
  });
});
