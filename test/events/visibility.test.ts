// Who sees which registrations: anyone sees the event and its counts; the organizer's staff and
// admins every registration (enterprise names, contacts); a partner the ones it made; the public,
// other partners and other institutions' staff an empty list — not an error.
import {
  REGISTER,
  atTime,
  createEvent,
  creditCodeFor,
  makeKeys,
  registrationInput,
  DAY,
  RECORD_ATTENDANCE,
  RECORD_OUTCOME,
} from './event-fixtures';
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
let keys: Awaited<ReturnType<typeof makeKeys>>;
const TAG = 'events-visibility';
const EVENT = 'T-EVV-MATCH';
/** Registration ids by who made them. */
const made: Record<string, string> = {};
const CONTACT: Record<string, string> = {
  'A-1': '13900000001',
  'A-2': '13900000002',
  'B-1': '13900000003',
};

beforeAll(async () => {
  api = await startTestApi();
  // Staff A works at Dongguan's centre, the organizer; staff B at Guangdong's provincial centre.
  keys = await makeKeys(api.sql, TAG, ['C-441900', 'C-440000']);
  await createEvent(api, keys.staffA, EVENT, { capacity: 2 });
  for (const [name, key] of [
    ['A-1', keys.partnerA],
    ['A-2', keys.partnerA],
    ['B-1', keys.partnerB],
  ] as const) {
    const { data, errors } = await api.graphql(
      REGISTER,
      {
        input: registrationInput(EVENT, creditCodeFor(TAG, name), {
          enterprise: { contactPhone: CONTACT[name] },
        }),
      },
      key,
    );
    expect(errors).toBeUndefined();
    made[name] = data!.registerForEvent.registration.id;
  }
  // hold the seats, B-1 waits. A-1 attends and gets a loan.
  const started = new Date(Date.now() + 10.1 * DAY);
  await atTime(api, started, keys.staffA, RECORD_ATTENDANCE, { id: made['A-1'], attended: true });
  const outcome = await atTime(api, started, keys.staffA, RECORD_OUTCOME, {
    input: {
      eventCode: EVENT,
      creditCode: creditCodeFor(TAG, 'A-1'),
      kind: 'FINANCING',
      counterpart: '中国工商银行东莞分行',
      amountYuan: 3_000_000,
    },
  });
  expect(outcome.errors).toBeUndefined();
});
afterAll(() => api.close());

const ALL = ['A-1', 'A-2', 'B-1'];
const MATRIX: [string, keyof Awaited<ReturnType<typeof makeKeys>>, string[]][] = [
  ['the public', 'public', []],
  ['partner A', 'partnerA', ['A-1', 'A-2']],
  ['partner B', 'partnerB', ['B-1']],
  ['staff of another institution', 'staffB', []],
  ['the organizer’s staff', 'staffA', ALL],
  ['an admin', 'admin', ALL],
];

describe.each(MATRIX)('%s', (_who, key, visible) => {
  it('sees the event and its counts', async () => {
    const { data, errors } = await api.graphql(
      `query ($code: String!) { event(code: $code) { code capacity confirmedCount seatsLeft waitlistCount organizer { code } } }`,
      { code: EVENT },
      keys[key],
    );
    expect(errors).toBeUndefined();
    expect(data!.event).toEqual({
      code: EVENT,
      capacity: 2,
      confirmedCount: 2,
      seatsLeft: 0,
      waitlistCount: 1,
      organizer: { code: 'C-441900' },
    });
  });

  it('lists exactly the registrations it may see, in registration order, with their total', async () => {
    const { data, errors } = await api.graphql(
      `query ($code: String!) { event(code: $code) { registrations(first: 10) { totalCount nodes { id enterprise { name } contact { phone } } } } }`,
      { code: EVENT },
      keys[key],
    );
    expect(errors).toBeUndefined();
    const { registrations } = data!.event;
    expect(registrations.nodes.map((node: { id: string }) => node.id)).toEqual(
      visible.map((name) => made[name]),
    );
    expect(registrations.totalCount).toBe(visible.length);
    for (const node of registrations.nodes) {
      const name = ALL.find((candidate) => made[candidate] === node.id)!;
      expect(node.contact.phone).toBe(CONTACT[name]);
    }
  });

  it('reads a registration by id only where it may, null elsewhere', async () => {
    const { data, errors } = await api.graphql(
      `query ($ids: [ID!]!) { nodes(ids: $ids) { ... on EventRegistration { id status } } }`,
      { ids: ALL.map((name) => made[name]) },
      keys[key],
    );
    expect(errors).toBeUndefined();
    expect(data!.nodes.map((node: { id: string } | null) => node?.id ?? null)).toEqual(
      ALL.map((name) => (visible.includes(name) ? made[name] : null)),
    );
  });

  it('sees outcomes only of enterprises whose registration it may see', async () => {
    const { data } = await api.graphql(
      `query ($code: String!) { event(code: $code) { outcomes { kind amountYuan enterprise { creditCode } } } }`,
      { code: EVENT },
      keys[key],
    );
    expect(data!.event.outcomes).toEqual(
      visible.includes('A-1')
        ? [
            {
              kind: 'FINANCING',
              amountYuan: 3_000_000,
              enterprise: { creditCode: creditCodeFor(TAG, 'A-1') },
            },
          ]
        : [],
    );
  });

  it('never finds a phone number it may not see, whatever it asks', async () => {
    const { data } = await api.graphql(
      `query ($code: String!, $ids: [ID!]!) {
        event(code: $code) { registrations(first: 10) { nodes { contact { phone } } } }
        nodes(ids: $ids) { ... on EventRegistration { contact { phone } event { registrations(first: 10) { nodes { contact { phone } } } } } }
        events(first: 20, filter: { regionCode: "441900", search: "专精特新企业银企对接会", startsFrom: "2020-01-01T00:00:00Z" }) { nodes { registrations(first: 10) { nodes { contact { phone } } } } }
      }`,
      { code: EVENT, ids: ALL.map((name) => made[name]) },
      keys[key],
    );
    const text = JSON.stringify(data);
    for (const name of ALL)
      expect([name, text.includes(CONTACT[name])]).toEqual([name, visible.includes(name)]);
  });
});

describe('cancelling a registration', () => {
  it('is NOT_FOUND for those who may not see it, FORBIDDEN to the public', async () => {
    const mutation = `mutation ($id: ID!) { cancelEventRegistration(registrationId: $id) { registration { status } } }`;
    const publicly = await api.graphql(mutation, { id: made['B-1'] });
    expect(publicly.errors![0].extensions!.code).toBe('FORBIDDEN');
    for (const key of [keys.partnerA, keys.staffB]) {
      const { errors } = await api.graphql(mutation, { id: made['B-1'] }, key);
      expect(errors![0].extensions).toEqual({ code: 'NOT_FOUND', field: 'registrationId' });
    }
    const { data } = await api.graphql(
      `query ($code: String!) { event(code: $code) { waitlistCount } }`,
      { code: EVENT },
    );
    expect(data!.event.waitlistCount).toBe(1);
  });
});
