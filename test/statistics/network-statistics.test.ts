// networkStatistics and Institution.scorecard against an independent computation from the raw
// tables (region prefixes instead of code ranges, medians computed here), on the seeded network
// with its referral history: the country, one province, one prefecture; three institutions' and
// each shortfall's scorecards. And the statements they cost: fixed, whatever the size of the data.
import { seededScratchDatabase } from '../support/seeded-scratch';
import { startTestApi, type TestApi } from '../support/test-api';

// A seeded database of its own: the answer and the oracle are read one after the other, and other
// test files write referrals to the run's shared database meanwhile.
let scratch: Awaited<ReturnType<typeof seededScratchDatabase>>;
let api: TestApi;
let seedYear: number;
beforeAll(async () => {
  scratch = await seededScratchDatabase('network_statistics');
  api = await startTestApi({ databaseUrl: scratch.url });
  const [{ day }] = await api.sql.rows<{ day: string }>(
    `SELECT seeded_on::text AS day FROM seed_info`,
  );
  seedYear = Number(day.slice(0, 4));
});
afterAll(async () => {
  await api?.close();
  await scratch?.drop();
});

const FIGURES = `
  region { code }
  institutions { tier kind count }
  coverage { tier regions covered ratio }
  servicesByCategory { category { code } activeServices institutions }
  referrals { submitted accepted inProgress completed declined cancelled
              medianHoursToAccept medianHoursToComplete completionRate satisfaction }
  events { events registrations enterprises attended outcomes amountYuan }`;

const median = (values: number[]) => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = (sorted.length - 1) / 2;
  return (sorted[Math.floor(middle)] + sorted[Math.ceil(middle)]) / 2;
};

