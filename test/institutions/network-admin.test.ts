// Keeping the network up to date through the API, on a seeded database of this test's own
// (the shared one must not change under the other tests).
import type { DataSource } from 'typeorm';
import { createApiKey } from '../../src/auth/api-key.commands';
import { createNetworkDataSource } from '../../src/app/data-source';
import { runPendingMigrations } from '../../src/db/migrations';
import { Sql } from '../../src/db/sql';
import { seedNetwork } from '../../src/seed/seed';
import { bearer } from '../support/referral-fixtures';
import { createScratchDatabase } from '../support/scratch-database';
import { startTestApi, type TestApi } from '../support/test-api';

let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let seeded: DataSource;
let sql: Sql;
let api: TestApi;
let admin: Record<string, string>;
let dongguanStaff: Record<string, string>;
let partner: Record<string, string>;

beforeAll(async () => {
  scratch = await createScratchDatabase('network_admin');
  seeded = createNetworkDataSource({ url: scratch.url, applicationName: 'jest-network-admin' });
  await seeded.initialize();
  sql = new Sql(seeded);
  await runPendingMigrations(seeded);
  await seedNetwork(sql);
  api = await startTestApi({ databaseUrl: scratch.url });
  admin = bearer((await createApiKey(sql, { role: 'ADMIN', name: 'network admin' })).key);
  dongguanStaff = bearer(
    (
      await createApiKey(sql, {
        role: 'INSTITUTION_STAFF',
        name: 'dongguan desk',
        institutionCode: 'C-441900',
      })
    ).key,
  );
  partner = bearer((await createApiKey(sql, { role: 'PARTNER', name: 'some app' })).key);
});

afterAll(async () => {
  await api.close();
  await seeded.destroy();
  await scratch.drop();
});

const CREATE = `mutation ($input: CreateInstitutionInput!) {
  createInstitution(input: $input) { institution { code tier kind region { code } parent { code } contact { phone } } }
}`;

/** A county without a centre of its own whose prefecture has one. */
async function countyWithoutCentre(): Promise<{ county: string; prefecture: string }> {
  const [row] = await seeded.query(`
    SELECT r.code AS county, r.parent_code AS prefecture FROM region r JOIN region p ON p.code = r.parent_code
     WHERE r.level = 'COUNTY' AND p.level = 'PREFECTURE'
       AND NOT EXISTS (SELECT 1 FROM institution i WHERE i.region_code = r.code AND i.kind = 'PUBLIC')
       AND EXISTS (SELECT 1 FROM institution i WHERE i.region_code = p.code AND i.kind = 'PUBLIC')
     ORDER BY r.code LIMIT 1`);
  return row;
}

describe('createInstitution', () => {
  it('hangs a new county centre under its municipal centre, as the tree rules say', async () => {
    const { county, prefecture } = await countyWithoutCentre();
    const { data, errors } = await api.graphql(
      CREATE,
      {
        input: {
          code: `C-${county}`,
          name: '新设县级中小企业服务中心',
          tier: 'COUNTY',
          kind: 'PUBLIC',
          regionCode: county,
          contact: { phone: '400-800-1234' },
        },
      },
      admin,
    );
    expect(errors).toBeUndefined();
    expect(data!.createInstitution.institution).toEqual({
      code: `C-${county}`,
      tier: 'COUNTY',
      kind: 'PUBLIC',
      region: { code: county },
      parent: { code: `C-${prefecture}` },
      contact: { phone: '400-800-1234' },
    });
  });

  it.each([
    [
      { tier: 'MUNICIPAL', regionCode: '110101' },
      'BAD_USER_INPUT',
      'tier',
      /does not fit 东城区 \(110101\), a COUNTY: use COUNTY/,
    ],
    [
      { tier: 'MUNICIPAL', kind: 'PUBLIC', regionCode: '441900' },
      'CONFLICT',
      undefined,
      /PUBLIC centre already/,
    ],
    [
      { code: 'C-441900', regionCode: '441900', tier: 'MUNICIPAL' },
      'CONFLICT',
      undefined,
      /exists already/,
    ],
    [
      { regionCode: '441900', tier: 'MUNICIPAL', parentCode: 'C-000000' },
      'BAD_USER_INPUT',
      'parentCode',
      /must be C-441900/,
    ],
    [{ regionCode: '999999' }, 'NOT_FOUND', 'regionCode', /names no GB\/T 2260 division/],
    [{ code: 'lower case' }, 'BAD_USER_INPUT', 'code', /is not a code/],
    [{ tier: 'NATIONAL', regionCode: null }, 'BAD_USER_INPUT', 'kind', /national centre is PUBLIC/],
  ])('refuses %p', async (overrides, code, field, message) => {
    const input = {
      code: 'M-441900-77',
      name: '测试机构',
      tier: 'MUNICIPAL',
      kind: 'MARKET',
      regionCode: '441900',
      ...overrides,
    };
    const { errors } = await api.graphql(CREATE, { input }, admin);
    expect(errors![0].extensions).toEqual(field ? { code, field } : { code });
    expect(errors![0].message).toMatch(message);
  });

  it('is for admins only', async () => {
    const input = {
      code: 'M-441900-78',
      name: '测试机构',
      tier: 'MUNICIPAL',
      kind: 'MARKET',
      regionCode: '441900',
    };
    for (const key of [dongguanStaff, partner, {}]) {
      expect((await api.graphql(CREATE, { input }, key)).errors![0].extensions!.code).toBe(
        'FORBIDDEN',
      );
    }
  });
});

