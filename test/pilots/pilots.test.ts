// Digital-transformation pilots through HTTP: cities, an enterprise's way from enrolment to
// acceptance, every rule refused with nothing written, the subsidy rule, money never overspent
// under 50 concurrent acceptances, lists in a fixed number of statements, the webhook to the
// region's AUTHORITY, attacker inputs.
import { DEFAULT_SUBSIDY_RULE, subsidySql } from '../../src/pilots/subsidy-rule';
import { creditCodeFor } from '../support/credit-codes';
import { SEED_SCALE } from '../support/seed-scale';
import { startTestApi, type GraphQLResponse, type TestApi } from '../support/test-api';
import {
  ACCEPT,
  CREATE_CITY,
  DIAGNOSE,
  ENROL,
  START,
  WITHDRAW,
  cityInput,
  createCity,
  day,
  pilotKeys,
  pilotPlace,
  pilotRows,
  type PilotPlace,
} from './pilot-fixtures';

const TAG = 'pilots';
let api: TestApi;
let place: PilotPlace;
let keys: Awaited<ReturnType<typeof pilotKeys>>;
let city: string;

beforeAll(async () => {
  api = await startTestApi({ poolSize: 8 });
  place = await pilotPlace(api.sql);
  keys = await pilotKeys(api.sql, TAG, place);
  city = place.prefectures[0];
  await createCity(api, keys.admin, city);
});
afterAll(() => api.close());

let serial = 0;
function enrolInput(
  overrides: Record<string, unknown> = {},
  enterprise: Record<string, unknown> = {},
) {
  serial += 1;
  return {
    idempotencyKey: `${TAG}-${serial}`,
    cityCode: city,
    subIndustry: '汽车零部件',
    enterprise: {
      creditCode: creditCodeFor(TAG, serial),
      name: `试点企业${serial}有限公司`,
      regionCode: place.county,
      scale: 'SMALL',
      industryCode: 'C3670',
      ...enterprise,
    },
    ...overrides,
  };
}

async function enrol(headers = keys.authority, overrides: Record<string, unknown> = {}) {
  const { data, errors } = await api.graphql(ENROL, { input: enrolInput(overrides) }, headers);
  if (errors) throw new Error(errors[0].message);
  return data!.enrolPilotEnterprise.pilotEnterprise.id as string;
}

async function move(document: string, input: Record<string, unknown>, headers = keys.authority) {
  const { data, errors } = await api.graphql(document, { input }, headers);
  if (errors) throw new Error(errors[0].message);
  return data!;
}

/** Enrolled, diagnosed at `levelBefore`, in transformation at `cost`. */
async function inTransformation(cost: number, levelBefore = 1, cityCode = city) {
  const id = await enrol(keys.authority, { cityCode });
  await move(DIAGNOSE, { pilotEnterpriseId: id, levelBefore, providerCode: place.agencies[0] });
  await move(START, {
    pilotEnterpriseId: id,
    providerCode: place.agencies[1],
    projectCostYuan: cost,
  });
  return id;
}

/** The response's one error, and the proof that nothing was written. */
async function refused(
  document: string,
  input: Record<string, unknown>,
  headers: Record<string, string>,
) {
  const before = await pilotRows(api.sql);
  const { data, errors } = await api.graphql(document, { input }, headers);
  expect(data ?? null).toBeNull();
  expect(errors).toHaveLength(1);
  expect(await pilotRows(api.sql)).toEqual(before);
  return errors![0];
}

