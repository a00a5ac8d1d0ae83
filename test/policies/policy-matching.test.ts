// policyMatches against an oracle written here from the rules of issue 24 — not from the SQL it
// checks: the chain from the GB/T 2260 codes (county → real prefecture → province → nation), a
// designation valid today when live and within its dates, a higher rung qualifying, industry by
// code prefix, nearest tier first then the largest amount. Enterprises of every tier shape, with
// designations granted, revoked, expired, under review and not yet valid.
import { createApiKey } from '../../src/auth/api-key.commands';
import { creditCodeFor } from '../support/credit-codes';
import { bearer } from '../support/referral-fixtures';
import { policyTestApi } from '../support/policy-database';
import {
  insertDesignation,
  insertEnterprise,
  policyInput,
  PUBLISH,
  type DesignationRow,
  type EnterpriseRow,
} from '../support/policy-fixtures';

const TAG = 'policy-matching';
let api: Awaited<ReturnType<typeof policyTestApi>>;
let admin: Record<string, string>;

const MATCHES = `query ($creditCode: String!, $all: Boolean) {
  policyMatches(creditCode: $creditCode, includeIneligible: $all) {
    eligible policy { code maxAmountYuan } conditions { condition met detail } application { id }
  }
}`;

const RANK = { INNOVATIVE_SME: 1, SPECIALIZED_SME: 2, LITTLE_GIANT: 3 } as const;
const beijingToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const daysFromToday = (days: number) =>
  new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

interface Fixture {
  enterprise: EnterpriseRow;
  scale: string;
  industryCode: string | null;
  designations: DesignationRow[];
}

interface PolicyRow {
  code: string;
  regionCode: string | null;
  status: string;
  opensOn: string;
  closesOn: string | null;
  scales: string[];
  minDesignation: keyof typeof RANK | null;
  industryCodes: string[];
  pilotOnly: boolean;
  maxAmount: number | null;
}

let regions: Set<string>;

/** The GB/T 2260 chain of a code, from its digits: the prefecture only where it is a real one. */
function chainOf(code: string): string[] {
  const province = `${code.slice(0, 2)}0000`;
  const prefecture = `${code.slice(0, 4)}00`;
  const chain = [code];
  if (code !== prefecture && regions.has(prefecture)) chain.push(prefecture);
  if (!chain.includes(province)) chain.push(province);
  return chain;
}