describe('one rule set with the import', () => {
  // Until this change the mutations took any phone of up to 30 characters, any URL (ftp:,
  // javascript:) and any text as a name; the import refused them. Now both refuse the same.
  const UPDATE = `mutation ($input: UpdateInstitutionInput!) { updateInstitution(input: $input) { institution { name nameEn contact { phone website address } } } }`;
  const stored = async () =>
    (
      await seeded.query(
        `SELECT name, name_en, phone, website, address FROM institution WHERE code = 'M-441900-01'`,
      )
    )[0];

  it.each([
    [{ contact: { phone: 'call 12345' } }, 'contact.phone', /is not a Chinese phone number/],
    [{ contact: { phone: '020-1' } }, 'contact.phone', /is not a Chinese phone number/],
    [{ contact: { website: 'ftp://files.gdsme.org.cn' } }, 'contact.website', /http\(s\) address/],
    [{ contact: { website: 'javascript:alert(1)' } }, 'contact.website', /is not a web address/],
    [{ contact: { website: 'http://localhost' } }, 'contact.website', /is not a web address/],
    [{ name: '东莞市\u202Eexe.doc' }, 'name', /invisible mark U\+202E at position 4/],
    [{ name: '东莞市\u0007公司' }, 'name', /control character U\+0007 at position 4/],
    [{ name: '=HYPERLINK("http://x.cn","点击")' }, 'name', /starts with '=', which a spreadsheet/],
    [{ nameEn: '@SUM(1+1)' }, 'nameEn', /starts with '@'/],
    [{ contact: { address: '+cmd|calc' } }, 'contact.address', /starts with '\+'/],
    [{ name: '东莞\uFFFD\uFFFD公司' }, 'name', /U\+FFFD at position 3, the mark of text decoded/],
  ])(
    'updateInstitution refuses %p, naming the field and the rule',
    async (change, field, message) => {
      const before = await stored();
      const { data, errors } = await api.graphql(
        UPDATE,
        { input: { code: 'M-441900-01', ...change } },
        admin,
      );
      expect(data).toBeNull();
      expect(errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field });
      expect(errors![0].message).toMatch(message);
      expect(await stored()).toEqual(before);
    },
  );

  it('createInstitution refuses what the import refuses, before writing anything', async () => {
    const input = {
      code: 'M-441900-79',
      name: '测试机构',
      tier: 'MUNICIPAL',
      kind: 'MARKET',
      regionCode: '441900',
      contact: { phone: 'ask at the desk' },
    };
    const { errors } = await api.graphql(CREATE, { input }, admin);
    expect(errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'contact.phone' });
    const [{ count }] = await seeded.query(
      `SELECT count(*)::int AS count FROM institution WHERE code = 'M-441900-79'`,
    );
    expect(count).toBe(0);
  });

  it('still takes what both take, and stores the web address as text', async () => {
    const { data, errors } = await api.graphql(
      UPDATE,
      {
        input: {
          code: 'M-441900-01',
          name: '东莞市企业服务有限公司（南城）',
          nameEn: 'Dongguan Enterprise Services - Nancheng',
          contact: {
            phone: '0769-22123456-801',
            website: 'https://www.dgservices.com.cn/about',
            address: '广东省东莞市南城街道鸿福路200号 A-3',
          },
        },
      },
      admin,
    );
    expect(errors).toBeUndefined();
    expect(data!.updateInstitution.institution.contact.phone).toBe('0769-22123456-801');
    expect(await stored()).toEqual({
      name: '东莞市企业服务有限公司（南城）',
      name_en: 'Dongguan Enterprise Services - Nancheng',
      phone: '0769-22123456-801',
      website: 'https://www.dgservices.com.cn/about',
      address: '广东省东莞市南城街道鸿福路200号 A-3',
    });
    for (const phone of ['400-123-4567', '13812345678'])
      expect(
        (await api.graphql(UPDATE, { input: { code: 'M-441900-01', contact: { phone } } }, admin))
          .errors,
      ).toBeUndefined();
  });
});