/** The figures of an area (a region code prefix; '' for the country), from the raw tables. */
async function oracle(prefix: string) {
  const sql = api.sql;
  const like = `${prefix}%`;
  // The national centre has no region: it counts in the country only.
  const inArea = prefix === '' ? 'true' : `i.region_code LIKE $1`;
  const parameters = prefix === '' ? [] : [like];
  const institutions = await sql.rows(
    `SELECT i.tier, i.kind, count(*)::int AS count FROM institution i WHERE i.active AND ${inArea}
      GROUP BY 1, 2 ORDER BY 1, 2`,
    parameters,
  );
  const coverage = await sql.rows(
    `SELECT CASE r.level WHEN 'PREFECTURE' THEN 'MUNICIPAL' ELSE 'COUNTY' END AS tier,
            count(*)::int AS regions,
            count(*) FILTER (WHERE EXISTS (SELECT 1 FROM institution i WHERE i.region_code = r.code
                                              AND i.kind = 'PUBLIC' AND i.active))::int AS covered
       FROM region r WHERE r.level IN ('PREFECTURE', 'COUNTY') AND r.code LIKE $1
      GROUP BY r.level ORDER BY 1 DESC`,
    [like],
  );
  const services = await sql.rows<{ code: string; activeServices: number; institutions: number }>(
    `SELECT coalesce(top.code, c.code) AS code, count(*)::int AS "activeServices",
            count(DISTINCT s.institution_id)::int AS institutions
       FROM service s JOIN institution i ON i.id = s.institution_id
       JOIN service_category c ON c.id = s.category_id
       LEFT JOIN service_category top ON top.id = c.parent_id
      WHERE s.active AND i.active AND ${inArea} GROUP BY 1`,
    parameters,
  );
  const referrals = await sql.rows<{
    status: string;
    accept: number | null;
    complete: number | null;
    rating: number | null;
  }>(
    `SELECT r.status,
            (SELECT extract(epoch FROM min(e.at) - r.created_at) / 3600 FROM referral_event e
              WHERE e.referral_uuid = r.uuid AND e.status = 'ACCEPTED')::float8 AS accept,
            (SELECT extract(epoch FROM min(e.at) - r.created_at) / 3600 FROM referral_event e
              WHERE e.referral_uuid = r.uuid AND e.status = 'COMPLETED')::float8 AS complete,
            f.rating
       FROM referral r JOIN institution i ON i.id = r.institution_id
       LEFT JOIN referral_feedback f ON f.referral_uuid = r.uuid
      WHERE ${inArea}`,
    parameters,
  );
  const count = (status: string) => referrals.filter((r) => r.status === status).length;
  const ended = count('COMPLETED') + count('DECLINED') + count('CANCELLED');
  const ratings = referrals.filter((r) => r.rating !== null);
  const [events] = await sql.rows(
    `SELECT (SELECT count(*)::int FROM event e WHERE e.cancelled_at IS NULL AND e.region_code LIKE $1) AS events,
            (SELECT count(*)::int FROM event_registration g JOIN event e ON e.id = g.event_id
              WHERE e.cancelled_at IS NULL AND e.region_code LIKE $1 AND g.status <> 'CANCELLED') AS registrations,
            (SELECT count(DISTINCT g.enterprise_id)::int FROM event_registration g JOIN event e ON e.id = g.event_id
              WHERE e.cancelled_at IS NULL AND e.region_code LIKE $1 AND g.status <> 'CANCELLED') AS enterprises,
            (SELECT count(*)::int FROM event_registration g JOIN event e ON e.id = g.event_id
              WHERE e.cancelled_at IS NULL AND e.region_code LIKE $1 AND g.status = 'ATTENDED') AS attended,
            (SELECT count(*)::int FROM matchmaking_outcome o JOIN event e ON e.id = o.event_id
              WHERE e.cancelled_at IS NULL AND e.region_code LIKE $1) AS outcomes,
            (SELECT coalesce(sum(o.amount_yuan), 0)::float8 FROM matchmaking_outcome o JOIN event e ON e.id = o.event_id
              WHERE e.cancelled_at IS NULL AND e.region_code LIKE $1) AS "amountYuan"`,
    [like],
  );
  return {
    institutions,
    // Both tiers, also where the area has no region of a level (a prefecture without counties).
    coverage: ['MUNICIPAL', 'COUNTY'].map((tier) => {
      const row = coverage.find((found) => found.tier === tier) ?? { regions: 0, covered: 0 };
      const { regions, covered } = row as { regions: number; covered: number };
      return { tier, regions, covered, ratio: regions === 0 ? 0 : covered / regions };
    }),
    services,
    referrals: {
      submitted: count('SUBMITTED'),
      accepted: count('ACCEPTED'),
      inProgress: count('IN_PROGRESS'),
      completed: count('COMPLETED'),
      declined: count('DECLINED'),
      cancelled: count('CANCELLED'),
      medianHoursToAccept: median(referrals.flatMap((r) => (r.accept === null ? [] : [r.accept]))),
      medianHoursToComplete: median(
        referrals.flatMap((r) => (r.complete === null ? [] : [r.complete])),
      ),
      completionRate: ended === 0 ? null : count('COMPLETED') / ended,
      satisfaction:
        ratings.length === 0 ? null : ratings.filter((r) => r.rating! >= 4).length / ratings.length,
    },
    events,
  };
}

function expectSameFigures(answer: any, expected: Awaited<ReturnType<typeof oracle>>) {
  expect(answer.institutions).toEqual(expected.institutions);
  const coverage = [...answer.coverage].sort((a: any, b: any) => (a.tier < b.tier ? 1 : -1));
  expect(coverage.map(({ ratio: _ratio, ...rest }: any) => rest)).toEqual(
    expected.coverage.map(({ ratio: _ratio, ...rest }) => rest),
  );
  coverage.forEach((row: any, index: number) =>
    expect(row.ratio).toBeCloseTo(expected.coverage[index].ratio, 9),
  );
  const services = answer.servicesByCategory
    .filter((row: any) => row.activeServices > 0)
    .map((row: any) => ({ ...row, category: undefined, code: row.category.code }));
  expect(services.map(({ category: _category, ...rest }: any) => rest).sort(byCode)).toEqual(
    [...expected.services].sort(byCode),
  );
  const { medianHoursToAccept, medianHoursToComplete, completionRate, satisfaction, ...counts } =
    answer.referrals;
  const wanted = expected.referrals;
  expect(counts).toEqual({
    submitted: wanted.submitted,
    accepted: wanted.accepted,
    inProgress: wanted.inProgress,
    completed: wanted.completed,
    declined: wanted.declined,
    cancelled: wanted.cancelled,
  });
  for (const [value, oracleValue] of [
    [medianHoursToAccept, wanted.medianHoursToAccept],
    [medianHoursToComplete, wanted.medianHoursToComplete],
    [completionRate, wanted.completionRate],
    [satisfaction, wanted.satisfaction],
  ]) {
    if (oracleValue === null) expect(value).toBeNull();
    else expect(value).toBeCloseTo(oracleValue, 6);
  }
  expect(answer.events).toEqual(expected.events);
}
const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : 1);

