// Finding events: every filter of EventFilter on events of this file's own (they start in a window
// about four years ahead that nothing else uses), soonest first, paged by cursor; Institution.events;
// and the statements a list costs, which do not grow with its page.
import {
  CANCEL_EVENT,
  DAY,
  REGISTER,
  atTime,
  createEvent,
  creditCodeFor,
  makeKeys,
  registrationInput,
} from './event-fixtures';
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
let keys: Awaited<ReturnType<typeof makeKeys>>;
const TAG = 'events-list';
/** The window of this file's events: days 1400..1410 from now. */
const base = Date.now() + 1400 * DAY;
const day = (n: number, hours = 0) => new Date(base + n * DAY + hours * 3_600_000).toISOString();
const WINDOW = { startsFrom: day(0), startsBefore: day(10) };

beforeAll(async () => {
  api = await startTestApi();
  keys = await makeKeys(api.sql, TAG, ['C-441900', 'C-440000']);
  const at = (n: number, closes = n) => ({
    startsAt: day(n),
    endsAt: day(n, 3),
    registrationClosesAt: day(closes),
  });
  // Made out of order: the list must sort them.
  await createEvent(api, keys.staffB, 'T-EVQ-GZ', {
    organizerCode: 'C-440000',
    regionCode: '440100',
    kind: 'SUPPLY_DEMAND_MATCHMAKING',
    categoryCode: 'TRD-FAIR',
    title: '广州跨境展会对接会',
    titleEn: 'Guangzhou trade fair matchmaking',
    minSpecialization: 'SPECIALIZED',
    ...at(2),
  });
  await createEvent(api, keys.staffA, 'T-EVQ-LOAN', {
    title: '东莞银企对接会',
    titleEn: 'Dongguan bank loan matchmaking',
    eligibleScales: ['MICRO', 'SMALL'],
    capacity: 1,
    ...at(1),
  });
  await createEvent(api, keys.staffA, 'T-EVQ-TRAIN', {
    kind: 'TRAINING',
    categoryCode: 'DIG-DIAG',
    title: '数字化转型培训班',
    titleEn: 'Digital transformation training',
    counterparts: [],
    // Registration closes a day after the window opens.
    ...at(3, 1),
  });
  await createEvent(api, keys.admin, 'T-EVQ-BJ', {
    organizerCode: 'C-110000',
    kind: 'POLICY_BRIEFING',
    categoryCode: 'LAW-CONS',
    title: '中小企业合同风险法律宣讲会',
    titleEn: 'Contract law briefing',
    counterparts: [],
    ...at(4),
  });
  await createEvent(api, keys.staffA, 'T-EVQ-EQUITY', {
    categoryCode: 'FIN-EQTY',
    title: '专精特新企业股权融资路演',
    titleEn: 'Equity roadshow for specialized SMEs',
    ...at(5),
  });
  expect(
    (await api.graphql(CANCEL_EVENT, { code: 'T-EVQ-BJ' }, keys.admin)).errors,
  ).toBeUndefined();
  // The loan session's only seat is taken.
  const taken = await api.graphql(
    REGISTER,
    { input: registrationInput('T-EVQ-LOAN', creditCodeFor(TAG, 0)) },
    keys.partnerA,
  );
  expect(taken.errors).toBeUndefined();
});
afterAll(() => api.close());

const LIST = `query ($filter: EventFilter, $first: Int, $after: String) {
  events(filter: $filter, first: $first, after: $after) { totalCount nodes { code } pageInfo { hasNextPage endCursor } }
}`;

async function codes(filter: Record<string, unknown>, key = keys.public): Promise<string[]> {
  const { data, errors } = await api.graphql(
    LIST,
    { filter: { ...WINDOW, ...filter }, first: 50 },
    key,
  );
  expect(errors).toBeUndefined();
  expect(data!.events.totalCount).toBe(data!.events.nodes.length);
  return data!.events.nodes.map((node: { code: string }) => node.code);
}

