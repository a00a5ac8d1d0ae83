// Seats under concurrency, settled by the event's row lock: 200 enterprises racing for 50 seats,
// 30 retries of one request racing each other, 10 confirmed registrations cancelled at once.
import {
  CANCEL_REGISTRATION,
  REGISTER,
  createEvent,
  creditCodeFor,
  eventRows,
  makeKeys,
  registrationInput,
} from './event-fixtures';
import { startTestApi, type GraphQLResponse, type TestApi } from '../support/test-api';

let api: TestApi;
let keys: Awaited<ReturnType<typeof makeKeys>>;
const TAG = 'events-concurrency';
const code = (name: string) => `T-EVC-${name}`;

beforeAll(async () => {
  // A pool of 8: up to 8 transactions race for the event's lock at any moment.
  api = await startTestApi({ poolSize: 8 });
  keys = await makeKeys(api.sql, TAG);
});
afterAll(() => api.close());

/** Positions 1..n exactly, in registration order. */
const expectGapless = (positions: (number | null)[]) =>
  expect(positions).toEqual(positions.map((_, index) => index + 1));

describe('200 concurrent registrations for 50 seats', () => {
  const eventCode = code('SEATS');
  let results: GraphQLResponse<Record<string, any>>[];
  let elapsedMs: number;

  beforeAll(async () => {
    await createEvent(api, keys.staffA, eventCode, { capacity: 50 });
    const started = Date.now();
    results = await Promise.all(
      Array.from({ length: 200 }, (_, n) =>
        api.graphql(
          REGISTER,
          { input: registrationInput(eventCode, creditCodeFor(TAG, n)) },
          n % 2 ? keys.partnerA : keys.partnerB,
        ),
      ),
    );
    elapsedMs = Date.now() - started;
    console.log(`200 concurrent registrations for 50 seats took ${elapsedMs} ms`);
  });

  it('answers every one without an error', () => {
    expect(results.filter((result) => result.errors)).toEqual([]);
  });

  it('confirms exactly 50 and waitlists 150 with positions 1..150, no gaps', async () => {
    const statuses = results.map((result) => result.data!.registerForEvent.registration.status);
    expect(statuses.filter((status) => status === 'CONFIRMED')).toHaveLength(50);
    expect(statuses.filter((status) => status === 'WAITLISTED')).toHaveLength(150);
    const positions = results
      .map((result) => result.data!.registerForEvent.registration.waitlistPosition)
      .filter((position) => position !== null)
      .sort((a, b) => a - b);
    expectGapless(positions);

    const { event, registrations, changes } = await eventRows(api, eventCode);
    expect(registrations.filter((r) => r.status === 'CONFIRMED')).toHaveLength(50);
    const waitlisted = registrations.filter((r) => r.status === 'WAITLISTED');
    // In the table, too: registration order is waitlist order.
    expectGapless(waitlisted.map((r) => r.waitlist_position));
    expect(event).toMatchObject({ capacity: 50, confirmed_count: 50, waitlist_count: 150 });
    expect(changes).toBe(200);
    // The first 50 to take the lock got the seats.
    expect(registrations.slice(0, 50).every((r) => r.status === 'CONFIRMED')).toBe(true);
  });

  it('shows the seats in the event: none left, 150 waiting', async () => {
    const { data } = await api.graphql(
      `query ($code: String!) { event(code: $code) { confirmedCount seatsLeft waitlistCount } }`,
      { code: eventCode },
    );
    expect(data!.event).toEqual({ confirmedCount: 50, seatsLeft: 0, waitlistCount: 150 });
  });

  describe('then 10 confirmed registrations cancelled at once', () => {
    let promotedExpected: string[];
    let cancelled: string[];

    beforeAll(async () => {
      const before = (await eventRows(api, eventCode)).registrations;
      const confirmed = before.filter((r) => r.status === 'CONFIRMED');
      cancelled = confirmed.slice(0, 10).map((r) => r.credit_code);
      promotedExpected = before
        .filter((r) => r.status === 'WAITLISTED')
        .sort((a, b) => a.waitlist_position! - b.waitlist_position!)
        .slice(0, 10)
        .map((r) => r.credit_code);
      const ids = results
        .map((result) => result.data!.registerForEvent.registration)
        .filter((registration) => cancelled.includes(registration.enterprise.creditCode))
        .map((registration) => registration.id);
      expect(ids).toHaveLength(10);
      const started = Date.now();
      const answers = await Promise.all(
        ids.map((id) => api.graphql(CANCEL_REGISTRATION, { id }, keys.staffA)),
      );
      console.log(`10 concurrent cancellations took ${Date.now() - started} ms`);
      expect(answers.filter((answer) => answer.errors)).toEqual([]);
      for (const answer of answers)
        expect(answer.data!.cancelEventRegistration.registration.status).toBe('CANCELLED');
    });

    it('promotes exactly the first 10 waitlisted, never over capacity', async () => {
      const { event, registrations } = await eventRows(api, eventCode);
      const confirmed = registrations.filter((r) => r.status === 'CONFIRMED');
      expect(confirmed).toHaveLength(50);
      expect(confirmed.map((r) => r.credit_code)).toEqual(expect.arrayContaining(promotedExpected));
      expect(
        registrations.filter((r) => r.status === 'CANCELLED').map((r) => r.credit_code),
      ).toEqual(expect.arrayContaining(cancelled));
      expect(event).toMatchObject({ confirmed_count: 50, waitlist_count: 140 });
    });

    it('renumbers the waitlist 1..140 in the order it had', async () => {
      const { registrations } = await eventRows(api, eventCode);
      const waitlisted = registrations.filter((r) => r.status === 'WAITLISTED');
      expect(waitlisted).toHaveLength(140);
      expectGapless(waitlisted.map((r) => r.waitlist_position));
    });

    it('keeps the history of each promotion', async () => {
      const rows: { credit_code: string; statuses: string[] }[] = await api.dataSource.query(
        `SELECT en.credit_code, array_agg(c.status::text ORDER BY c.id) AS statuses
           FROM event_registration r JOIN event e ON e.id = r.event_id JOIN enterprise en ON en.id = r.enterprise_id
           JOIN event_registration_change c ON c.registration_id = r.id
          WHERE e.code = $1 AND en.credit_code = ANY($2) GROUP BY en.credit_code`,
        [eventCode, promotedExpected],
      );
      expect(rows).toHaveLength(10);
      for (const row of rows) expect(row.statuses).toEqual(['WAITLISTED', 'CONFIRMED']);
    });
  });
});

