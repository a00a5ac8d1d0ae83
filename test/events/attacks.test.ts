// What a careless or hostile client gets from the events API: NUL characters refused in every
// new text input (naming it), huge values refused with a short message, forged and foreign ids
// and cursors refused or answered as nothing — and nothing written.
import { toGlobalId } from '../../src/schema/global-id';
import {
  CANCEL_EVENT,
  CANCEL_REGISTRATION,
  CREATE_EVENT,
  RECORD_ATTENDANCE,
  RECORD_OUTCOME,
  REGISTER,
  UPDATE_EVENT,
  createEvent,
  creditCodeFor,
  eventInput,
  eventRows,
  makeKeys,
  registrationInput,
} from './event-fixtures';
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
let keys: Awaited<ReturnType<typeof makeKeys>>;
const TAG = 'events-attacks';
const EVENT = 'T-EVA-TARGET';
let registration: string;

beforeAll(async () => {
  api = await startTestApi();
  keys = await makeKeys(api.sql, TAG);
  await createEvent(api, keys.staffA, EVENT);
  const { data } = await api.graphql(
    REGISTER,
    { input: registrationInput(EVENT, creditCodeFor(TAG, 0)) },
    keys.partnerA,
  );
  registration = data!.registerForEvent.registration.id;
});
afterAll(() => api.close());

const NUL = 'a\u0000b';
const outcome = (overrides: Record<string, unknown> = {}) => ({
  eventCode: EVENT,
  creditCode: creditCodeFor(TAG, 0),
  kind: 'FINANCING',
  counterpart: '银行',
  ...overrides,
});
const LIST = `query ($filter: EventFilter) { events(first: 5, filter: $filter) { totalCount } }`;

/** Every new text input, with NUL in it: [name, document, variables, key, the field named]. */
const WITH_NUL: [
  string,
  string,
  Record<string, unknown>,
  keyof Awaited<ReturnType<typeof makeKeys>>,
  string,
][] = [
  ...['organizerCode', 'code', 'title', 'titleEn', 'regionCode', 'categoryCode', 'venue'].map(
    (field): [string, string, Record<string, unknown>, 'staffA', string] => [
      `createEvent ${field}`,
      CREATE_EVENT,
      { input: eventInput('T-EVA-NUL', { [field]: NUL }) },
      'staffA',
      `input.${field}`,
    ],
  ),
  [
    'createEvent counterparts',
    CREATE_EVENT,
    { input: eventInput('T-EVA-NUL', { counterparts: ['ok', NUL] }) },
    'staffA',
    'input.counterparts[1]',
  ],
  [
    'updateEvent title',
    UPDATE_EVENT,
    { input: { code: EVENT, title: NUL } },
    'staffA',
    'input.title',
  ],
  ['updateEvent code', UPDATE_EVENT, { input: { code: NUL, venue: 'x' } }, 'staffA', 'input.code'],
  ['cancelEvent code', CANCEL_EVENT, { code: NUL }, 'staffA', 'code'],
  [
    'registerForEvent idempotencyKey',
    REGISTER,
    { input: registrationInput(EVENT, creditCodeFor(TAG, 1), { idempotencyKey: NUL }) },
    'partnerA',
    'input.idempotencyKey',
  ],
  [
    'registerForEvent eventCode',
    REGISTER,
    { input: registrationInput(NUL, creditCodeFor(TAG, 1)) },
    'partnerA',
    'input.eventCode',
  ],
  [
    'registerForEvent enterprise.name',
    REGISTER,
    { input: registrationInput(EVENT, creditCodeFor(TAG, 1), { enterprise: { name: NUL } }) },
    'partnerA',
    'input.enterprise.name',
  ],
  [
    'registerForEvent enterprise.contactName',
    REGISTER,
    {
      input: registrationInput(EVENT, creditCodeFor(TAG, 1), { enterprise: { contactName: NUL } }),
    },
    'partnerA',
    'input.enterprise.contactName',
  ],
  ['cancelEventRegistration registrationId', CANCEL_REGISTRATION, { id: NUL }, 'partnerA', 'id'],
  [
    'recordAttendance registrationId',
    RECORD_ATTENDANCE,
    { id: NUL, attended: true },
    'staffA',
    'id',
  ],
  [
    'recordOutcome counterpart',
    RECORD_OUTCOME,
    { input: outcome({ counterpart: NUL }) },
    'staffA',
    'input.counterpart',
  ],
  ['recordOutcome note', RECORD_OUTCOME, { input: outcome({ note: NUL }) }, 'staffA', 'input.note'],
  [
    'recordOutcome creditCode',
    RECORD_OUTCOME,
    { input: outcome({ creditCode: NUL }) },
    'staffA',
    'input.creditCode',
  ],
  [
    'event code',
    `query ($code: String!) { event(code: $code) { id } }`,
    { code: NUL },
    'public',
    'code',
  ],
  ['events filter.search', LIST, { filter: { search: NUL } }, 'public', 'filter.search'],
  [
    'events filter.regionCode',
    LIST,
    { filter: { regionCode: NUL } },
    'public',
    'filter.regionCode',
  ],
  [
    'events filter.categoryCode',
    LIST,
    { filter: { categoryCode: NUL } },
    'public',
    'filter.categoryCode',
  ],
];