describe('networkStatistics', () => {
  it('gives the country’s figures, with its 31 provinces, in a fixed number of statements', async () => {
    const { response, statements } = await api.countedGraphql<any>(
      `{ networkStatistics { ${FIGURES} breakdown { ${FIGURES} } } }`,
    );
    expect(response.errors).toBeUndefined();
    const country = response.data!.networkStatistics;
    expectSameFigures(country, await oracle(''));
    expect(country.referrals.completed).toBeGreaterThan(10_000);
    expect(country.breakdown).toHaveLength(31);
    // Guangdong's entry of the breakdown is Guangdong's own figures.
    const guangdong = country.breakdown.find((entry: any) => entry.region.code === '440000');
    expectSameFigures(guangdong, await oracle('44'));
    // One statement per figure (institutions, services, referrals, events) for all 32 areas.
    expect(statements).toBe(4);
  });

  it('gives a province’s and a prefecture’s figures as the raw tables do', async () => {
    for (const [code, prefix] of [
      ['44', '44'],
      ['441900', '4419'],
      ['3301', '3301'],
    ]) {
      const { data, errors } = await api.graphql<any>(
        `query ($code: String) { networkStatistics(regionCode: $code) { ${FIGURES} } }`,
        { code },
      );
      expect(errors).toBeUndefined();
      expectSameFigures(data!.networkStatistics, await oracle(prefix));
    }
  });
});

const CARD = `scorecard(year: $year) { year enterprisesServed satisfaction publicBenefitShare eventsHeld meetsCriteria shortfalls }`;

/** A scorecard's figures from the raw tables, for the institutions given. */
async function scorecardOracle(codes: string[], year: number) {
  const from = `${year}-01-01T00:00:00+08:00`;
  const to = `${year + 1}-01-01T00:00:00+08:00`;
  return api.sql.rows<{
    code: string;
    served: number;
    ratings: number;
    good: number;
    active: number;
    benefit: number;
    held: number;
  }>(
    `SELECT i.code,
            (SELECT count(DISTINCT r.enterprise_id) FROM referral r
              WHERE r.institution_id = i.id AND EXISTS (
                SELECT 1 FROM referral_event e WHERE e.referral_uuid = r.uuid AND e.status = 'COMPLETED'
                   AND e.at >= $2::timestamptz AND e.at < $3::timestamptz))::int AS served,
            (SELECT count(*) FROM referral r JOIN referral_feedback f ON f.referral_uuid = r.uuid
              WHERE r.institution_id = i.id AND f.at >= $2::timestamptz AND f.at < $3::timestamptz)::int AS ratings,
            (SELECT count(*) FROM referral r JOIN referral_feedback f ON f.referral_uuid = r.uuid
              WHERE r.institution_id = i.id AND f.rating >= 4 AND f.at >= $2::timestamptz AND f.at < $3::timestamptz)::int AS good,
            (SELECT count(*) FROM service s WHERE s.institution_id = i.id AND s.active)::int AS active,
            (SELECT count(*) FROM service s WHERE s.institution_id = i.id AND s.active
                AND s.fee <> 'PAID')::int AS benefit,
            (SELECT count(*) FROM event e WHERE e.organizer_id = i.id AND e.cancelled_at IS NULL
                AND e.starts_at >= $2::timestamptz AND e.starts_at < $3::timestamptz AND e.ends_at <= now())::int AS held
       FROM institution i WHERE i.code = ANY($1::text[]) ORDER BY i.code`,
    [codes, from, to],
  );
}