describe('pilot cities', () => {
  it('are made by ADMIN, one per prefecture or municipal district, with the pool the reserve leaves', async () => {
    const made = await createCity(api, keys.admin, place.prefectures[1], {
      fundsAllocatedYuan: 1_000_000.01,
    });
    expect(made).toMatchObject({
      region: { code: place.prefectures[1] },
      batch: 4,
      fundsAllocatedYuan: 1_000_000.01,
      // 80 % of 100,000,001 fen, rounded down to the fen.
      smePoolYuan: 800_000,
      smePoolLeftYuan: 800_000,
    });
    const [district] = await api.sql.rows<{ code: string }>(
      `SELECT code FROM region WHERE parent_code = '500000' AND name LIKE '%区'
          AND code NOT IN (SELECT region_code FROM pilot_city) ORDER BY code LIMIT 1`,
    );
    await createCity(api, keys.admin, district.code);
  });

  it('refuses a second city for a division, a county, a province, AUTHORITY keys and fen fractions, writing nothing', async () => {
    const cases: [Record<string, unknown>, Record<string, string>, string][] = [
      [cityInput(city), keys.admin, 'CONFLICT'],
      [cityInput(place.county), keys.admin, 'BAD_USER_INPUT'],
      [cityInput(place.province), keys.admin, 'BAD_USER_INPUT'],
      [cityInput(place.prefectures[2]), keys.authority, 'FORBIDDEN'],
      [
        cityInput(place.prefectures[2], { fundsAllocatedYuan: 1000.005 }),
        keys.admin,
        'BAD_USER_INPUT',
      ],
      [cityInput(place.prefectures[2], { endsOn: day(-31) }), keys.admin, 'BAD_USER_INPUT'],
      [cityInput(place.prefectures[2], { batch: 0 }), keys.admin, 'BAD_USER_INPUT'],
      [cityInput(place.prefectures[2], { fundsAllocatedYuan: -1 }), keys.admin, 'BAD_USER_INPUT'],
    ];
    for (const [input, headers, code] of cases) {
      const error = await refused(CREATE_CITY, input, headers);
      expect([input, error.extensions?.code]).toEqual([input, code]);
    }
  });

  it('answers pilotCity by any form of its code, and pilotCities by batch and region', async () => {
    const { data } = await api.graphql(
      `query ($code: String!, $province: String!) {
        pilotCity(regionCode: $code) { region { code } batch startsOn endsOn targetEnterprises }
        pilotCities(batch: 4, regionCode: $province, first: 100) { totalCount nodes { region { code } } }
        seeded: pilotCities(first: 100) { totalCount }
      }`,
      { code: city.slice(0, 4), province: place.province.slice(0, 2) },
    );
    expect(data!.pilotCity).toMatchObject({ region: { code: city }, batch: 4, endsOn: day(700) });
    expect(data!.pilotCities.nodes.map((n: any) => n.region.code)).toContain(city);
    expect(data!.pilotCities.totalCount).toBe(2);
    expect(data!.seeded.totalCount).toBeGreaterThanOrEqual(103);
  });
});