function oracle(fixture: Fixture, policies: PolicyRow[]) {
  const today = beijingToday();
  const chain = chainOf(fixture.enterprise.regionCode);
  const valid = fixture.designations.filter(
    (d) =>
      (d.status ?? 'ACTIVE') !== 'REVOKED' &&
      (d.status ?? 'ACTIVE') !== 'EXPIRED' &&
      (d.validFrom ?? '2025-07-01') <= today &&
      (d.validUntil ?? '2028-06-30') >= today,
  );
  return policies
    .filter(
      (p) => p.status === 'PUBLISHED' && p.opensOn <= today && (!p.closesOn || p.closesOn >= today),
    )
    .filter((p) => p.regionCode === null || chain.includes(p.regionCode))
    .map((p) => {
      const met = {
        scale: p.scales.length === 0 || p.scales.includes(fixture.scale),
        designation:
          p.minDesignation === null || valid.some((d) => RANK[d.kind] >= RANK[p.minDesignation!]),
        industry:
          p.industryCodes.length === 0 ||
          (fixture.industryCode !== null &&
            p.industryCodes.some((c) => fixture.industryCode!.startsWith(c))),
        pilot: !p.pilotOnly,
      };
      return {
        code: p.code,
        distance: p.regionCode === null ? 9 : chain.indexOf(p.regionCode),
        amount: p.maxAmount,
        eligible: Object.values(met).every(Boolean),
        met,
      };
    })
    .sort(
      (a, b) =>
        a.distance - b.distance ||
        (b.amount ?? -1) - (a.amount ?? -1) ||
        (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
    );
}

async function allPolicies(): Promise<PolicyRow[]> {
  return api.sql.rows<PolicyRow>(
    `SELECT code, region_code AS "regionCode", status, opens_on::text AS "opensOn", closes_on::text AS "closesOn",
            eligible_scales::text[] AS scales, min_designation AS "minDesignation",
            industry_codes AS "industryCodes", pilot_only AS "pilotOnly", max_amount_yuan::float8 AS "maxAmount"
       FROM policy`,
  );
}

const fixtures: Fixture[] = [];

// Every tier shape, each with a history of designations.
const SHAPES = [
  ['440103', 'a county under a real prefecture (广州 荔湾区)'],
  ['110101', 'a county of a municipality (北京 东城区)'],
  ['441900', 'a prefecture without counties (东莞)'],
  ['429004', 'a province-administered county-level city (仙桃)'],
] as const;

const HISTORIES: { scale: string; industryCode: string | null; designations: DesignationRow[] }[] =
  [
    { scale: 'SMALL', industryCode: 'C3670', designations: [] },
    {
      scale: 'MEDIUM',
      industryCode: 'C3511',
      designations: [{ kind: 'SPECIALIZED_SME' }],
    },
    {
      scale: 'MICRO',
      industryCode: 'I6510',
      // A little giant revoked, an innovative SME still valid.
      designations: [
        { kind: 'LITTLE_GIANT', status: 'REVOKED' },
        { kind: 'INNOVATIVE_SME', validFrom: '2025-07-01' },
      ],
    },
    {
      scale: 'SMALL',
      industryCode: null,
      // Stored ACTIVE but past its validUntil: expired by the dates.
      designations: [
        { kind: 'SPECIALIZED_SME', validFrom: '2021-07-01', validUntil: '2024-06-30' },
      ],
    },
    {
      scale: 'MEDIUM',
      industryCode: 'C3841',
      designations: [
        {
          kind: 'SPECIALIZED_SME',
          status: 'UNDER_REVIEW',
          validFrom: '2023-07-01',
          validUntil: daysFromToday(30),
        },
        { kind: 'LITTLE_GIANT', validFrom: daysFromToday(10), validUntil: daysFromToday(1100) },
      ],
    },
    {
      scale: 'SMALL',
      industryCode: 'C3670',
      designations: [
        {
          kind: 'LITTLE_GIANT',
          status: 'EXPIRED',
          validFrom: '2022-07-01',
          validUntil: '2025-06-30',
        },
      ],
    },
  ];

beforeAll(async () => {
  api = await policyTestApi('policy_matching');
  admin = bearer((await createApiKey(api.sql, { role: 'ADMIN', name: `${TAG} admin` })).key);
  regions = new Set(
    (await api.sql.rows<{ code: string }>('SELECT code FROM region')).map((r) => r.code),
  );
  // Policies of every tier of the four chains, with conditions of every kind.
  const issued: [string, string | null, Record<string, unknown>][] = [
    ['PM-CN-LG', null, { minDesignation: 'LITTLE_GIANT', maxAmountYuan: 500000 }],
    ['PM-CN-ANY', null, { maxAmountYuan: 1000 }],
    ['PM-GD', '44', { minDesignation: 'SPECIALIZED_SME', maxAmountYuan: 200000 }],
    ['PM-GD-SCALE', '440000', { eligibleScales: ['MICRO', 'SMALL'], maxAmountYuan: 200000 }],
    ['PM-GZ', '4401', { industryCodes: ['C36', 'C38'], maxAmountYuan: null }],
    ['PM-LW', '440103', { minDesignation: 'INNOVATIVE_SME' }],
    ['PM-DG', '441900', { industryCodes: ['C'], maxAmountYuan: 300000 }],
    ['PM-DG-PILOT', '441900', { pilotOnly: true }],
    ['PM-BJ', '11', { eligibleScales: ['MEDIUM'] }],
    ['PM-DC', '110101', { minDesignation: 'SPECIALIZED_SME', industryCodes: ['C35'] }],
    ['PM-HB', '42', { maxAmountYuan: 50000 }],
    ['PM-XT', '429004', { minDesignation: 'LITTLE_GIANT' }],
    ['PM-XT-LATER', '429004', { opensOn: daysFromToday(20) }],
    ['PM-SZ', '440300', {}],
  ];
  for (const [code, regionCode, overrides] of issued) {
    const { errors } = await api.graphql(
      PUBLISH,
      { input: policyInput(code, { regionCode, ...overrides }) },
      admin,
    );
    expect(errors).toBeUndefined();
  }
  await api.graphql(
    `mutation { withdrawPolicy(code: "PM-SZ") { policy { code } } }`,
    undefined,
    admin,
  );
  let n = 0;
  for (const [regionCode] of SHAPES) {
    for (const history of HISTORIES) {
      const enterprise = await insertEnterprise(api.sql, TAG, n++, regionCode, history);
      for (const designation of history.designations)
        await insertDesignation(api.sql, enterprise, designation);
      fixtures.push({ enterprise, ...history });
    }
  }
});
afterAll(async () => {
  await api?.close();
  await api?.drop();
});

async function matches(creditCode: string, all: boolean) {
  const { response, statements } = await api.countedGraphql<any>(MATCHES, { creditCode, all });
  expect(response.errors).toBeUndefined();
  return { matches: response.data.policyMatches as any[], statements };
}

describe('policyMatches', () => {
  it.each(SHAPES)('agrees with the oracle for every enterprise in %s, %s', async (regionCode) => {
    const policies = await allPolicies();
    for (const fixture of fixtures.filter((f) => f.enterprise.regionCode === regionCode)) {
      const expected = oracle(fixture, policies);
      const all = await matches(fixture.enterprise.creditCode, true);
      expect(
        all.matches.map((m) => ({
          code: m.policy.code,
          eligible: m.eligible,
          met: Object.fromEntries(
            m.conditions
              .filter((c: any) => !['region', 'window'].includes(c.condition))
              .map((c: any) => [c.condition, c.met]),
          ),
        })),
      ).toEqual(expected.map(({ code, eligible, met }) => ({ code, eligible, met })));
      const eligibleOnly = await matches(fixture.enterprise.creditCode, false);
      expect(eligibleOnly.matches.map((m) => m.policy.code)).toEqual(
        expected.filter((m) => m.eligible).map((m) => m.code),
      );
    }
  });

  it('answers in one statement whatever the chain', async () => {
    const counts = [];
    for (const [regionCode] of SHAPES) {
      const fixture = fixtures.find((f) => f.enterprise.regionCode === regionCode)!;
      counts.push((await matches(fixture.enterprise.creditCode, true)).statements);
    }
    expect(counts).toEqual([1, 1, 1, 1]);
  });

  it('lists region and window as met, and says in plain words what the registry holds', async () => {
    // 仙桃, the micro enterprise whose little giant was revoked and whose innovative SME stands.
    const fixture = fixtures.filter((f) => f.enterprise.regionCode === '429004')[2];
    const { matches: list } = await matches(fixture.enterprise.creditCode, true);
    const xiantao = list.find((m) => m.policy.code === 'PM-XT');
    expect(xiantao.conditions.map((c: any) => c.condition)).toEqual([
      'region',
      'window',
      'scale',
      'designation',
      'industry',
      'pilot',
    ]);
    expect(xiantao.conditions.slice(0, 2).every((c: any) => c.met)).toBe(true);
    expect(xiantao.conditions[3]).toEqual({
      condition: 'designation',
      met: false,
      detail: 'requires LITTLE_GIANT; the registry holds INNOVATIVE_SME since 2025-07-01',
    });
    const none = fixtures.filter((f) => f.enterprise.regionCode === '429004')[0];
    const plain = (await matches(none.enterprise.creditCode, true)).matches.find(
      (m) => m.policy.code === 'PM-XT',
    );
    expect(plain.conditions[3].detail).toBe(
      'requires LITTLE_GIANT; the registry holds none valid today for this enterprise',
    );
  });

  it('refuses a malformed credit code and does not know an unregistered one', async () => {
    const malformed = await api.graphql(MATCHES, { creditCode: '91441900ABCDEFGH1X', all: true });
    expect(malformed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const unknown = await api.graphql(MATCHES, {
      creditCode: creditCodeFor(`${TAG} nobody`, 1),
      all: true,
    });
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    for (const attack of ['\u0000'.repeat(18), 'x'.repeat(100_000), "' OR 1=1 --"]) {
      const refused = await api.graphql(MATCHES, { creditCode: attack, all: true });
      expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(refused)).not.toContain('SELECT');
    }
  });
});
