// An event from creation to outcomes: who may create and change it and with which values, seats
// that never drop below those held, attendance only once it has started, outcomes only for those
// who came, cancellation with every live registration and its history.
import {
  CANCEL_EVENT,
  CANCEL_REGISTRATION,
  CREATE_EVENT,
  DAY,
  RECORD_ATTENDANCE,
  RECORD_OUTCOME,
  REGISTER,
  UPDATE_EVENT,
  atTime,
  bearer,
  createEvent,
  creditCodeFor,
  eventInput,
  eventRows,
  fromNow,
  makeKeys,
  registrationInput,
} from './event-fixtures';
import { createApiKey } from '../../src/auth/api-key.commands';
import { createScratchNetwork, type ScratchNetwork } from '../support/scratch-network';
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
let keys: Awaited<ReturnType<typeof makeKeys>>;
const TAG = 'events-lifecycle';
const code = (name: string) => `T-EVL-${name}`;

beforeAll(async () => {
  api = await startTestApi();
  // Staff A works at Dongguan's centre; staff B at Guangdong's provincial centre.
  keys = await makeKeys(api.sql, TAG, ['C-441900', 'C-440000']);
});
afterAll(() => api.close());

/** Registers enterprises 0..n-1 of this file for an event; their registration ids in order. */
async function register(eventCode: string, n: number, from = 0): Promise<string[]> {
  const ids: string[] = [];
  for (let i = from; i < from + n; i++) {
    const { data, errors } = await api.graphql(
      REGISTER,
      { input: registrationInput(eventCode, creditCodeFor(TAG, `${eventCode}-${i}`)) },
      keys.partnerA,
    );
    if (errors) throw new Error(JSON.stringify(errors));
    ids.push(data!.registerForEvent.registration.id);
  }
  return ids;
}

describe('createEvent', () => {
  it('makes a SCHEDULED event in the organizer’s region, with its fields as given', async () => {
    const { data, errors } = await api.graphql(
      `mutation ($input: CreateEventInput!) { createEvent(input: $input) { event {
        code title titleEn kind status organizer { code } region { code } category { code } deliveryMode venue
        capacity confirmedCount seatsLeft waitlistCount eligibleScales minSpecialization counterparts
        startsAt endsAt registrationClosesAt registrations { totalCount } outcomes { kind } } } }`,
      { input: eventInput(code('NEW'), { eligibleScales: ['MICRO', 'SMALL', 'SMALL'] }) },
      keys.staffA,
    );
    expect(errors).toBeUndefined();
    const event = data!.createEvent.event;
    expect(event).toMatchObject({
      code: code('NEW'),
      kind: 'FINANCING_MATCHMAKING',
      status: 'SCHEDULED',
      organizer: { code: 'C-441900' },
      region: { code: '441900' },
      category: { code: 'FIN-LOAN' },
      capacity: 5,
      confirmedCount: 0,
      seatsLeft: 5,
      waitlistCount: 0,
      eligibleScales: ['MICRO', 'SMALL'],
      minSpecialization: 'NONE',
      counterparts: ['中国工商银行东莞分行', '东莞农村商业银行'],
      registrations: { totalCount: 0 },
      outcomes: [],
    });
    // Registration closes when it starts unless told otherwise.
    expect(event.registrationClosesAt).toBe(event.startsAt);
  });

  it.each([
    ['an end before the start', { endsAt: fromNow(9) }, 'BAD_USER_INPUT', 'endsAt'],
    [
      'a deadline after the start',
      { registrationClosesAt: fromNow(11) },
      'BAD_USER_INPUT',
      'registrationClosesAt',
    ],
    [
      'a start that has passed',
      { startsAt: fromNow(-1), endsAt: fromNow(1) },
      'BAD_USER_INPUT',
      'startsAt',
    ],
    ['no seats', { capacity: 0 }, 'BAD_USER_INPUT', 'capacity'],
    ['a malformed code', { code: 'ev 1' }, 'BAD_USER_INPUT', 'code'],
    ['an unknown category', { categoryCode: 'XYZ' }, 'NOT_FOUND', 'categoryCode'],
    ['a region outside the organizer’s', { regionCode: '110101' }, 'BAD_USER_INPUT', 'regionCode'],
    ['a region that does not exist', { regionCode: '441999' }, 'NOT_FOUND', 'regionCode'],
    ['an unknown organizer', { organizerCode: 'C-999999' }, 'NOT_FOUND', 'organizerCode'],
  ])('refuses %s', async (_what, overrides, errorCode, field) => {
    const { data, errors } = await api.graphql(
      CREATE_EVENT,
      { input: eventInput(code('BAD'), overrides) },
      keys.admin,
    );
    expect(data).toBeNull();
    expect(errors![0].extensions).toEqual({ code: errorCode, field });
    expect(errors![0].message).toContain(field);
  });

  it('needs a region for the national centre, and takes one anywhere', async () => {
    const without = await api.graphql(
      CREATE_EVENT,
      { input: eventInput(code('NATIONAL'), { organizerCode: 'C-000000' }) },
      keys.admin,
    );
    expect(without.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'regionCode' });
    expect(without.errors![0].message).toContain('national centre');
    const { data } = await api.graphql(
      `mutation ($input: CreateEventInput!) { createEvent(input: $input) { event { region { code } } } }`,
      { input: eventInput(code('NATIONAL'), { organizerCode: 'C-000000', regionCode: '65' }) },
      keys.admin,
    );
    expect(data!.createEvent.event.region.code).toBe('650000');
  });

  it('lets only the organizer’s staff and admins create, and refuses a code twice', async () => {
    for (const key of [keys.public, keys.partnerA, keys.staffB]) {
      const { errors } = await api.graphql(CREATE_EVENT, { input: eventInput(code('WHO')) }, key);
      expect(errors![0].extensions!.code).toBe('FORBIDDEN');
    }
    expect(
      (await api.graphql(CREATE_EVENT, { input: eventInput(code('WHO')) }, keys.staffA)).errors,
    ).toBeUndefined();
    const again = await api.graphql(CREATE_EVENT, { input: eventInput(code('WHO')) }, keys.admin);
    expect(again.errors![0].extensions!.code).toBe('CONFLICT');
  });
});