describe('an enterprise’s way through a pilot', () => {
  it('goes enrolled → diagnosed → in transformation → accepted, with history, audit and the subsidy by rule', async () => {
    const id = await enrol();
    await move(DIAGNOSE, {
      pilotEnterpriseId: id,
      levelBefore: 2,
      providerCode: place.agencies[0],
    });
    await move(START, {
      pilotEnterpriseId: id,
      providerCode: place.agencies[1],
      projectCostYuan: 900_000.5,
    });
    const { acceptPilotProject } = await move(ACCEPT, { pilotEnterpriseId: id, levelAfter: 3 });
    // min(50 % of 900,000.50 = 450,000.25, ¥600,000 for level 3)
    expect(acceptPilotProject.pilotEnterprise).toMatchObject({
      stage: 'ACCEPTED',
      levelAfter: 3,
      subsidyYuan: 450_000.25,
    });

    const { data } = await api.graphql(
      `query ($id: ID!) { node(id: $id) { ... on PilotEnterprise {
        stage levelBefore levelAfter projectCostYuan subsidyYuan subIndustry
        city { region { code } smePoolLeftYuan } diagnosedBy { code } provider { code pilotRecord { accepted averageLevelGain } }
        history { stage actor note } } } }`,
      { id },
    );
    const pilot = data!.node;
    expect(pilot.history.map((h: any) => h.stage)).toEqual([
      'ENROLLED',
      'DIAGNOSED',
      'IN_TRANSFORMATION',
      'ACCEPTED',
    ]);
    expect(pilot.history[3].note).toContain('¥450,000.25');
    expect(pilot.city.smePoolLeftYuan).toBe(120_000_000 - 450_000.25);
    expect(pilot.provider.pilotRecord.accepted).toBeGreaterThanOrEqual(1);
    const audit = await api.sql.rows<{ action: string }>(
      `SELECT action FROM audit_entry WHERE entity_code = $1 ORDER BY id`,
      [id],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'pilot.enrol',
      'pilot.diagnose',
      'pilot.start',
      'pilot.accept',
    ]);
  });

  it('refuses moves out of order, and any move of an ACCEPTED enterprise, writing nothing', async () => {
    const id = await enrol();
    const skip = await refused(ACCEPT, { pilotEnterpriseId: id, levelAfter: 2 }, keys.authority);
    expect(skip).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(skip.message).toContain('it can move to DIAGNOSED, WITHDRAWN, not to ACCEPTED');
    expect(
      (
        await refused(
          START,
          { pilotEnterpriseId: id, providerCode: place.agencies[0], projectCostYuan: 1000 },
          keys.authority,
        )
      ).extensions?.code,
    ).toBe('BAD_USER_INPUT');

    const accepted = await inTransformation(200_000, 1);
    await move(ACCEPT, { pilotEnterpriseId: accepted, levelAfter: 2 });
    for (const [document, input] of [
      [WITHDRAW, { pilotEnterpriseId: accepted, reason: 'changed its mind' }],
      [ACCEPT, { pilotEnterpriseId: accepted, levelAfter: 3 }],
      [DIAGNOSE, { pilotEnterpriseId: accepted, levelBefore: 1, providerCode: place.agencies[0] }],
    ] as const) {
      const error = await refused(document, input, keys.admin);
      expect(error.message).toContain('ACCEPTED, a final status');
    }
  });

  it('refuses the AUTHORITY of another region and keys that govern nothing, writing nothing', async () => {
    const id = await enrol();
    for (const headers of [keys.otherAuthority, keys.partner, {}]) {
      const error = await refused(
        DIAGNOSE,
        { pilotEnterpriseId: id, levelBefore: 1, providerCode: place.agencies[0] },
        headers,
      );
      expect(error.extensions?.code).toBe('FORBIDDEN');
      expect((await refused(ENROL, enrolInput(), headers)).extensions?.code).toBe('FORBIDDEN');
    }
    const other = await refused(
      WITHDRAW,
      { pilotEnterpriseId: id, reason: 'x' },
      keys.otherAuthority,
    );
    expect(other.message).toContain(
      `lies in ${city}, outside this key's region ${place.otherProvince}`,
    );
  });

  it('enrols only enterprises located in the city’s region, one pilot at a time, until the city ends', async () => {
    const outside = await refused(
      ENROL,
      enrolInput({}, { regionCode: place.otherProvince }),
      keys.authority,
    );
    expect(outside).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'enterprise.regionCode' },
    });

    const first = enrolInput();
    await move(ENROL, first);
    const twice = await refused(ENROL, { ...first, idempotencyKey: `${TAG}-again` }, keys.admin);
    expect(twice.extensions?.code).toBe('CONFLICT');
    expect(twice.message).toContain('one pilot at a time');

    // Withdrawn, it may enrol again (here, in the other test city of the province).
    const [{ id }] = await api.sql.rows<{ id: number }>(
      `SELECT p.id FROM pilot_enterprise p JOIN enterprise e ON e.id = p.enterprise_id WHERE e.credit_code = $1`,
      [first.enterprise.creditCode],
    );
    const globalId = Buffer.from(`PilotEnterprise:${id}`).toString('base64');
    const { data: withdrawn } = await api.graphql(
      WITHDRAW,
      { input: { pilotEnterpriseId: globalId, reason: '企业经营调整' } },
      keys.authority,
    );
    expect(withdrawn?.withdrawPilotEnterprise?.pilotEnterprise.history.at(-1)).toMatchObject({
      stage: 'WITHDRAWN',
      note: '企业经营调整',
    });
    await move(ENROL, { ...first, idempotencyKey: `${TAG}-back` });

    const ended = place.prefectures[3];
    await createCity(api, keys.admin, ended, { startsOn: day(-800), endsOn: day(-2) });
    const [{ county }] = await api.sql.rows<{ county: string }>(
      'SELECT min(code) AS county FROM region WHERE parent_code = $1',
      [ended],
    );
    const closed = await refused(
      ENROL,
      enrolInput({ cityCode: ended }, { regionCode: county }),
      keys.authority,
    );
    expect(closed.message).toContain(`closed when it ended on ${day(-2)}`);
  });

  it('answers a retry with the first enrolment, and the same key for another request with CONFLICT', async () => {
    const input = enrolInput();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => api.graphql(ENROL, { input }, keys.authority)),
    );
    expect(results.filter((r) => r.errors)).toEqual([]);
    expect(new Set(results.map((r) => r.data!.enrolPilotEnterprise.pilotEnterprise.id)).size).toBe(
      1,
    );
    const reused = await refused(ENROL, { ...input, subIndustry: '电子元器件' }, keys.authority);
    expect(reused.extensions?.code).toBe('CONFLICT');
  });

  it('takes the diagnosis and project only from active MARKET agencies of the city’s province', async () => {
    const id = await enrol();
    for (const [providerCode, code] of [
      [place.centre, 'BAD_USER_INPUT'],
      [place.foreignAgency, 'BAD_USER_INPUT'],
      ['M-NOWHERE-99', 'NOT_FOUND'],
    ]) {
      const error = await refused(
        DIAGNOSE,
        { pilotEnterpriseId: id, levelBefore: 1, providerCode },
        keys.authority,
      );
      expect([providerCode, error.extensions?.code]).toEqual([providerCode, code]);
    }
    for (const levelBefore of [0, 5]) {
      expect(
        (
          await refused(
            DIAGNOSE,
            { pilotEnterpriseId: id, levelBefore, providerCode: place.agencies[0] },
            keys.authority,
          )
        ).extensions?.field,
      ).toBe('levelBefore');
    }
    await move(DIAGNOSE, {
      pilotEnterpriseId: id,
      levelBefore: 3,
      providerCode: place.agencies[0],
    });
    for (const projectCostYuan of [0, -5, 100.001, 1e13]) {
      const error = await refused(
        START,
        { pilotEnterpriseId: id, providerCode: place.agencies[0], projectCostYuan },
        keys.authority,
      );
      expect([projectCostYuan, error.extensions?.field]).toEqual([
        projectCostYuan,
        'projectCostYuan',
      ]);
    }
    await move(START, {
      pilotEnterpriseId: id,
      providerCode: place.agencies[0],
      projectCostYuan: 500_000,
    });
    const lower = await refused(ACCEPT, { pilotEnterpriseId: id, levelAfter: 2 }, keys.authority);
    expect(lower).toMatchObject({ extensions: { field: 'levelAfter' } });
    expect(lower.message).toContain('from 3 (the level found by the diagnosis)');
  });
});