describe('events(filter)', () => {
  it('lists every status, soonest first', async () => {
    expect(await codes({})).toEqual([
      'T-EVQ-LOAN',
      'T-EVQ-GZ',
      'T-EVQ-TRAIN',
      'T-EVQ-BJ',
      'T-EVQ-EQUITY',
    ]);
  });

  it.each([
    [
      'a province: the region and everything below it',
      { regionCode: '44' },
      ['T-EVQ-LOAN', 'T-EVQ-GZ', 'T-EVQ-TRAIN', 'T-EVQ-EQUITY'],
    ],
    ['a prefecture', { regionCode: '4401' }, ['T-EVQ-GZ']],
    ['a county: only itself', { regionCode: '110101' }, []],
    ['kinds', { kind: ['TRAINING', 'POLICY_BRIEFING'] }, ['T-EVQ-TRAIN', 'T-EVQ-BJ']],
    [
      'a top category, with its sub-categories',
      { categoryCode: 'FIN' },
      ['T-EVQ-LOAN', 'T-EVQ-EQUITY'],
    ],
    ['a sub-category', { categoryCode: 'FIN-EQTY' }, ['T-EVQ-EQUITY']],
    ['a status', { status: ['CANCELLED'] }, ['T-EVQ-BJ']],
    [
      'statuses',
      { status: ['SCHEDULED'] },
      ['T-EVQ-LOAN', 'T-EVQ-GZ', 'T-EVQ-TRAIN', 'T-EVQ-EQUITY'],
    ],
    ['a time window', { startsFrom: day(2), startsBefore: day(4) }, ['T-EVQ-GZ', 'T-EVQ-TRAIN']],
    [
      'open for registration: registration open and a seat left',
      { openForRegistration: true },
      ['T-EVQ-GZ', 'T-EVQ-TRAIN', 'T-EVQ-EQUITY'],
    ],
    [
      'not open for registration: full or cancelled',
      { openForRegistration: false },
      ['T-EVQ-LOAN', 'T-EVQ-BJ'],
    ],
    [
      'a scale the event is open to',
      { scale: 'MEDIUM' },
      ['T-EVQ-GZ', 'T-EVQ-TRAIN', 'T-EVQ-BJ', 'T-EVQ-EQUITY'],
    ],
    [
      'a standing the event admits',
      { specialization: 'NONE' },
      ['T-EVQ-LOAN', 'T-EVQ-TRAIN', 'T-EVQ-BJ', 'T-EVQ-EQUITY'],
    ],
    ['a Chinese search', { search: '银企对接' }, ['T-EVQ-LOAN']],
    ['an English search, any case', { search: 'EQUITY roadshow' }, ['T-EVQ-EQUITY']],
    ['a misspelt English search', { search: 'Guangzhuo' }, ['T-EVQ-GZ']],
    [
      'several fields at once',
      { regionCode: '441900', categoryCode: 'FIN', openForRegistration: true, scale: 'SMALL' },
      ['T-EVQ-EQUITY'],
    ],
  ])('narrows by %s', async (_what, filter, expected) => {
    expect(await codes(filter)).toEqual(expected);
  });

  it('tells open from closed by the clock: once the training’s registration has closed it is not open', async () => {
    const later = new Date(base + 1.5 * DAY);
    const { data } = await atTime(api, later, keys.public, LIST, {
      filter: { ...WINDOW, openForRegistration: true },
      first: 10,
    });
    expect(data!.events.nodes.map((node: { code: string }) => node.code)).toEqual([
      'T-EVQ-GZ',
      'T-EVQ-EQUITY',
    ]);
    const completed = await atTime(api, new Date(base + 2.5 * DAY), keys.public, LIST, {
      filter: { ...WINDOW, status: ['COMPLETED'] },
      first: 10,
    });
    expect(completed.data!.events.nodes.map((node: { code: string }) => node.code)).toEqual([
      'T-EVQ-LOAN',
      'T-EVQ-GZ',
    ]);
  });

  it('pages by cursor, soonest first, and refuses another list’s cursor', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const response: any = await api.graphql(LIST, { filter: WINDOW, first: 2, after });
      seen.push(...response.data.events.nodes.map((node: { code: string }) => node.code));
      after = response.data.events.pageInfo.hasNextPage
        ? response.data.events.pageInfo.endCursor
        : null;
    } while (after);
    expect(seen).toEqual(await codes({}));
    const institutions = await api.graphql(`{ institutions(first: 1) { pageInfo { endCursor } } }`);
    const foreign = await api.graphql(LIST, {
      filter: WINDOW,
      first: 2,
      after: institutions.data!.institutions.pageInfo.endCursor,
    });
    expect(foreign.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it.each([
    [{ regionCode: '4419001' }, 'filter.regionCode'],
    [{ categoryCode: 'fin' }, 'filter.categoryCode'],
    [{ search: 'x'.repeat(101) }, 'filter.search'],
  ])('refuses %p naming %s', async (filter, field) => {
    const { errors } = await api.graphql(LIST, { filter, first: 5 });
    expect(errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});

describe('Institution.events', () => {
  it('lists the institution’s own events with the same filter', async () => {
    const { data } = await api.graphql(
      `query ($filter: EventFilter) { institution(code: "C-441900") { events(first: 10, filter: $filter) { totalCount nodes { code organizer { code } } } } }`,
      { filter: WINDOW },
    );
    expect(data!.institution.events.nodes.map((node: any) => node.code)).toEqual([
      'T-EVQ-LOAN',
      'T-EVQ-TRAIN',
      'T-EVQ-EQUITY',
    ]);
    expect(data!.institution.events.totalCount).toBe(3);
  });
});

describe('statements per request', () => {
  it('lists events with their organizer, region and category in the same statements for 5 and 50', async () => {
    const query = `query ($first: Int) { events(first: $first) { totalCount nodes { code status seatsLeft organizer { name } region { name } category { name } } } }`;
    const small = await api.countedGraphql(query, { first: 5 });
    const large = await api.countedGraphql(query, { first: 50 });
    expect(small.response.errors).toBeUndefined();
    expect(large.response.data!.events.nodes).toHaveLength(50);
    console.log(`events: ${small.statements} statements for 5, ${large.statements} for 50`);
    // The page, its total, the organizers.
    expect([small.statements, large.statements]).toEqual([3, 3]);
  });

  it('lists the events of 5 or 50 institutions in the same statements', async () => {
    const query = `query ($first: Int) { institutions(first: $first, filter: { tier: [MUNICIPAL], kind: [PUBLIC] }) {
      nodes { code events(first: 3) { totalCount nodes { code title organizer { code } region { name } category { name } } } } } }`;
    const few = await api.countedGraphql(query, { first: 5 });
    const many = await api.countedGraphql(query, { first: 50 });
    expect(many.response.errors).toBeUndefined();
    const withEvents = many.response.data!.institutions.nodes.filter(
      (node: any) => node.events.nodes.length > 0,
    );
    expect(withEvents.length).toBeGreaterThan(10);
    console.log(
      `Institution.events: ${few.statements} statements for 5 institutions, ${many.statements} for 50`,
    );
    // The institutions, every institution's events (with totals) in one statement, and the
    // organizers read once with every column Event.organizer may need.
    expect([few.statements, many.statements]).toEqual([3, 3]);
  });
});