describe('updateInstitution', () => {
  const UPDATE = `mutation ($input: UpdateInstitutionInput!) { updateInstitution(input: $input) { institution { name contact { phone email } } } }`;

  it('lets staff change their own institution’s contact details', async () => {
    const { data, errors } = await api.graphql(
      UPDATE,
      { input: { code: 'C-441900', contact: { phone: '0769-22001234' } } },
      dongguanStaff,
    );
    expect(errors).toBeUndefined();
    expect(data!.updateInstitution.institution.contact.phone).toBe('0769-22001234');
    expect(data!.updateInstitution.institution.contact.email).toBe('service@sme441900.org.cn');
  });

  it('keeps staff to contact details and to their own institution', async () => {
    const rename = await api.graphql(
      UPDATE,
      { input: { code: 'C-441900', name: '新名称' } },
      dongguanStaff,
    );
    expect(rename.errors![0]).toMatchObject({
      extensions: { code: 'FORBIDDEN' },
      message: expect.stringContaining('contact details only'),
    });
    const other = await api.graphql(
      UPDATE,
      { input: { code: 'C-440000', contact: { phone: '020-1' } } },
      dongguanStaff,
    );
    expect(other.errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it('lets an admin rename an institution', async () => {
    const { data } = await api.graphql(
      UPDATE,
      { input: { code: 'M-441900-01', name: '东莞市融资担保服务有限公司' } },
      admin,
    );
    expect(data!.updateInstitution.institution.name).toBe('东莞市融资担保服务有限公司');
  });

  it('lets an admin withdraw an institution: lists and one-stop leave it out; staff may not', async () => {
    const WITHDRAW = `mutation ($input: UpdateInstitutionInput!) { updateInstitution(input: $input) { institution { code active } } }`;
    const listed = async (active: boolean) =>
      (
        await api.graphql(
          `query ($active: Boolean) { institutions(first: 100, filter: { regionCode: "441900", active: $active }) { nodes { code } } }`,
          { active },
        )
      ).data!.institutions.nodes.map((node: { code: string }) => node.code);
    const offering = async () =>
      (
        await api.graphql(
          `{ oneStop(input: { regionCode: "441900", limitPerTier: 50 }) { matches { institution { code } } } }`,
        )
      ).data!.oneStop.matches.map((match: any) => match.institution.code);
    const agency = 'M-441900-01';
    expect(await listed(true)).toContain(agency);
    expect(await offering()).toContain(agency);

    const agencyStaff = bearer(
      (
        await createApiKey(sql, {
          role: 'INSTITUTION_STAFF',
          name: 'agency desk',
          institutionCode: agency,
        })
      ).key,
    );
    const byStaff = await api.graphql(
      WITHDRAW,
      { input: { code: agency, active: false } },
      agencyStaff,
    );
    expect(byStaff.errors![0]).toMatchObject({
      extensions: { code: 'FORBIDDEN' },
      message: expect.stringContaining('contact details only, not active'),
    });
    expect(await listed(true)).toContain(agency);

    const { data, errors } = await api.graphql(
      WITHDRAW,
      { input: { code: agency, active: false } },
      admin,
    );
    expect(errors).toBeUndefined();
    expect(data!.updateInstitution.institution).toEqual({ code: agency, active: false });
    const [{ active }] = await seeded.query('SELECT active FROM institution WHERE code = $1', [
      agency,
    ]);
    expect(active).toBe(false);
    expect(await listed(true)).not.toContain(agency);
    expect(await listed(false)).toContain(agency);
    expect(await offering()).not.toContain(agency);
  });
});

describe('moveInstitution', () => {
  const MOVE = `mutation ($input: MoveInstitutionInput!) { moveInstitution(input: $input) { institution { code parent { code } } } }`;

  it('moves only to the parent the tree rules prescribe', async () => {
    // A county centre under a prefecture without a centre hangs under the province; once the
    // prefecture gets a centre, the county centre moves under it.
    const [orphan] = await seeded.query(`
      SELECT i.code, r.parent_code AS prefecture FROM institution i JOIN region r ON r.code = i.region_code JOIN region p ON p.code = r.parent_code
       WHERE i.tier = 'COUNTY' AND i.kind = 'PUBLIC' AND p.level = 'PREFECTURE'
         AND NOT EXISTS (SELECT 1 FROM institution c WHERE c.region_code = p.code AND c.kind = 'PUBLIC') LIMIT 1`);
    const province = `C-${orphan.prefecture.slice(0, 2)}0000`;
    const tooEarly = await api.graphql(
      MOVE,
      { input: { code: orphan.code, newParentCode: province } },
      admin,
    );
    expect(tooEarly.data!.moveInstitution.institution.parent.code).toBe(province);

    await api.graphql(
      CREATE,
      {
        input: {
          code: `C-${orphan.prefecture}`,
          name: '新设市级中心',
          tier: 'MUNICIPAL',
          kind: 'PUBLIC',
          regionCode: orphan.prefecture,
        },
      },
      admin,
    );
    const stale = await api.graphql(
      MOVE,
      { input: { code: orphan.code, newParentCode: province } },
      admin,
    );
    expect(stale.errors![0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'newParentCode' },
      message: expect.stringContaining(`must be C-${orphan.prefecture}`),
    });
    const moved = await api.graphql(
      MOVE,
      { input: { code: orphan.code, newParentCode: `C-${orphan.prefecture}` } },
      admin,
    );
    expect(moved.data!.moveInstitution.institution.parent.code).toBe(`C-${orphan.prefecture}`);
  });
});

describe('moveInstitution by anyone but an admin', () => {
  const MOVE = `mutation ($input: MoveInstitutionInput!) { moveInstitution(input: $input) { institution { code } } }`;

  it.each([
    ['staff of the institution', () => dongguanStaff],
    ['a partner', () => partner],
    ['the public', () => ({})],
  ])('is FORBIDDEN for %s, moving nothing', async (_who, key) => {
    const { data, errors } = await api.graphql(
      MOVE,
      { input: { code: 'C-441900', newParentCode: 'C-440000' } },
      key(),
    );
    expect(data).toBeNull();
    expect(errors![0].extensions!.code).toBe('FORBIDDEN');
    const [{ parent }] = await seeded.query(
      `SELECT p.code AS parent FROM institution i JOIN institution p ON p.id = i.parent_id WHERE i.code = 'C-441900'`,
    );
    expect(parent).toBe('C-440000');
  });
});

describe('services', () => {
  const CREATE_SERVICE = `mutation ($input: CreateServiceInput!) { createService(input: $input) { service { code active category { code } institution { code } eligibleScales } } }`;
  const UPDATE_SERVICE = `mutation ($input: UpdateServiceInput!) { updateService(input: $input) { service { code active fee } } }`;

  it('lets staff add a service to their institution and withdraw it; one-stop then skips it', async () => {
    const input = {
      institutionCode: 'C-441900',
      code: 'C-441900-S99',
      name: '出口退税辅导',
      categoryCode: 'TRD-COMP',
      deliveryMode: 'ONLINE',
      fee: 'FREE',
      eligibleScales: ['MICRO'],
    };
    const created = await api.graphql(CREATE_SERVICE, { input }, dongguanStaff);
    expect(created.errors).toBeUndefined();
    expect(created.data!.createService.service).toEqual({
      code: 'C-441900-S99',
      active: true,
      category: { code: 'TRD-COMP' },
      institution: { code: 'C-441900' },
      eligibleScales: ['MICRO'],
    });

    const lookup = `{ oneStop(input: { regionCode: "441900", categoryCode: "TRD-COMP", limitPerTier: 50 }) { matches { service { code } } } }`;
    const codes = async () =>
      (await api.graphql(lookup)).data!.oneStop.matches.map((match: any) => match.service.code);
    expect(await codes()).toContain('C-441900-S99');
    const withdrawn = await api.graphql(
      UPDATE_SERVICE,
      { input: { code: 'C-441900-S99', active: false } },
      dongguanStaff,
    );
    expect(withdrawn.data!.updateService.service.active).toBe(false);
    expect(await codes()).not.toContain('C-441900-S99');
  });

  it('lets an admin change any institution’s service', async () => {
    const [service] = await seeded.query(
      `SELECT s.code, s.fee FROM service s JOIN institution i ON i.id = s.institution_id
        WHERE i.code = 'C-440000' AND s.active AND s.fee <> 'PAID' ORDER BY s.id LIMIT 1`,
    );
    const byOtherStaff = await api.graphql(
      UPDATE_SERVICE,
      { input: { code: service.code, fee: 'PAID' } },
      dongguanStaff,
    );
    expect(byOtherStaff.errors![0].extensions!.code).toBe('FORBIDDEN');

    const { data, errors } = await api.graphql(
      `mutation ($input: UpdateServiceInput!) { updateService(input: $input) { service { code name fee active } } }`,
      { input: { code: service.code, fee: 'PAID', name: '广东省融资对接专场' } },
      admin,
    );
    expect(errors).toBeUndefined();
    expect(data!.updateService.service).toEqual({
      code: service.code,
      name: '广东省融资对接专场',
      fee: 'PAID',
      active: true,
    });
    const [stored] = await seeded.query('SELECT name, fee FROM service WHERE code = $1', [
      service.code,
    ]);
    expect(stored).toEqual({ name: '广东省融资对接专场', fee: 'PAID' });
  });

  // Services' names and descriptions are shown and exported as institutions' are; the import
  // refused these already, the mutations took them until the rule set was shared.
  it.each([
    ['createService', { name: '=HYPERLINK("http://x.cn","点击")' }, 'name', /starts with '='/],
    ['createService', { nameEn: 'Loans\u202Eexe.doc' }, 'nameEn', /invisible mark U\+202E/],
    [
      'createService',
      { description: '融资\u0001对接' },
      'description',
      /control character U\+0001/,
    ],
    ['updateService', { name: '融资\u0007对接' }, 'name', /control character U\+0007/],
    ['updateService', { description: '@SUM(1+1)' }, 'description', /starts with '@'/],
  ])(
    '%s refuses shown text %p, naming the field, and writes nothing',
    async (mutation, text, field, message) => {
      const count = async () =>
        (await seeded.query(`SELECT count(*)::int AS n, max(updated_at) AS at FROM service`))[0];
      const before = await count();
      const input =
        mutation === 'createService'
          ? {
              institutionCode: 'C-441900',
              code: 'C-441900-S98',
              name: '出口退税辅导',
              categoryCode: 'TRD-COMP',
              deliveryMode: 'ONLINE',
              fee: 'FREE',
              ...text,
            }
          : { code: 'C-441900-S01', ...text };
      const { data, errors } = await api.graphql(
        mutation === 'createService' ? CREATE_SERVICE : UPDATE_SERVICE,
        { input },
        admin,
      );
      expect(data).toBeNull();
      expect(errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field });
      expect(errors![0].message).toMatch(message);
      expect(await count()).toEqual(before);
    },
  );

  it('refuses other institutions’ staff, unknown categories and taken codes', async () => {
    const input = {
      institutionCode: 'C-440000',
      code: 'C-440000-S99',
      name: 'x',
      categoryCode: 'FIN',
      deliveryMode: 'ONLINE',
      fee: 'FREE',
    };
    expect(
      (await api.graphql(CREATE_SERVICE, { input }, dongguanStaff)).errors![0].extensions!.code,
    ).toBe('FORBIDDEN');
    expect(
      (await api.graphql(CREATE_SERVICE, { input: { ...input, categoryCode: 'XYZ' } }, admin))
        .errors![0].extensions,
    ).toEqual({ code: 'NOT_FOUND', field: 'categoryCode' });
    expect(
      (await api.graphql(CREATE_SERVICE, { input: { ...input, code: 'C-440000-S01' } }, admin))
        .errors![0].extensions!.code,
    ).toBe('CONFLICT');
  });

  it('says a code is taken only when the code is: another unique rule broken is no such answer', async () => {
    // A unique rule the schema does not have, on this test's own database: at most one service
    // named so per institution.
    await seeded.query(
      `CREATE UNIQUE INDEX service_probe_name_idx ON service (institution_id) WHERE name = 'unique probe'`,
    );
    try {
      const input = {
        institutionCode: 'C-440000',
        name: 'unique probe',
        categoryCode: 'FIN',
        deliveryMode: 'ONLINE',
        fee: 'FREE',
      };
      const first = await api.graphql(
        CREATE_SERVICE,
        { input: { ...input, code: 'C-440000-P1' } },
        admin,
      );
      expect(first.errors).toBeUndefined();
      const second = await api.graphql(
        CREATE_SERVICE,
        { input: { ...input, code: 'C-440000-P2' } },
        admin,
      );
      expect(second.errors![0].message).not.toMatch(/exists already/);
      expect(second.errors![0].extensions!.code).toBe('INTERNAL_SERVER_ERROR');
      const [{ taken }] = await seeded.query(
        `SELECT count(*)::int AS taken FROM service WHERE code = 'C-440000-P2'`,
      );
      expect(taken).toBe(0);
    } finally {
      await seeded.query('DROP INDEX service_probe_name_idx');
    }
  });
});