describe('the subsidy rule', () => {
  it('pays exactly min(50 % of the cost, the cap of the level reached), in whole fen', async () => {
    const cases: [cost: string, level: number, subsidy: string][] = [
      ['1000000.00', 1, '0.00'],
      ['1000000.00', 2, '300000.00'],
      ['500000.00', 2, '250000.00'],
      ['1000000.00', 3, '500000.00'],
      ['3000000.00', 3, '600000.00'],
      ['3000000.00', 4, '1000000.00'],
      ['100.01', 2, '50.00'],
      ['0.03', 4, '0.01'],
    ];
    for (const [cost, level, subsidy] of cases) {
      const [row] = await api.sql.rows<{ subsidy: string }>(
        `SELECT (${subsidySql('$1::jsonb', '$2::numeric', '$3::int')})::numeric(14, 2)::text AS subsidy`,
        [JSON.stringify(DEFAULT_SUBSIDY_RULE), cost, level],
      );
      expect([cost, level, row.subsidy]).toEqual([cost, level, subsidy]);
    }
  });

  it('is stored on the city as data, the default for a new city', async () => {
    const [row] = await api.sql.rows<{ subsidy_rule: unknown; reserve_percent: number }>(
      'SELECT subsidy_rule, reserve_percent FROM pilot_city WHERE region_code = $1',
      [city],
    );
    expect(row).toEqual({ subsidy_rule: DEFAULT_SUBSIDY_RULE, reserve_percent: 20 });
  });
});

