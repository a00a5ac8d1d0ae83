// Registrations refused: each with its code, its extensions.reason and a message that says what
// would be right — and nothing written (no registration, no history, no enterprise, no seat).
import {
  CANCEL_EVENT,
  DAY,
  REGISTER,
  atTime,
  createEvent,
  creditCodeFor,
  eventRows,
  makeKeys,
  registrationInput,
} from './event-fixtures';
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
let keys: Awaited<ReturnType<typeof makeKeys>>;
const TAG = 'events-refusals';
const code = (name: string) => `T-EVR-${name}`;

beforeAll(async () => {
  api = await startTestApi();
  keys = await makeKeys(api.sql, TAG);
});
afterAll(() => api.close());

/** What a refusal must leave as it was. */
async function footprint(eventCode: string, creditCode: string) {
  const { event, registrations, changes } = await eventRows(api, eventCode);
  const [{ enterprises }] = await api.dataSource.query(
    `SELECT count(*)::int AS enterprises FROM enterprise WHERE credit_code = $1`,
    [creditCode],
  );
  return { event, registrations, changes, enterprises };
}

describe('registerForEvent refuses', () => {
  it('an enterprise of a scale the event is not open to: BAD_USER_INPUT, NOT_ELIGIBLE', async () => {
    const eventCode = code('SCALE');
    await createEvent(api, keys.staffA, eventCode, { eligibleScales: ['MICRO', 'SMALL'] });
    const creditCode = creditCodeFor(TAG, 'medium');
    const before = await footprint(eventCode, creditCode);
    const { data, errors } = await api.graphql(
      REGISTER,
      { input: registrationInput(eventCode, creditCode, { enterprise: { scale: 'MEDIUM' } }) },
      keys.partnerA,
    );
    expect(data).toBeNull();
    expect(errors![0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'enterprise.scale',
      reason: 'NOT_ELIGIBLE',
    });
    expect(errors![0].message).toMatch(/open to MICRO\/SMALL enterprises only.*MEDIUM/);
    expect(await footprint(eventCode, creditCode)).toEqual(before);
    expect(before.enterprises).toBe(0);
  });

  it('an enterprise below the standing the event requires: BAD_USER_INPUT, NOT_ELIGIBLE', async () => {
    const eventCode = code('STANDING');
    await createEvent(api, keys.staffA, eventCode, { minSpecialization: 'LITTLE_GIANT' });
    const creditCode = creditCodeFor(TAG, 'specialized');
    const before = await footprint(eventCode, creditCode);
    const { errors } = await api.graphql(
      REGISTER,
      { input: registrationInput(eventCode, creditCode) },
      keys.partnerA,
    );
    expect(errors![0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'enterprise.creditCode',
      reason: 'NOT_ELIGIBLE',
    });
    // It declares SPECIALIZED; the registry holds nothing for it.
    expect(errors![0].message).toContain(
      `requires LITTLE_GIANT; the registry holds no live designation for ${creditCode}`,
    );
    expect(await footprint(eventCode, creditCode)).toEqual(before);
  });

  it('once registration has closed: CONFLICT, REGISTRATION_CLOSED', async () => {
    const eventCode = code('CLOSED');
    const event = await createEvent(api, keys.staffA, eventCode, {
      registrationClosesAt: new Date(Date.now() + 5 * DAY).toISOString(),
    });
    expect(event.status).toBe('SCHEDULED');
    const creditCode = creditCodeFor(TAG, 'late');
    const before = await footprint(eventCode, creditCode);
    const sixDaysOn = new Date(Date.now() + 6 * DAY);
    const { errors } = await atTime(api, sixDaysOn, keys.partnerA, REGISTER, {
      input: registrationInput(eventCode, creditCode),
    });
    expect(errors![0].extensions).toEqual({
      code: 'CONFLICT',
      field: 'eventCode',
      reason: 'REGISTRATION_CLOSED',
    });
    expect(errors![0].message).toContain('closed at');
    expect(await footprint(eventCode, creditCode)).toEqual(before);
    // A day earlier it was open.
    const fourDaysOn = new Date(Date.now() + 4 * DAY);
    const open = await atTime(api, fourDaysOn, keys.partnerA, REGISTER, {
      input: registrationInput(eventCode, creditCode),
    });
    expect(open.errors).toBeUndefined();
  });

  it('for a cancelled event: CONFLICT, EVENT_CANCELLED', async () => {
    const eventCode = code('CANCELLED');
    await createEvent(api, keys.staffA, eventCode);
    const cancelled = await api.graphql(CANCEL_EVENT, { code: eventCode }, keys.staffA);
    expect(cancelled.data!.cancelEvent.event.status).toBe('CANCELLED');
    const creditCode = creditCodeFor(TAG, 'after-cancel');
    const before = await footprint(eventCode, creditCode);
    const { errors } = await api.graphql(
      REGISTER,
      { input: registrationInput(eventCode, creditCode) },
      keys.partnerA,
    );
    expect(errors![0].extensions).toEqual({
      code: 'CONFLICT',
      field: 'eventCode',
      reason: 'EVENT_CANCELLED',
    });
    expect(await footprint(eventCode, creditCode)).toEqual(before);
  });

  it('an enterprise that already holds a live registration, whoever sends it: CONFLICT, ALREADY_REGISTERED', async () => {
    const eventCode = code('TWICE');
    await createEvent(api, keys.staffA, eventCode, { capacity: 1 });
    const creditCode = creditCodeFor(TAG, 'twice');
    const first = await api.graphql(
      REGISTER,
      { input: registrationInput(eventCode, creditCode) },
      keys.partnerA,
    );
    expect(first.errors).toBeUndefined();
    const before = await footprint(eventCode, creditCode);
    for (const key of [keys.partnerA, keys.partnerB]) {
      const { errors } = await api.graphql(
        REGISTER,
        // A new request (new idempotency key), with the enterprise renamed: nothing changes.
        { input: registrationInput(eventCode, creditCode, { enterprise: { name: '改名公司' } }) },
        key,
      );
      expect(errors![0].extensions).toEqual({
        code: 'CONFLICT',
        field: 'enterprise.creditCode',
        reason: 'ALREADY_REGISTERED',
      });
      expect(errors![0].message).toContain('CONFIRMED registration');
    }
    expect(await footprint(eventCode, creditCode)).toEqual(before);
    const [{ name }] = await api.dataSource.query(
      'SELECT name FROM enterprise WHERE credit_code = $1',
      [creditCode],
    );
    expect(name).toBe('东莞市长安精密模具有限公司');
  });

  it('the same idempotency key with a different request: CONFLICT, the first registration kept', async () => {
    const eventCode = code('KEY');
    await createEvent(api, keys.staffA, eventCode);
    const input = registrationInput(eventCode, creditCodeFor(TAG, 'key-1'), {
      idempotencyKey: 'refusals-key',
    });
    const first = await api.graphql(REGISTER, { input }, keys.partnerA);
    const again = await api.graphql(REGISTER, { input }, keys.partnerA);
    expect(again.data!.registerForEvent.registration.id).toBe(
      first.data!.registerForEvent.registration.id,
    );
    const before = await footprint(eventCode, creditCodeFor(TAG, 'key-2'));
    const other = await api.graphql(
      REGISTER,
      {
        input: registrationInput(eventCode, creditCodeFor(TAG, 'key-2'), {
          idempotencyKey: 'refusals-key',
        }),
      },
      keys.partnerA,
    );
    expect(other.errors![0].extensions!.code).toBe('CONFLICT');
    expect(other.errors![0].message).toContain('use a new key');
    expect(await footprint(eventCode, creditCodeFor(TAG, 'key-2'))).toEqual(before);
    // Another client may use the same key for its own request.
    const otherClient = await api.graphql(
      REGISTER,
      {
        input: registrationInput(eventCode, creditCodeFor(TAG, 'key-2'), {
          idempotencyKey: 'refusals-key',
        }),
      },
      keys.partnerB,
    );
    expect(otherClient.errors).toBeUndefined();
  });

  it('keys that may not register, and events that do not exist', async () => {
    const eventCode = code('WHO');
    await createEvent(api, keys.staffA, eventCode);
    const input = registrationInput(eventCode, creditCodeFor(TAG, 'who'));
    for (const key of [keys.public, keys.staffA]) {
      const { errors } = await api.graphql(REGISTER, { input }, key);
      expect(errors![0].extensions!.code).toBe('FORBIDDEN');
    }
    const missing = await api.graphql(
      REGISTER,
      { input: { ...input, eventCode: 'T-EVR-NOWHERE' } },
      keys.partnerA,
    );
    expect(missing.errors![0].extensions).toEqual({ code: 'NOT_FOUND', field: 'eventCode' });
    const badCode = await api.graphql(
      REGISTER,
      { input: registrationInput(eventCode, '91441900MA4UXXXX1X') },
      keys.partnerA,
    );
    expect(badCode.errors![0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'enterprise.creditCode',
    });
    const nowhere = await api.graphql(
      REGISTER,
      {
        input: registrationInput(eventCode, creditCodeFor(TAG, 'who'), {
          enterprise: { regionCode: '999999' },
        }),
      },
      keys.partnerA,
    );
    expect(nowhere.errors![0].extensions).toEqual({
      code: 'NOT_FOUND',
      field: 'enterprise.regionCode',
    });
    expect((await eventRows(api, eventCode)).registrations).toEqual([]);
  });
});
