// Documents and variables built to make the server's own analysis the attack: nesting that would
// overflow a recursive walk, and documents whose validation alone costs CPU. Each is refused by
// its size before anything walks it — 400, BAD_USER_INPUT, the limit named, a request id and the
// budget headers — and an unrelated lookup keeps answering meanwhile. "Within 2 s" below is a
// liveness bound, not a speed claim.
import { getIntrospectionQuery } from 'graphql';
import { DOCUMENT_LIMITS } from '../../src/schema/document-bounds';
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ env: { RATE_LIMITS: 'memory' } });
});
afterAll(() => api.close());

async function send(body: string) {
  const response = await fetch(`${api.origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as any,
  };
}

const LOOKUP = '{ region(code: "44") { name } }';

function expectRefusedBySize(answer: Awaited<ReturnType<typeof send>>, limit: string) {
  expect(answer.status).toBe(400);
  expect(answer.body.errors).toHaveLength(1);
  const [error] = answer.body.errors;
  expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit });
  expect(error.message).not.toMatch(/stack/i);
  expect(answer.headers.get('x-request-id')).toBeTruthy();
  // Charged like any refused request, and told so.
  expect(answer.headers.get('ratelimit-remaining')).not.toBeNull();
}

describe('variables nested past any input of the API', () => {
  it('refuses variables 45,000 lists deep with 400, not a stack overflow', async () => {
    const body = `{"query":${JSON.stringify(LOOKUP)},"variables":{"x":${'['.repeat(45_000)}${']'.repeat(45_000)}}}`;
    expect(body.length).toBeLessThan(100_000);
    const answer = await send(body);
    expectRefusedBySize(answer, 'variablesNesting');
    expect(answer.body.errors[0].extensions.field).toBe('x');
  });

  it('refuses variables of 15,000 nested objects the same way', async () => {
    const body = `{"query":${JSON.stringify(LOOKUP)},"variables":{"input":${'{"a":'.repeat(15_000)}1${'}'.repeat(15_000)}}}`;
    const answer = await send(body);
    expectRefusedBySize(answer, 'variablesNesting');
    expect(answer.body.errors[0].extensions.field).toBe('input');
  });

  it('still takes variables as deep as inputs really are', async () => {
    const answer = await send(
      JSON.stringify({
        query:
          'query ($f: InstitutionFilter) { institutions(first: 1, filter: $f) { totalCount } }',
        variables: { f: { search: '东莞' } },
      }),
    );
    expect(answer.body.errors).toBeUndefined();
  });
});

describe('documents nested past what a parser should recurse into', () => {
  it('refuses a 5,000-deep selection by its nesting, not with a stack overflow', async () => {
    const deep = `{ region(code: "44") { ${'parent { '.repeat(5_000)}name${' }'.repeat(5_000)} } }`;
    expectRefusedBySize(await send(JSON.stringify({ query: deep })), 'nesting');
  });

  it('refuses a list literal nested 20,000 deep the same way', async () => {
    const deep = `{ nodes(ids: ${'['.repeat(20_000)}${']'.repeat(20_000)}) { id } }`;
    expectRefusedBySize(await send(JSON.stringify({ query: deep })), 'nesting');
  });

  it('refuses a deep selection sent in a GET request too', async () => {
    const deep = `{ region(code: "44") { ${'parent { '.repeat(200)}name${' }'.repeat(200)} } }`;
    const response = await fetch(`${api.origin}/graphql?query=${encodeURIComponent(deep)}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).errors[0].extensions.limit).toBe('nesting');
  });
});

describe('documents whose validation would be the attack', () => {
  // 3,300 copies of one field: graphql-js compares every pair of same-named fields while it
  // validates, 0.6–0.7 s of CPU per document before the tokens were bounded.
  const WIDE = `{ ${'region(code:"44"){name} '.repeat(3_300)}}`;

  it(`refuses a document of more than ${DOCUMENT_LIMITS.tokens} tokens before validating it`, async () => {
    const body = JSON.stringify({ query: WIDE });
    expect(body.length).toBeLessThan(100_000);
    const answer = await send(body);
    expectRefusedBySize(answer, 'tokens');
    expect(answer.body.errors[0].extensions.max).toBe(DOCUMENT_LIMITS.tokens);
  });

  it("keeps a bystander's lookup answering while 40 such documents arrive at once", async () => {
    const body = JSON.stringify({ query: WIDE });
    const attack = Promise.all(Array.from({ length: 40 }, () => send(body)));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    const bystander = await send(JSON.stringify({ query: LOOKUP }));
    const ms = performance.now() - started;
    expect(bystander.body.data.region.name).toBe('广东省');
    expect(ms).toBeLessThan(2000);
    expect((await attack).map((answer) => answer.status)).toEqual(Array(40).fill(400));
  });

  it("takes Playground's introspection query and ordinary large documents", async () => {
    const introspection = await send(JSON.stringify({ query: getIntrospectionQuery() }));
    expect(introspection.body.errors).toBeUndefined();
    const aliased = `{ ${Array.from({ length: 100 }, (_, i) => `r${i}: region(code: "44") { name code level }`).join(' ')} }`;
    expect((await send(JSON.stringify({ query: aliased }))).body.errors).toBeUndefined();
  });
});