describe('50 concurrent acceptances against a city with money for 10', () => {
  const poor = () => place.prefectures[2];
  let results: GraphQLResponse<Record<string, any>>[];

  beforeAll(async () => {
    // A pool of ¥3,000,000 (80 % of ¥3,750,000): ten subsidies of ¥300,000.
    await createCity(api, keys.admin, poor(), { fundsAllocatedYuan: 3_750_000 });
    const [{ county }] = await api.sql.rows<{ county: string }>(
      'SELECT min(code) AS county FROM region WHERE parent_code = $1',
      [poor()],
    );
    const ids: string[] = [];
    for (let batch = 0; batch < 5; batch++) {
      ids.push(
        ...(await Promise.all(
          Array.from({ length: 10 }, async () => {
            const { data, errors } = await api.graphql(
              ENROL,
              { input: enrolInput({ cityCode: poor() }, { regionCode: county }) },
              keys.authority,
            );
            if (errors) throw new Error(errors[0].message);
            const id = data!.enrolPilotEnterprise.pilotEnterprise.id;
            await move(DIAGNOSE, {
              pilotEnterpriseId: id,
              levelBefore: 1,
              providerCode: place.agencies[0],
            });
            await move(START, {
              pilotEnterpriseId: id,
              providerCode: place.agencies[1],
              projectCostYuan: 600_000,
            });
            return id;
          }),
        )),
      );
    }
    results = await Promise.all(
      ids.map((id) =>
        api.graphql(ACCEPT, { input: { pilotEnterpriseId: id, levelAfter: 2 } }, keys.authority),
      ),
    );
  });

  it('pays exactly 10 and refuses 40 with CONFLICT saying how much is left', () => {
    const paid = results.filter((r) => r.data?.acceptPilotProject);
    expect(paid).toHaveLength(10);
    expect(
      paid.every((r) => r.data!.acceptPilotProject.pilotEnterprise.subsidyYuan === 300_000),
    ).toBe(true);
    const conflicts = results.filter((r) => r.errors?.[0].extensions?.code === 'CONFLICT');
    expect(conflicts).toHaveLength(40);
    expect(conflicts[0].errors![0].message).toContain('has ¥0.00 left in its SME pool');
  });

  it('never spends more than 80 % of the allocation, and leaves the refused ones in transformation', async () => {
    const [row] = await api.sql.rows<{
      paid: string;
      funds: string;
      accepted: number;
      waiting: number;
    }>(
      `SELECT c.subsidy_paid_yuan AS paid, c.funds_allocated_yuan AS funds,
              count(*) FILTER (WHERE p.stage = 'ACCEPTED')::int AS accepted,
              count(*) FILTER (WHERE p.stage = 'IN_TRANSFORMATION')::int AS waiting
         FROM pilot_city c JOIN pilot_enterprise p ON p.city_id = c.id WHERE c.region_code = $1 GROUP BY c.id`,
      [poor()],
    );
    expect(row).toEqual({ paid: '3000000.00', funds: '3750000.00', accepted: 10, waiting: 40 });
    expect(Number(row.paid)).toBeLessThanOrEqual(0.8 * Number(row.funds));
  });
});