describe('30 concurrent retries of one request', () => {
  it('make one registration; every retry answers with it', async () => {
    const eventCode = code('RETRY');
    await createEvent(api, keys.staffA, eventCode, { capacity: 10 });
    const input = registrationInput(eventCode, creditCodeFor(TAG, 'retry'), {
      idempotencyKey: 'crm-order-4711',
    });
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => api.graphql(REGISTER, { input }, keys.partnerA)),
    );
    expect(answers.filter((answer) => answer.errors)).toEqual([]);
    const ids = new Set(answers.map((answer) => answer.data!.registerForEvent.registration.id));
    expect(ids.size).toBe(1);
    const { event, registrations, changes } = await eventRows(api, eventCode);
    expect(registrations).toHaveLength(1);
    expect(changes).toBe(1);
    expect(event).toMatchObject({ confirmed_count: 1, waitlist_count: 0 });
  });

  it('make one registration when the same key is sent for two events; the other event’s requests get CONFLICT', async () => {
    // The same key for two different events: one wins, the other is a different request.
    const first = code('RETRY-A');
    const second = code('RETRY-B');
    await createEvent(api, keys.staffA, first);
    await createEvent(api, keys.staffA, second);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        api.graphql(
          REGISTER,
          {
            input: registrationInput(n % 2 ? first : second, creditCodeFor(TAG, 'split'), {
              idempotencyKey: 'crm-order-4712',
            }),
          },
          keys.partnerB,
        ),
      ),
    );
    const ok = answers.filter((answer) => !answer.errors);
    const refused = answers.filter((answer) => answer.errors);
    expect(new Set(ok.map((a) => a.data!.registerForEvent.registration.id)).size).toBe(1);
    expect(ok.length).toBe(10);
    for (const answer of refused) expect(answer.errors![0].extensions!.code).toBe('CONFLICT');
    const total =
      (await eventRows(api, first)).registrations.length +
      (await eventRows(api, second)).registrations.length;
    expect(total).toBe(1);
  });
});
