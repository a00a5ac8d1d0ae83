// oneStop with events: each tier lists its institutions' upcoming events that fit the enterprise,
// checked against an oracle computed from the tables, in a fixed number of statements whatever
// the region and eventsPerTier.
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;

interface EventRow {
  code: string;
  starts_at: Date;
  id: number;
  tier: string;
  region_code: string | null;
  scales: string[];
  min_specialization: string;
  category: string | null;
  parent_category: string | null;
}

let upcoming: EventRow[];
let parentOf: Map<string, string | null>;

beforeAll(async () => {
  api = await startTestApi();
  const regions: { code: string; parent_code: string | null }[] = await api.dataSource.query(
    'SELECT code, parent_code FROM region',
  );
  parentOf = new Map(regions.map((region) => [region.code, region.parent_code]));
});
afterAll(() => api.close());

/** Upcoming events of active institutions, read from the tables just before the question. */
async function readUpcoming(): Promise<void> {
  upcoming = await api.dataSource.query(`
    SELECT e.code, e.starts_at, e.id, i.tier, i.region_code, e.eligible_scales::text[] AS scales, e.min_specialization,
           c.code AS category, p.code AS parent_category
      FROM event e JOIN institution i ON i.id = e.organizer_id
      LEFT JOIN service_category c ON c.id = e.category_id LEFT JOIN service_category p ON p.id = c.parent_id
     WHERE i.active AND e.cancelled_at IS NULL AND e.starts_at > now()`);
}

const LEVELS = ['NONE', 'SPECIALIZED', 'LITTLE_GIANT'];

interface Input {
  regionCode: string;
  categoryCode?: string;
  scale?: string;
  specialization?: string;
  eventsPerTier?: number;
}

/** Each tier's events as they must come, nearest tier first. */
function oracle(input: Input): string[][] {
  const chain: (string | null)[] = [];
  for (let code: string | null | undefined = input.regionCode; code; code = parentOf.get(code))
    chain.push(code);
  chain.push(null);
  return chain.map((regionCode) =>
    upcoming
      .filter((e) => (regionCode === null ? e.tier === 'NATIONAL' : e.region_code === regionCode))
      .filter((e) => !input.scale || e.scales.length === 0 || e.scales.includes(input.scale))
      .filter(
        (e) =>
          LEVELS.indexOf(e.min_specialization) <= LEVELS.indexOf(input.specialization ?? 'NONE'),
      )
      .filter(
        (e) =>
          !input.categoryCode ||
          e.category === input.categoryCode ||
          e.parent_category === input.categoryCode,
      )
      .sort((a, b) => a.starts_at.getTime() - b.starts_at.getTime() || a.id - b.id)
      .slice(0, input.eventsPerTier ?? 3)
      .map((e) => e.code),
  );
}

const QUERY = `query ($input: OneStopInput!) {
  oneStop(input: $input) {
    tiers { tier institution { name } events { code title status startsAt seatsLeft organizer { name region { name } } region { name } category { name } } }
  }
}`;

describe('oneStop tiers’ events', () => {
  // Categories no other test file gives its events (they use FIN, DIG, TRD and LAW), so that the
  // oracle and the answer see the same rows while other files create events alongside.
  it.each([
    { regionCode: '441900', categoryCode: 'MAT' },
    { regionCode: '441900', categoryCode: 'POL', scale: 'MEDIUM', eventsPerTier: 20 },
    { regionCode: '440100', categoryCode: 'MAT', specialization: 'SPECIALIZED', eventsPerTier: 1 },
    { regionCode: '650102', categoryCode: 'POL' },
    { regionCode: '110101', categoryCode: 'TAL', eventsPerTier: 5 },
    { regionCode: '420000', categoryCode: 'MAT', scale: 'MICRO', eventsPerTier: 20 },
  ])('lists what the tables say for %p', async (input) => {
    await readUpcoming();
    const { data, errors } = await api.graphql(QUERY, { input });
    expect(errors).toBeUndefined();
    const tiers = data!.oneStop.tiers.map((tier: any) => tier.events.map((e: any) => e.code));
    expect(tiers).toEqual(oracle(input));
    for (const tier of data!.oneStop.tiers)
      for (const event of tier.events) expect(event.status).toBe('SCHEDULED');
  });

  it('finds upcoming events at every tier of the seeded network somewhere', async () => {
    await readUpcoming();
    const tiers = new Set(upcoming.map((event) => event.tier));
    expect([...tiers].sort()).toEqual(['COUNTY', 'MUNICIPAL', 'NATIONAL', 'PROVINCIAL']);
  });

  it('lists no events with eventsPerTier 0, and 3 at most by default', async () => {
    const none = await api.countedGraphql(QUERY, {
      input: { regionCode: '441900', eventsPerTier: 0 },
    });
    expect(none.response.data!.oneStop.tiers.every((tier: any) => tier.events.length === 0)).toBe(
      true,
    );
    const some = await api.graphql(QUERY, { input: { regionCode: '441900' } });
    expect(some.data!.oneStop.tiers.every((tier: any) => tier.events.length <= 3)).toBe(true);
  });

  it('issues the same statements for Beijing, Dongguan and Xinjiang at eventsPerTier 1 and 20', async () => {
    await api.graphql(QUERY, { input: { regionCode: '110101' } }); // the process's reference data
    const counts: string[] = [];
    for (const regionCode of ['110101', '441900', '650102']) {
      for (const eventsPerTier of [1, 20]) {
        const { response, statements } = await api.countedGraphql(QUERY, {
          input: { regionCode, eventsPerTier, categoryCode: 'FIN' },
        });
        expect(response.errors).toBeUndefined();
        counts.push(`${regionCode}@${eventsPerTier}: ${statements}`);
      }
    }
    console.log(`oneStop with events: ${counts.join(', ')}`);
    // The lookup's statement, then every tier's events (with their organizers) in one more.
    expect(counts).toEqual([
      '110101@1: 2',
      '110101@20: 2',
      '441900@1: 2',
      '441900@20: 2',
      '650102@1: 2',
      '650102@20: 2',
    ]);
  });

  it.each([[-1], [21], [2.5]])('refuses eventsPerTier %p naming it', async (eventsPerTier) => {
    const { data, errors } = await api.graphql(QUERY, {
      input: { regionCode: '441900', eventsPerTier },
    });
    // Out of range: our check; not whole: GraphQL's Int, before anything runs (no data at all).
    expect(data ?? null).toBeNull();
    expect(errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(errors![0].message).toContain('eventsPerTier');
  });

  it('prices a lookup by the larger of limitPerTier and eventsPerTier', async () => {
    const cost = async (input: Record<string, unknown>) =>
      (await api.graphql(QUERY, { input: { regionCode: '441900', ...input } })).extensions!.cost
        .estimated as number;
    const few = await cost({ limitPerTier: 1, eventsPerTier: 1 });
    const manyEvents = await cost({ limitPerTier: 1, eventsPerTier: 20 });
    expect(manyEvents).toBeGreaterThanOrEqual(few * 15);
  });
});
