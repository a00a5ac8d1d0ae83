// Events, registrations and keys for the events tests. Every file makes events and enterprises of
// its own (codes and credit codes carry the file's tag), so that files running side by side on
// the shared database never touch each other's rows. Where "now" matters (attendance once an
// event has started, registration closed), a request runs in-process with a clock of the test's
// own through the same schema and resolvers the server uses.
import { randomUUID } from 'node:crypto';
import { graphql as execute, type GraphQLError } from 'graphql';
import { createRequestContext } from '../../src/app/context';
import { buildApiSchema } from '../../src/app/schema';
import { viewerFromHeader } from '../../src/auth/viewer';
import { DomainError } from '../../src/schema/errors';
import type { GraphQLResponse, TestApi } from '../support/test-api';

export { bearer, makeKeys } from '../support/referral-fixtures';
export { creditCodeFor } from '../support/credit-codes';

export const DAY = 24 * 3_600_000;

/** A time `days` from now (fractions allowed), as the API takes it. */
export const fromNow = (days: number) => new Date(Date.now() + days * DAY).toISOString();

/** A createEvent input of Dongguan's centre, starting in ten days; `overrides` win. */
export function eventInput(code: string, overrides: Record<string, unknown> = {}) {
  return {
    organizerCode: 'C-441900',
    code,
    title: '东莞市专精特新企业银企对接会',
    titleEn: 'Dongguan bank–enterprise matchmaking for specialized SMEs',
    kind: 'FINANCING_MATCHMAKING',
    categoryCode: 'FIN-LOAN',
    deliveryMode: 'ONSITE',
    venue: '东莞市中小企业服务中心三楼会议室',
    startsAt: fromNow(10),
    endsAt: fromNow(10.2),
    capacity: 5,
    counterparts: ['中国工商银行东莞分行', '东莞农村商业银行'],
    ...overrides,
  };
}

/** A registerForEvent input for the enterprise `creditCode` (use creditCodeFor(<file tag>, n)). */
export function registrationInput(
  eventCode: string,
  creditCode: string,
  overrides: Record<string, unknown> = {},
) {
  return {
    idempotencyKey: randomUUID(),
    eventCode,
    ...overrides,
    enterprise: {
      creditCode,
      name: '东莞市长安精密模具有限公司',
      scale: 'SMALL',
      specialization: 'SPECIALIZED',
      regionCode: '441900',
      contactName: '李华',
      contactPhone: '13800138000',
      contactEmail: 'lihua@example.cn',
      ...((overrides.enterprise as object) ?? {}),
    },
  };
}

const REGISTRATION =
  'id status waitlistPosition enterprise { creditCode } history { status actor }';
const EVENT = 'id code status capacity confirmedCount seatsLeft waitlistCount';

export const CREATE_EVENT = `mutation ($input: CreateEventInput!) { createEvent(input: $input) { event { ${EVENT} } } }`;
export const UPDATE_EVENT = `mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { event { ${EVENT} } } }`;
export const CANCEL_EVENT = `mutation ($code: String!) { cancelEvent(code: $code) { event { ${EVENT} } } }`;
export const REGISTER = `mutation ($input: RegisterForEventInput!) { registerForEvent(input: $input) { registration { ${REGISTRATION} } } }`;
export const CANCEL_REGISTRATION = `mutation ($id: ID!) { cancelEventRegistration(registrationId: $id) { registration { ${REGISTRATION} } } }`;
export const RECORD_ATTENDANCE = `mutation ($id: ID!, $attended: Boolean!) { recordAttendance(registrationId: $id, attended: $attended) { registration { ${REGISTRATION} } } }`;
export const RECORD_OUTCOME = `mutation ($input: RecordOutcomeInput!) { recordOutcome(input: $input) { event { code outcomes { kind counterpart amountYuan enterprise { creditCode } } } } }`;

/** Creates an event through the API as `key` (staff of its organizer or an admin). */
export async function createEvent(
  api: TestApi,
  key: Record<string, string>,
  code: string,
  overrides: Record<string, unknown> = {},
) {
  const { data, errors } = await api.graphql(
    CREATE_EVENT,
    { input: eventInput(code, overrides) },
    key,
  );
  if (errors) throw new Error(`createEvent ${code}: ${JSON.stringify(errors)}`);
  return data!.createEvent.event;
}

/** An event's registrations and counters as the table holds them. */
export async function eventRows(api: TestApi, code: string) {
  const [event] = await api.dataSource.query(
    `SELECT id, capacity, confirmed_count, waitlist_count, cancelled_at FROM event WHERE code = $1`,
    [code],
  );
  const registrations: {
    id: number;
    status: string;
    waitlist_position: number | null;
    credit_code: string;
  }[] = await api.dataSource.query(
    `SELECT r.id, r.status, r.waitlist_position, e.credit_code FROM event_registration r
       JOIN enterprise e ON e.id = r.enterprise_id WHERE r.event_id = $1 ORDER BY r.id`,
    [event.id],
  );
  const [{ changes }] = await api.dataSource.query(
    `SELECT count(*)::int AS changes FROM event_registration_change c
       JOIN event_registration r ON r.id = c.registration_id WHERE r.event_id = $1`,
    [event.id],
  );
  return { event, registrations, changes: changes as number };
}

/** The global id of a registration row. */
export const registrationId = (rowId: number) =>
  Buffer.from(`EventRegistration:${rowId}`, 'utf8').toString('base64');

/**
 * Runs a document in-process as the holder of `key` would through HTTP, with `clock` as "now":
 * the server's schema, resolvers and error codes, without the HTTP layer.
 */
export async function atTime(
  api: TestApi,
  clock: Date,
  key: Record<string, string>,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResponse<Record<string, any>>> {
  const viewer = await viewerFromHeader(api.sql, key.authorization);
  const contextValue = createRequestContext({
    sql: api.sql,
    reference: api.reference,
    viewer,
    clock: () => clock,
  });
  const result = await execute({
    schema: buildApiSchema(),
    source: query,
    variableValues: variables,
    contextValue,
  });
  const errors = result.errors?.map((error: GraphQLError) => {
    const domain = error.originalError instanceof DomainError ? error.originalError : null;
    if (!domain) throw error;
    return {
      message: domain.message,
      path: error.path?.map(String),
      extensions: {
        code: domain.code,
        ...(domain.field ? { field: domain.field } : {}),
        ...domain.details,
      },
    };
  });
  return { data: result.data as Record<string, any> | null, ...(errors ? { errors } : {}) };
}
