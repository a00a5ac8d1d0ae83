// Every event write empties the anonymous response cache: seats and statuses are what anonymous
// readers see, and a cached answer must not show a seat that is gone.
import {
  CANCEL_EVENT,
  REGISTER,
  createEvent,
  creditCodeFor,
  makeKeys,
  registrationInput,
} from './event-fixtures';
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
let keys: Awaited<ReturnType<typeof makeKeys>>;
const TAG = 'events-cache';
const EVENT = 'T-EVK-CACHED';
const QUERY = `query ($code: String!) { event(code: $code) { status seatsLeft } }`;

beforeAll(async () => {
  api = await startTestApi({ responseCacheSeconds: 30 });
  keys = await makeKeys(api.sql, TAG);
  await createEvent(api, keys.staffA, EVENT, { capacity: 3 });
});
afterAll(() => api.close());

it('answers anonymous readers afresh after a registration and a cancellation', async () => {
  expect((await api.graphql(QUERY, { code: EVENT })).data!.event.seatsLeft).toBe(3);
  // Served from the cache: no statement.
  const cached = await api.countedGraphql(QUERY, { code: EVENT });
  expect([cached.statements, cached.response.data!.event.seatsLeft]).toEqual([0, 3]);

  const registered = await api.graphql(
    REGISTER,
    { input: registrationInput(EVENT, creditCodeFor(TAG, 0)) },
    keys.partnerA,
  );
  expect(registered.errors).toBeUndefined();
  expect((await api.graphql(QUERY, { code: EVENT })).data!.event.seatsLeft).toBe(2);

  expect((await api.graphql(CANCEL_EVENT, { code: EVENT }, keys.staffA)).errors).toBeUndefined();
  expect((await api.graphql(QUERY, { code: EVENT })).data!.event).toEqual({
    status: 'CANCELLED',
    seatsLeft: 3,
  });
});

it('answers anonymous readers afresh after a registration sent inside a fragment', async () => {
  const code = 'T-EVK-FRAGMENT';
  await createEvent(api, keys.staffA, code, { capacity: 3 });
  expect((await api.graphql(QUERY, { code })).data!.event.seatsLeft).toBe(3);
  // The write is not a top-level field of the document: it runs all the same.
  const inFragment = `mutation ($input: RegisterForEventInput!) {
    ... on Mutation { registerForEvent(input: $input) { registration { status } } } }`;
  const registered = await api.graphql(
    inFragment,
    { input: registrationInput(code, creditCodeFor(TAG, 1)) },
    keys.partnerA,
  );
  expect(registered.errors).toBeUndefined();
  expect((await api.graphql(QUERY, { code })).data!.event.seatsLeft).toBe(2);
});
