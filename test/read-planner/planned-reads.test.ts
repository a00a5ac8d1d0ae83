// The read planner answers a query with one statement, and its answer is the resolvers' answer
// byte for byte: the same document is sent to a server with the planner and to one without
// (READ_PLANNER=false, every field executed), for every role, and the two bodies must be equal.
// Each planned case also checks that the planner did answer (one json_build_object statement),
// so that a comparison of two executed answers cannot pass for one.
import type { LoggedStatement } from '../../src/db/statement-log';
import { MAX_PREPARED_PLANS } from '../../src/read-planner/planned-reads.plugin';
import { encodeCursor } from '../../src/schema/pagination';
import { makeKeys } from '../support/referral-fixtures';
import { startTestApi, type TestApi } from '../support/test-api';

let planned: TestApi;
let executed: TestApi;
let roles: Record<string, Record<string, string>>;

beforeAll(async () => {
  [planned, executed] = await Promise.all([
    startTestApi(),
    startTestApi({ env: { READ_PLANNER: 'false' } }),
  ]);
  const keys = await makeKeys(planned.sql, 'planned reads');
  roles = {
    PUBLIC: keys.public,
    PARTNER: keys.partnerA,
    INSTITUTION_STAFF: keys.staffA,
    ADMIN: keys.admin,
  };
});
afterAll(() => Promise.all([planned?.close(), executed?.close()]));