describe('reading pilots', () => {
  const LIST = `query ($first: Int!) { pilotCities(first: $first) { totalCount nodes {
    batch region { name }
    progress { enrolled diagnosed inTransformation accepted withdrawn specialized atLevelTwoOrAbove subsidyPaidYuan }
    enterprises(first: 10) { totalCount nodes { stage levelBefore subsidyYuan
      enterprise { name creditCode } provider { name } diagnosedBy { name } history { stage at } } }
  } } }`;

  it('answers pilotCities(first: 100) with progress and enterprises in the same number of statements as first: 2', async () => {
    const small = await api.countedGraphql(LIST, { first: 2 });
    const large = await api.countedGraphql(LIST, { first: 100 });
    expect(large.response.errors).toBeUndefined();
    expect(large.response.data!.pilotCities.nodes).toHaveLength(100);
    const { enterprises } = large.response.data!.pilotCities.nodes[0];
    expect(enterprises.totalCount).toBeGreaterThan(0);
    expect(enterprises.nodes).toHaveLength(Math.min(10, enterprises.totalCount));
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(8);
  });

  it('counts the seeded pilots in networkStatistics, per area and in its breakdown, in a fixed number of statements', async () => {
    const query = `{ networkStatistics { pilots { enrolled diagnosed accepted withdrawn specialized atLevelTwoOrAbove atLevelTwoOrAboveShare subsidyPaidYuan }
      breakdown { region { code } pilots { enrolled accepted } breakdown { pilots { enrolled } } } } }`;
    const { response, statements } = await api.countedGraphql(query);
    expect(response.errors).toBeUndefined();
    const { pilots, breakdown } = response.data!.networkStatistics;
    // About 40,000 enrolled and at least 10,000 specialized at the published scale.
    expect(pilots.enrolled).toBeGreaterThan(35_000 * SEED_SCALE);
    expect(pilots.specialized).toBeGreaterThanOrEqual(10_000 * SEED_SCALE);
    expect(pilots.atLevelTwoOrAboveShare).toBeGreaterThan(0.5);
    expect(pilots.diagnosed).toBeGreaterThanOrEqual(pilots.accepted);
    expect(breakdown.reduce((sum: number, p: any) => sum + p.pilots.enrolled, 0)).toBe(
      pilots.enrolled,
    );
    // The country, its provinces and their prefectures: one statement for the figure.
    const { statements: countryOnly } = await api.countedGraphql(
      '{ networkStatistics { pilots { enrolled } } }',
    );
    expect(statements).toBe(countryOnly);
  });

  it('fits each seeded batch’s age: the first all accepted or withdrawn, the third mostly under way', async () => {
    const rows = await api.sql.rows<{
      batch: number;
      cities: number;
      open: number;
      accepted: number;
      total: number;
      overspent: number;
    }>(
      `SELECT c.batch, count(DISTINCT c.id)::int AS cities,
              count(*) FILTER (WHERE p.stage NOT IN ('ACCEPTED', 'WITHDRAWN'))::int AS open,
              count(*) FILTER (WHERE p.stage = 'ACCEPTED')::int AS accepted, count(*)::int AS total,
              count(DISTINCT c.id) FILTER (WHERE c.subsidy_paid_yuan * 100 > c.funds_allocated_yuan * 80)::int AS overspent
         FROM pilot_city c JOIN pilot_enterprise p ON p.city_id = c.id
        WHERE p.api_key_id IS NULL GROUP BY c.batch ORDER BY c.batch`,
    );
    expect(rows.map((r) => r.batch)).toEqual([1, 2, 3]);
    expect(rows.every((r) => r.cities >= 30 && r.cities <= 35 && r.overspent === 0)).toBe(true);
    expect(rows[0].open).toBe(0);
    expect(rows[2].accepted / rows[2].total).toBeLessThan(0.2);
    expect(rows.reduce((sum, r) => sum + r.total, 0)).toBeGreaterThan(38_000 * SEED_SCALE);
    const [{ outside, foreign }] = await api.sql.rows<{ outside: number; foreign: number }>(
      `SELECT count(*) FILTER (WHERE NOT (e.region_code BETWEEN c.region_code AND
                CASE WHEN c.region_code LIKE '____00' THEN left(c.region_code, 4) || '99' ELSE c.region_code END))::int AS outside,
              count(*) FILTER (WHERE left(i.region_code, 2) <> left(c.region_code, 2) OR i.kind <> 'MARKET')::int AS foreign
         FROM pilot_enterprise p JOIN pilot_city c ON c.id = p.city_id JOIN enterprise e ON e.id = p.enterprise_id
         LEFT JOIN institution i ON i.id = p.provider_id`,
    );
    expect({ outside, foreign }).toEqual({ outside: 0, foreign: 0 });
  });
});