describe('NUL characters', () => {
  it.each(WITH_NUL)(
    'are refused in %s, naming it, before anything runs',
    async (_what, query, variables, key, field) => {
      const before = await eventRows(api, EVENT);
      const { data, errors } = await api.graphql(query, variables, keys[key]);
      expect(data ?? null).toBeNull();
      expect(errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(await eventRows(api, EVENT)).toEqual(before);
    },
  );

  it('are refused in literals too', async () => {
    const { errors } = await api.graphql(
      `{ events(first: 1, filter: { search: "a\\u0000b" }) { totalCount } }`,
    );
    expect(errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.search' });
  });
});

describe('huge values', () => {
  it.each([
    [
      'a 10,000-character title',
      CREATE_EVENT,
      { input: eventInput('T-EVA-HUGE', { title: '长'.repeat(10_000) }) },
      'staffA',
      'title',
    ],
    [
      '1,000 counterparts',
      CREATE_EVENT,
      { input: eventInput('T-EVA-HUGE', { counterparts: Array(1000).fill('某银行') }) },
      'staffA',
      'counterparts',
    ],
    [
      'a capacity of a million',
      CREATE_EVENT,
      { input: eventInput('T-EVA-HUGE', { capacity: 1_000_000 }) },
      'staffA',
      'capacity',
    ],
    [
      'a start in the year 9999',
      CREATE_EVENT,
      {
        input: eventInput('T-EVA-HUGE', {
          startsAt: '9999-01-01T00:00:00Z',
          endsAt: '9999-01-02T00:00:00Z',
        }),
      },
      'staffA',
      'startsAt',
    ],
    [
      'a 5,000-character idempotency key',
      REGISTER,
      {
        input: registrationInput(EVENT, creditCodeFor(TAG, 2), {
          idempotencyKey: 'k'.repeat(5000),
        }),
      },
      'partnerA',
      'idempotencyKey',
    ],
    [
      'a 5,000-character event code',
      REGISTER,
      { input: registrationInput('E'.repeat(5000), creditCodeFor(TAG, 2)) },
      'partnerA',
      'eventCode',
    ],
    [
      'a 3,000-character outcome note',
      RECORD_OUTCOME,
      { input: outcome({ note: 'n'.repeat(3000) }) },
      'staffA',
      'note',
    ],
  ] as const)(
    'refuses %s with a short message naming the field',
    async (_what, query, variables, key, field) => {
      const { data, errors } = await api.graphql(
        query,
        variables as Record<string, unknown>,
        keys[key],
      );
      expect(data).toBeNull();
      expect(errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(errors![0].message.length).toBeLessThan(300);
    },
  );

  it.each([
    ['a fraction of a yuan', 2.9],
    ['a number past what is exact', 1e300],
    ['a number as text', '12'],
  ])('refuses %s as amountYuan instead of rounding it', async (_what, amountYuan) => {
    const { data, errors } = await api.graphql(
      RECORD_OUTCOME,
      { input: outcome({ amountYuan }) },
      keys.staffA,
    );
    expect(data ?? null).toBeNull();
    expect(errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(errors![0].message).toContain('amountYuan');
    const [{ count }] = await api.dataSource.query(
      `SELECT count(*)::int AS count FROM matchmaking_outcome o JOIN event e ON e.id = o.event_id
        WHERE e.code = $1`,
      [EVENT],
    );
    expect(count).toBe(0);
  });

  it('refuses amounts and capacities past what the scalars carry', async () => {
    const amount = await api.graphql(
      RECORD_OUTCOME,
      { input: outcome({ amountYuan: 1e20 }) },
      keys.staffA,
    );
    expect(amount.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const negative = await api.graphql(
      RECORD_OUTCOME,
      { input: outcome({ amountYuan: -1 }) },
      keys.staffA,
    );
    expect(negative.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const capacity = await api.graphql(
      CREATE_EVENT,
      { input: eventInput('T-EVA-HUGE', { capacity: 2 ** 31 }) },
      keys.staffA,
    );
    expect(capacity.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const date = await api.graphql(
      CREATE_EVENT,
      { input: eventInput('T-EVA-HUGE', { startsAt: 'tomorrow' }) },
      keys.staffA,
    );
    expect(date.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const [{ count }] = await api.dataSource.query(
      `SELECT count(*)::int AS count FROM event WHERE code LIKE 'T-EVA-HUGE%'`,
    );
    expect(count).toBe(0);
  });
});

describe('forged and foreign ids', () => {
  const forged = [
    [
      'a Referral id',
      toGlobalId('Referral', '00000000-0000-0000-0000-000000000000'),
      'BAD_USER_INPUT',
    ],
    ['an id outside int4', toGlobalId('EventRegistration', '99999999999'), 'BAD_USER_INPUT'],
    ['an id with SQL in it', toGlobalId('EventRegistration', '1 OR 1=1'), 'BAD_USER_INPUT'],
    ['an id that is not base64', '!!!', 'BAD_USER_INPUT'],
    ['a well-formed id of nothing', toGlobalId('EventRegistration', 2_000_000_000), 'NOT_FOUND'],
  ] as const;

  it.each(forged)(
    'refuses %s in cancelEventRegistration and recordAttendance',
    async (_what, id, code) => {
      for (const [query, variables, key] of [
        [CANCEL_REGISTRATION, { id }, keys.partnerA],
        [RECORD_ATTENDANCE, { id, attended: true }, keys.staffA],
      ] as const) {
        const { errors } = await api.graphql(query, variables, key);
        expect(errors![0].extensions).toEqual({ code, field: 'registrationId' });
      }
    },
  );

  it.each(forged)('answers %s with null in node(id)', async (_what, id) => {
    const { data, errors } = await api.graphql(
      `query ($id: ID!) { node(id: $id) { id } }`,
      { id },
      keys.admin,
    );
    expect(errors).toBeUndefined();
    expect(data!.node).toBeNull();
  });

  it('reads an Event node by its id, and a registration only with the right key', async () => {
    const event = await api.graphql(`query ($code: String!) { event(code: $code) { id } }`, {
      code: EVENT,
    });
    const id = event.data!.event.id;
    const node = await api.graphql(`query ($id: ID!) { node(id: $id) { ... on Event { code } } }`, {
      id,
    });
    expect(node.data!.node).toEqual({ code: EVENT });
    const mine = await api.graphql(
      `query ($id: ID!) { node(id: $id) { id } }`,
      { id: registration },
      keys.partnerA,
    );
    const theirs = await api.graphql(
      `query ($id: ID!) { node(id: $id) { id } }`,
      { id: registration },
      keys.partnerB,
    );
    expect([mine.data!.node?.id, theirs.data!.node]).toEqual([registration, null]);
  });

  it('refuses forged cursors of events and registrations', async () => {
    for (const after of [
      'garbage',
      Buffer.from('[1e309, 1]').toString('base64url'),
      Buffer.from('["x", 1]').toString('base64url'),
    ]) {
      const list = await api.graphql(
        `query ($after: String) { events(first: 1, after: $after) { totalCount } }`,
        { after },
      );
      expect(list.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
      const registrations = await api.graphql(
        `query ($code: String!, $after: String) { event(code: $code) { registrations(first: 1, after: $after) { totalCount } } }`,
        { code: EVENT, after },
        keys.staffA,
      );
      expect(registrations.errors![0].extensions).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'after',
      });
    }
  });
});