async function post(
  api: TestApi,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
): Promise<string> {
  const response = await fetch(`${api.origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return `${response.status} ${await response.text()}`;
}

/** Both servers' answers to one request, and the statements the planner's server sent. */
async function bothPaths(
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  const { result: plannedBody, statements } = await planned.statements.record(() =>
    post(planned, query, variables, headers),
  );
  const executedBody = await post(executed, query, variables, headers);
  return { plannedBody, executedBody, statements };
}

/**
 * The request was answered by one planned statement (after the key's check, for a request with
 * a key: one statement of its own).
 */
const isPlanned = (statements: LoggedStatement[], headers: Record<string, string> = {}) =>
  statements.length === (headers.authorization ? 2 : 1) &&
  statements[statements.length - 1].sql.startsWith('SELECT json_build_object(');

/**
 * The planner answers the request with one statement, as execution answers it, for every role;
 * returns the parsed answer (for the test's own checks).
 */
async function expectSameAnswer(query: string, variables: Record<string, unknown> = {}) {
  let answer: any;
  for (const [role, headers] of Object.entries(roles)) {
    const { plannedBody, executedBody, statements } = await bothPaths(query, variables, headers);
    expect({ role, body: plannedBody }).toEqual({ role, body: executedBody });
    expect({ role, planned: isPlanned(statements, headers) }).toEqual({ role, planned: true });
    answer = JSON.parse(plannedBody.slice(4));
  }
  expect(answer.errors).toBeUndefined();
  return answer.data;
}

/** The planner leaves the request to execution, whose answer is unchanged. */
async function expectDeclined(query: string, variables: Record<string, unknown> = {}) {
  const { plannedBody, executedBody, statements } = await bothPaths(query, variables);
  expect(plannedBody).toBe(executedBody);
  expect(isPlanned(statements)).toBe(false);
  return JSON.parse(plannedBody.slice(4));
}

/** A cursor as schema/pagination.ts writes it; the planner's are checked against it below. */
const cursorOf = (id: number, list: string) => encodeCursor([id], list);

const BY_CODE = `query ByCode($code: String!) {
  institution(code: $code) {
    code name
    parent { code name parent { code name } }
    services(first: 10) { nodes { code name fee } }
  }
}`;

describe('Query.institution', () => {
  it('answers an institution with its parent chain and services as the resolvers do', async () => {
    const data = await expectSameAnswer(BY_CODE, { code: 'C-441900' });
    expect(data.institution.parent.parent).not.toBeNull();
    expect(data.institution.services.nodes.length).toBeGreaterThan(0);
  });

  it('answers null for an unknown code, and trims the code as the resolver does', async () => {
    expect((await expectSameAnswer(BY_CODE, { code: 'C-999999' })).institution).toBeNull();
    expect((await expectSameAnswer(BY_CODE, { code: '  C-440000 ' })).institution.code).toBe(
      'C-440000',
    );
  });

  it('answers the national centre: no region, no parent', async () => {
    const data = await expectSameAnswer(`{
      institution(code: "C-000000") { code tier kind active nameEn region { name } parent { code } }
    }`);
    expect(data.institution).toMatchObject({ region: null, parent: null, tier: 'NATIONAL' });
  });

  it('follows aliases, fragments on the type and on Node, __typename and duplicate fields', async () => {
    const data = await expectSameAnswer(
      `query Shaped {
        __typename
        centre: institution(code: "C-441900") {
          __typename
          ...Names
          ... on Node { id }
          label: name
          code
          region { __typename id code name nameEn level parent { code name parent { code } } }
          up: parent { ...Names id }
        }
        same: institution(code: "C-441900") { code }
      }
      fragment Names on Institution { code name nameEn kind tier code }`,
    );
    expect(Object.keys(data)).toEqual(['__typename', 'centre', 'same']);
    expect(Object.keys(data.centre)).toEqual([
      '__typename',
      'code',
      'name',
      'nameEn',
      'kind',
      'tier',
      'id',
      'label',
      'region',
      'up',
    ]);
  });

  it('applies @skip and @include from variables and literals', async () => {
    const query = `query Directives($yes: Boolean!, $no: Boolean!) {
      institution(code: "C-440000") {
        code @skip(if: $yes)
        name @include(if: $yes)
        tier @include(if: $no)
        ... on Institution @skip(if: $no) { kind }
        ...More @include(if: $no)
        services(first: 2) @skip(if: false) { totalCount @include(if: $yes) nodes { code } }
      }
    }
    fragment More on Institution { active }`;
    const data = await expectSameAnswer(query, { yes: true, no: false });
    expect(Object.keys(data.institution)).toEqual(['name', 'kind', 'services']);
    await expectSameAnswer(query, { yes: false, no: true });
  });
});

describe('Query.institutions and nested connections', () => {
  it('answers the bench’s first page of 20 with regions, parents and services', async () => {
    const data = await expectSameAnswer(`{
      institutions(first: 20) {
        nodes { code name region { name } parent { name } services(first: 5) { nodes { name fee } } }
      }
    }`);
    expect(data.institutions.nodes).toHaveLength(20);
  });

  it('answers deepList: 50 public institutions, 10 children each, 3 services each', async () => {
    const data = await expectSameAnswer(`{
      institutions(first: 50, filter: { kind: [PUBLIC] }) {
        nodes { code name children(first: 10) { nodes { code name services(first: 3) { nodes { code name } } } } }
      }
    }`);
    expect(data.institutions.nodes).toHaveLength(50);
  });

  it('pages forwards and backwards with edges, cursors, pageInfo and totals', async () => {
    const PAGE = `query Page($first: Int, $after: String, $last: Int, $before: String) {
      institutions(first: $first, after: $after, last: $last, before: $before, filter: { regionCode: "44" }) {
        totalCount
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor __typename }
        edges { __typename cursor node { code } }
        __typename
      }
    }`;
    const first = await expectSameAnswer(PAGE, { first: 3 });
    const { endCursor } = first.institutions.pageInfo;
    const second = await expectSameAnswer(PAGE, { first: 3, after: endCursor });
    expect(second.institutions.pageInfo.hasPreviousPage).toBe(true);
    const back = await expectSameAnswer(PAGE, {
      last: 3,
      before: second.institutions.pageInfo.startCursor,
    });
    expect(back.institutions.edges).toEqual(first.institutions.edges);
    expect(back.institutions.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
  });

  it('writes the cursors the resolvers write, so that each path reads the other’s', async () => {
    const { plannedBody } = await bothPaths(
      `{ institutions(first: 2) { edges { cursor node { id } } } }`,
    );
    const edges = JSON.parse(plannedBody.slice(4)).data.institutions.edges;
    const key = (id: string) => Number(Buffer.from(id, 'base64').toString().split(':')[1]);
    expect(edges.map((edge: any) => edge.cursor)).toEqual(
      edges.map((edge: any) => cursorOf(key(edge.node.id), 'Query.institutions')),
    );
    // A planned cursor taken to the executed path, and back.
    const AFTER = `query After($after: String) { institutions(first: 2, after: $after) { nodes { code } pageInfo { endCursor } } }`;
    await expectSameAnswer(AFTER, { after: edges[1].cursor });
    const executedPage = JSON.parse(
      (await bothPaths(AFTER, { after: edges[0].cursor })).executedBody.slice(4),
    );
    await expectSameAnswer(AFTER, { after: executedPage.data.institutions.pageInfo.endCursor });
  });

  it('answers empty pages and lists: null cursors, no next page, a total of 0', async () => {
    const data = await expectSameAnswer(`{
      institutions(first: 5, filter: { regionCode: "44", tier: [NATIONAL] }) {
        totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { code }
      }
      institution(code: "C-441900") {
        services(first: 5, filter: { fee: [PAID], deliveryMode: [ONLINE], active: false }) {
          totalCount nodes { code } edges { cursor }
        }
      }
    }`);
    expect(data.institutions).toEqual({
      totalCount: 0,
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
      nodes: [],
    });
  });

  it('answers children and services with filters, backward pages and every service field', async () => {
    await expectSameAnswer(`{
      institution(code: "C-440000") {
        children(last: 4, filter: { kind: [MARKET], active: true }) {
          totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
          edges { cursor node { code children(first: 2) { totalCount nodes { code } } } }
        }
        services(last: 3, filter: { categoryCode: "FIN" }) {
          totalCount
          nodes { __typename id code name nameEn description deliveryMode fee eligibleScales minSpecialization active }
        }
      }
    }`);
  });

  it('answers a category filter on the list as the resolvers do', async () => {
    await expectSameAnswer(`{
      institutions(first: 10, filter: { categoryCode: "FIN", tier: [MUNICIPAL, COUNTY] }) {
        totalCount nodes { code services(first: 1, filter: { scale: MICRO, specialization: SPECIALIZED }) { nodes { code } } }
      }
    }`);
  });

  it('sends one statement, whatever the page sizes', async () => {
    const TREE = `query Tree($first: Int!) {
      institutions(first: $first) {
        totalCount
        nodes { code region { name } parent { code } children(first: $first) { totalCount nodes { code } } services(first: $first) { nodes { code } } }
      }
    }`;
    for (const first of [1, 5, 40]) {
      const { statements, plannedBody } = await bothPaths(TREE, { first });
      expect(isPlanned(statements)).toBe(true);
      expect(JSON.parse(plannedBody.slice(4)).data.institutions.nodes).toHaveLength(first);
    }
  });
});

describe('what the planner leaves to execution', () => {
  it('declines fields it does not plan, and execution answers them', async () => {
    await expectDeclined(`{ institution(code: "C-441900") { code contact { phone } } }`);
    await expectDeclined(
      `{ institution(code: "C-441900") { services(first: 1) { nodes { category { name } } } } }`,
    );
    await expectDeclined(
      `{ institutions(first: 2) { nodes { code } } regions(first: 1) { nodes { code } } }`,
    );
  });

  it('declines a ranked search (another cursor shape, a heavy statement)', async () => {
    await expectDeclined(
      `{ institutions(first: 3, filter: { search: "东莞" }) { nodes { code } } }`,
    );
  });

  it('declines what execution refuses, which then words the refusal', async () => {
    const tooMany = await expectDeclined(`{ institutions(first: 500) { nodes { code } } }`);
    expect(tooMany.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const forged = await expectDeclined(
      `{ institutions(first: 2, after: "${cursorOf(5, 'Institution.children')}") { nodes { code } } }`,
    );
    expect(forged.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const unknown = await expectDeclined(
      `{ institutions(first: 2, filter: { categoryCode: "NOPE" }) { nodes { code } } }`,
    );
    expect(unknown.errors[0].extensions.code).toBe('NOT_FOUND');
    await expectDeclined(`query ($c: String!) { institution(code: $c) { code } }`, { c: 5 });
  });

  it('leaves a query of nothing but __typename to execution, which needs no statement', async () => {
    const { statements } = await bothPaths(`{ __typename }`);
    expect(statements).toHaveLength(0);
    await expectDeclined(`{ __typename institution(code: "C-1") @skip(if: true) { code } }`);
  });

  it('leaves mutations to execution', async () => {
    const { statements, plannedBody } = await bothPaths(
      `mutation { createInstitution(input: { code: "X", name: "x", tier: COUNTY, kind: MARKET, parentCode: "C-441900" }) { institution { code } } }`,
    );
    expect(isPlanned(statements)).toBe(false);
    expect(JSON.parse(plannedBody.slice(4)).errors[0].extensions.code).toBe('FORBIDDEN');
  });
});

describe('what holds for planned statements', () => {
  it('prepares at most MAX_PREPARED_PLANS planned texts; further shapes still answer, unnamed', async () => {
    const before = planned.preparedTexts();
    const shapes = MAX_PREPARED_PLANS + 20;
    for (let shape = 0; shape < shapes; shape++) {
      const { statements } = await bothPaths(
        `{ a${shape}: institution(code: "C-441900") { code } }`,
      );
      expect(isPlanned(statements)).toBe(true);
    }
    await expectSameAnswer(`{ last: institution(code: "C-440000") { code name } }`);
    expect(planned.preparedTexts() - before).toBeLessThanOrEqual(MAX_PREPARED_PLANS);
  });

  it('keeps one text per shape: other values are parameters', async () => {
    const texts = new Set<string>();
    for (const code of ['C-441900', 'C-440000', 'C-000000']) {
      for (const first of [1, 7]) {
        const { statements } = await bothPaths(
          `query ($code: String!, $first: Int!) { institution(code: $code) { children(first: $first) { nodes { code } } } }`,
          { code, first },
        );
        texts.add(statements[0].sql);
      }
    }
    expect(texts.size).toBe(1);
  });

  it('is answered from the response cache like any anonymous query', async () => {
    const cached = await startTestApi({ responseCacheSeconds: 30 });
    try {
      const query = `{ institution(code: "C-441900") { code name } }`;
      const first = await cached.countedGraphql(query);
      const again = await cached.countedGraphql(query);
      expect(first.statements).toBe(1);
      expect(again.statements).toBe(0);
      expect(again.response.data).toEqual(first.response.data);
    } finally {
      await cached.close();
    }
  });
});