describe('an inactive organizer', () => {
  // On a database of this test's own: withdrawing an institution changes the network.
  let network: ScratchNetwork;
  let scratchApi: TestApi;
  beforeAll(async () => {
    network = await createScratchNetwork('events_inactive');
    scratchApi = await startTestApi({ databaseUrl: network.url });
  });
  afterAll(async () => {
    await scratchApi?.close();
    await network?.drop();
  });

  it('runs no new events', async () => {
    const admin = bearer(
      (await createApiKey(network.sql, { role: 'ADMIN', name: 'inactive admin' })).key,
    );
    const withdrawn = await scratchApi.graphql(
      `mutation { updateInstitution(input: { code: "C-441900", active: false }) { institution { active } } }`,
      {},
      admin,
    );
    expect(withdrawn.data!.updateInstitution.institution.active).toBe(false);
    const { errors } = await scratchApi.graphql(
      CREATE_EVENT,
      { input: eventInput(code('INACTIVE')) },
      admin,
    );
    expect(errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'organizerCode' });
    expect(errors![0].message).toContain('inactive');
  });
});

describe('updateEvent', () => {
  it('never lowers capacity below the seats held, and nothing changes on refusal', async () => {
    const eventCode = code('SHRINK');
    await createEvent(api, keys.staffA, eventCode, { capacity: 4 });
    await register(eventCode, 3);
    const { errors } = await api.graphql(
      UPDATE_EVENT,
      { input: { code: eventCode, capacity: 2, title: '新标题' } },
      keys.staffA,
    );
    expect(errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'capacity' });
    expect(errors![0].message).toContain('below the 3 seats already held');
    const { event } = await eventRows(api, eventCode);
    expect(event).toMatchObject({ capacity: 4, confirmed_count: 3 });
    const ok = await api.graphql(
      UPDATE_EVENT,
      { input: { code: eventCode, capacity: 3 } },
      keys.staffA,
    );
    expect(ok.data!.updateEvent.event).toMatchObject({ capacity: 3, seatsLeft: 0 });
  });

  it('gives added seats to the waitlist first, in order, and renumbers the rest', async () => {
    const eventCode = code('GROW');
    await createEvent(api, keys.staffA, eventCode, { capacity: 2 });
    const ids = await register(eventCode, 6);
    const { data } = await api.graphql(
      UPDATE_EVENT,
      { input: { code: eventCode, capacity: 4 } },
      keys.staffA,
    );
    expect(data!.updateEvent.event).toMatchObject({
      capacity: 4,
      confirmedCount: 4,
      seatsLeft: 0,
      waitlistCount: 2,
    });
    const { registrations } = await eventRows(api, eventCode);
    expect(registrations.map((r) => [r.status, r.waitlist_position])).toEqual([
      ['CONFIRMED', null],
      ['CONFIRMED', null],
      ['CONFIRMED', null],
      ['CONFIRMED', null],
      ['WAITLISTED', 1],
      ['WAITLISTED', 2],
    ]);
    const history = await api.graphql(
      `query ($id: ID!) { node(id: $id) { ... on EventRegistration { history { status note } } } }`,
      { id: ids[2] },
      keys.staffA,
    );
    expect(history.data!.node.history).toEqual([
      { status: 'WAITLISTED', note: null },
      { status: 'CONFIRMED', note: 'promoted from the waitlist: capacity raised to 4' },
    ]);
  });

  it('changes title, venue and times, and refuses what the organizer of another event may not', async () => {
    const eventCode = code('EDIT');
    await createEvent(api, keys.staffA, eventCode);
    const startsAt = fromNow(20);
    const { data, errors } = await api.graphql(
      `mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { event { title venue startsAt endsAt registrationClosesAt } } }`,
      {
        input: {
          code: eventCode,
          title: '改期后的对接会',
          venue: '线上',
          startsAt,
          endsAt: fromNow(20.1),
        },
      },
      keys.staffA,
    );
    expect(errors).toBeUndefined();
    expect(data!.updateEvent.event).toMatchObject({
      title: '改期后的对接会',
      venue: '线上',
      startsAt,
    });
    // The deadline was the start: it moved along.
    expect(data!.updateEvent.event.registrationClosesAt).toBe(startsAt);
    const other = await api.graphql(
      UPDATE_EVENT,
      { input: { code: eventCode, title: 'x' } },
      keys.staffB,
    );
    expect(other.errors![0].extensions!.code).toBe('FORBIDDEN');
    const late = await api.graphql(
      UPDATE_EVENT,
      { input: { code: eventCode, endsAt: fromNow(19) } },
      keys.staffA,
    );
    expect(late.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'endsAt' });
  });
});