describe('the webhook', () => {
  it('tells ADMIN and the AUTHORITY of a region containing the city, and not another region’s', async () => {
    const subscribe = async (headers: Record<string, string>) => {
      const [{ id }] = await api.sql.rows<{ id: number }>(
        `INSERT INTO webhook_subscription (api_key_id, url, events, secret_ciphertext, secret_key_id)
         SELECT k.id, 'https://receiver.example/pilots', '{PILOT_STAGE_CHANGED}', '\\x00', 'test'
           FROM api_key k WHERE k.name = $1 RETURNING id`,
        [headers.name],
      );
      return id;
    };
    const named = (name: string) => ({ name: `${TAG} ${name}` });
    const ids = {
      admin: await subscribe(named('ministry')),
      authority: await subscribe(named('province department')),
      other: await subscribe(named('other province department')),
    };
    const pilot = await enrol();
    const deliveries = await api.sql.rows<{ subscription_id: number; data: any }>(
      `SELECT subscription_id, data FROM webhook_delivery WHERE event_type = 'PILOT_STAGE_CHANGED' AND data->>'pilotEnterpriseId' = $1`,
      [pilot],
    );
    expect(deliveries.map((d) => d.subscription_id).sort()).toEqual(
      [ids.admin, ids.authority].sort(),
    );
    expect(deliveries[0].data).toEqual({
      pilotEnterpriseId: pilot,
      cityCode: city,
      stage: 'ENROLLED',
      previousStage: null,
    });
    await api.sql.run(
      'UPDATE webhook_subscription SET active = false, deleted_at = now() WHERE id = ANY($1::int[])',
      [Object.values(ids)],
    );
  });
});

describe('attacker inputs', () => {
  it('refuses NUL bytes, bidi marks and huge text, forged ids and cursors, with nothing written', async () => {
    const id = await enrol();
    const cases: [string, Record<string, unknown>, string][] = [
      [ENROL, enrolInput({ subIndustry: '汽车\u0000零部件' }), 'subIndustry'],
      [ENROL, enrolInput({}, { name: '\u202Eexe.doc公司' }), 'enterprise.name'],
      [ENROL, enrolInput({ subIndustry: 'x'.repeat(101) }), 'subIndustry'],
      [ENROL, enrolInput({}, { creditCode: '91441900000000000X' }), 'enterprise.creditCode'],
      [ENROL, enrolInput({}, { industryCode: 'C9999' }), 'enterprise.industryCode'],
      [ENROL, enrolInput({ cityCode: "44'; DROP TABLE pilot_city; --" }), 'cityCode'],
      [WITHDRAW, { pilotEnterpriseId: id, reason: 'r'.repeat(100_000) }, 'reason'],
      [
        WITHDRAW,
        { pilotEnterpriseId: 'UGlsb3RFbnRlcnByaXNlOjEnOy0t', reason: 'x' },
        'pilotEnterpriseId',
      ],
      [
        WITHDRAW,
        { pilotEnterpriseId: Buffer.from('Referral:1').toString('base64'), reason: 'x' },
        'pilotEnterpriseId',
      ],
      [
        WITHDRAW,
        {
          pilotEnterpriseId: Buffer.from('PilotEnterprise:999999999').toString('base64'),
          reason: 'x',
        },
        'pilotEnterpriseId',
      ],
    ];
    for (const [document, input, field] of cases) {
      const error = await refused(document, input, keys.authority);
      // NUL bytes are refused before the resolver, naming the field by its path (input.…).
      expect(error.extensions?.field).toMatch(new RegExp(`(^|\\.)${field.replace('.', '\\.')}$`));
      expect(error.message).not.toMatch(/SELECT|INSERT|pilot_enterprise_|stack/i);
    }
    const { errors } = await api.graphql(
      `{ pilotCities(first: 5, after: "forged") { totalCount } }`,
    );
    expect(errors![0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