describe('Institution.scorecard', () => {
  it('measures three institutions as the raw tables do, one meeting every criterion', async () => {
    const year = seedYear - 1;
    const codes = ['C-330000', 'C-441900', 'C-440606'];
    const { data, errors } = await api.graphql<any>(
      `query ($year: Int!) { ${codes
        .map((code, n) => `i${n}: institution(code: "${code}") { code ${CARD} }`)
        .join(' ')} }`,
      { year },
    );
    expect(errors).toBeUndefined();
    const expected = await scorecardOracle(codes, year);
    for (const row of expected) {
      const card = data![`i${codes.indexOf(row.code)}`].scorecard;
      expect([row.code, card.year, card.enterprisesServed, card.eventsHeld]).toEqual([
        row.code,
        year,
        row.served,
        row.held,
      ]);
      if (row.ratings === 0) expect(card.satisfaction).toBeNull();
      else expect(card.satisfaction).toBeCloseTo(row.good / row.ratings, 9);
      expect(card.publicBenefitShare).toBeCloseTo(row.active ? row.benefit / row.active : 0, 9);
    }
    const meeting = data!.i0.scorecard;
    expect(meeting).toMatchObject({ meetsCriteria: true, shortfalls: [] });
    expect(data!.i2.scorecard.meetsCriteria).toBe(false);
  });

  it('names each criterion an institution misses', async () => {
    const year = seedYear - 1;
    const from = `${year}-01-01T00:00:00+08:00`;
    const to = `${year + 1}-01-01T00:00:00+08:00`;
    // Candidates found by plain aggregates, then measured by the oracle.
    const [{ unhappy }] = await api.sql.rows<{ unhappy: string }>(
      `SELECT min(code) AS unhappy FROM (
         SELECT i.code FROM institution i JOIN referral r ON r.institution_id = i.id
           JOIN referral_feedback f ON f.referral_uuid = r.uuid
          WHERE f.at >= $1::timestamptz AND f.at < $2::timestamptz
          GROUP BY i.code HAVING avg((f.rating >= 4)::int) < 0.8) x`,
      [from, to],
    );
    const [{ paid }] = await api.sql.rows<{ paid: string }>(
      `SELECT min(code) AS paid FROM (
         SELECT i.code FROM institution i JOIN service s ON s.institution_id = i.id AND s.active
          GROUP BY i.code HAVING avg((s.fee <> 'PAID')::int) < 0.2) x`,
    );
    const figures = await scorecardOracle(['C-440606', unhappy, paid], year);
    const of = (code: string) => figures.find((row) => row.code === code);
    const missing = {
      enterprises: of('C-440606'),
      'ratings in': of(unhappy),
      'free or subsidized': of(paid),
      events: of('C-440606'),
    };
    expect(of('C-440606')!.served).toBeLessThan(150);
    expect(of('C-440606')!.held).toBeLessThan(8);
    for (const [words, row] of Object.entries(missing)) {
      expect([words, row]).toEqual([words, expect.anything()]);
      const { data } = await api.graphql<any>(
        `query ($code: String!, $year: Int!) { institution(code: $code) { ${CARD} } }`,
        { code: row!.code, year },
      );
      const card = data.institution.scorecard;
      expect(card.meetsCriteria).toBe(false);
      expect([row!.code, card.shortfalls.some((s: string) => s.includes(words))]).toEqual([
        row!.code,
        true,
      ]);
    }
  });

  it('costs a fixed number of statements for a page of 100 institutions', async () => {
    const { response, statements } = await api.countedGraphql<any>(
      `query ($year: Int!) { institutions(first: 100) { nodes { code ${CARD} } } }`,
      { year: seedYear - 1 },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.institutions.nodes).toHaveLength(100);
    expect(statements).toBeLessThanOrEqual(6);
    console.log(`a page of 100 scorecards: ${statements} statements`);
  });
});