describe('attendance', () => {
  it('is recorded only once the event has started, by the organizer’s staff or an admin', async () => {
    const eventCode = code('ATTEND');
    await createEvent(api, keys.staffA, eventCode, { capacity: 2 });
    const [first, second, third] = await register(eventCode, 3);
    const before = await atTime(
      api,
      new Date(Date.now() + 9 * DAY),
      keys.staffA,
      RECORD_ATTENDANCE,
      {
        id: first,
        attended: true,
      },
    );
    expect(before.errors![0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'registrationId',
    });
    expect(before.errors![0].message).toContain('once it has started');

    const during = new Date(Date.now() + 10.1 * DAY);
    const partner = await atTime(api, during, keys.partnerA, RECORD_ATTENDANCE, {
      id: first,
      attended: true,
    });
    expect(partner.errors![0].extensions!.code).toBe('FORBIDDEN');
    const came = await atTime(api, during, keys.staffA, RECORD_ATTENDANCE, {
      id: first,
      attended: true,
    });
    expect(came.data!.recordAttendance.registration.status).toBe('ATTENDED');
    const away = await atTime(api, during, keys.admin, RECORD_ATTENDANCE, {
      id: second,
      attended: false,
    });
    expect(away.data!.recordAttendance.registration.status).toBe('NO_SHOW');
    // A waitlisted registration never had a seat.
    const waiting = await atTime(api, during, keys.staffA, RECORD_ATTENDANCE, {
      id: third,
      attended: true,
    });
    expect(waiting.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(waiting.errors![0].message).toContain('WAITLISTED');
    // A no-show gives up the seat, and nobody moves up once it has started.
    const { event, registrations } = await eventRows(api, eventCode);
    expect(event).toMatchObject({ confirmed_count: 1, waitlist_count: 1 });
    expect(registrations.map((r) => r.status)).toEqual(['ATTENDED', 'NO_SHOW', 'WAITLISTED']);
    // And cancelling after the start is refused.
    const cancel = await atTime(api, during, keys.partnerA, CANCEL_REGISTRATION, { id: third });
    expect(cancel.errors![0].message).toContain('started');
  });
});

describe('outcomes', () => {
  it('are recorded only for enterprises that attended, once the event has taken place', async () => {
    const eventCode = code('OUTCOME');
    await createEvent(api, keys.staffA, eventCode, { capacity: 3 });
    const [came, away] = await register(eventCode, 3);
    const after = new Date(Date.now() + 11 * DAY);
    await atTime(api, after, keys.staffA, RECORD_ATTENDANCE, { id: came, attended: true });
    await atTime(api, after, keys.staffA, RECORD_ATTENDANCE, { id: away, attended: false });
    const input = (n: number, overrides: Record<string, unknown> = {}) => ({
      eventCode,
      creditCode: creditCodeFor(TAG, `${eventCode}-${n}`),
      kind: 'FINANCING',
      counterpart: '中国工商银行东莞分行',
      amountYuan: 5_000_000,
      note: '授信意向',
      ...overrides,
    });
    const early = await atTime(api, new Date(Date.now() + 9 * DAY), keys.staffA, RECORD_OUTCOME, {
      input: input(0),
    });
    expect(early.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'eventCode' });
    for (const n of [1, 2]) {
      const refused = await atTime(api, after, keys.staffA, RECORD_OUTCOME, { input: input(n) });
      expect(refused.errors![0].extensions).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'creditCode',
      });
      expect(refused.errors![0].message).toContain('only for enterprises that attended');
    }
    const stranger = await atTime(api, after, keys.staffA, RECORD_OUTCOME, {
      input: input(0, { creditCode: creditCodeFor(TAG, 'stranger') }),
    });
    expect(stranger.errors![0].message).toContain('not registered');
    const recorded = await atTime(api, after, keys.staffA, RECORD_OUTCOME, { input: input(0) });
    expect(recorded.errors).toBeUndefined();
    const second = await atTime(api, after, keys.admin, RECORD_OUTCOME, {
      input: input(0, { kind: 'COOPERATION', amountYuan: null, counterpart: '东莞农村商业银行' }),
    });
    expect(second.data!.recordOutcome.event.outcomes).toEqual([
      {
        kind: 'FINANCING',
        counterpart: '中国工商银行东莞分行',
        amountYuan: 5_000_000,
        enterprise: { creditCode: creditCodeFor(TAG, `${eventCode}-0`) },
      },
      {
        kind: 'COOPERATION',
        counterpart: '东莞农村商业银行',
        amountYuan: null,
        enterprise: { creditCode: creditCodeFor(TAG, `${eventCode}-0`) },
      },
    ]);
    const foreign = await atTime(api, after, keys.staffB, RECORD_OUTCOME, { input: input(0) });
    expect(foreign.errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it('are not recorded for trainings and briefings', async () => {
    const eventCode = code('TRAINING');
    await createEvent(api, keys.staffA, eventCode, { kind: 'TRAINING', counterparts: [] });
    const [id] = await register(eventCode, 1);
    const after = new Date(Date.now() + 11 * DAY);
    await atTime(api, after, keys.staffA, RECORD_ATTENDANCE, { id, attended: true });
    const { errors } = await atTime(api, after, keys.staffA, RECORD_OUTCOME, {
      input: {
        eventCode,
        creditCode: creditCodeFor(TAG, `${eventCode}-0`),
        kind: 'COOPERATION',
        counterpart: '某公司',
      },
    });
    expect(errors![0].message).toContain('is a TRAINING');
  });
});

describe('cancelEvent', () => {
  it('cancels every live registration with its history, keeps the event readable, and is safe to retry', async () => {
    const eventCode = code('CANCEL');
    await createEvent(api, keys.staffA, eventCode, { capacity: 2 });
    await register(eventCode, 3);
    for (const key of [keys.partnerA, keys.staffB]) {
      const { errors } = await api.graphql(CANCEL_EVENT, { code: eventCode }, key);
      expect(errors![0].extensions!.code).toBe('FORBIDDEN');
    }
    const { data } = await api.graphql(CANCEL_EVENT, { code: eventCode }, keys.staffA);
    expect(data!.cancelEvent.event).toMatchObject({
      status: 'CANCELLED',
      confirmedCount: 0,
      waitlistCount: 0,
      seatsLeft: 2,
    });
    const { registrations, changes } = await eventRows(api, eventCode);
    expect(registrations.map((r) => r.status)).toEqual(['CANCELLED', 'CANCELLED', 'CANCELLED']);
    expect(changes).toBe(6);
    const again = await api.graphql(CANCEL_EVENT, { code: eventCode }, keys.staffA);
    expect(again.data!.cancelEvent.event.status).toBe('CANCELLED');
    expect((await eventRows(api, eventCode)).changes).toBe(6);
    const change = await api.graphql(
      UPDATE_EVENT,
      { input: { code: eventCode, capacity: 9 } },
      keys.staffA,
    );
    expect(change.errors![0].extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'EVENT_CANCELLED',
    });
  });

  it('is refused once the event has started', async () => {
    const eventCode = code('RUNNING');
    await createEvent(api, keys.staffA, eventCode);
    const { errors } = await atTime(
      api,
      new Date(Date.now() + 10.1 * DAY),
      keys.staffA,
      CANCEL_EVENT,
      {
        code: eventCode,
      },
    );
    expect(errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'code' });
  });
});

describe('status', () => {
  it('is SCHEDULED until the event ends, then COMPLETED', async () => {
    const eventCode = code('STATUS');
    await createEvent(api, keys.staffA, eventCode);
    const query = `query ($code: String!) { event(code: $code) { status } }`;
    const at = async (days: number) =>
      (
        await atTime(api, new Date(Date.now() + days * DAY), keys.public, query, {
          code: eventCode,
        })
      ).data!.event.status;
    expect([await at(0), await at(10.1), await at(10.3)]).toEqual([
      'SCHEDULED',
      'SCHEDULED',
      'COMPLETED',
    ]);
  });
});
