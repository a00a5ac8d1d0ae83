// How the endpoint reads a request's body (src/app/request-body.ts): the JSON body of any client
// library — compressed or not, with or without a byte order mark — within the caller's limit,
// counted after inflating; anything else refused with a JSON error that says what to send, the
// connection answered, never left hanging, and the server serving the next request.
import http from 'node:http';
import zlib from 'node:zlib';
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const QUERY = JSON.stringify({ query: '{ viewer { role } }' });

async function post(body: Buffer | string, headers: Record<string, string> = {}) {
  const response = await fetch(`${api.origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await response.text();
  return { status: response.status, text, json: () => JSON.parse(text) };
}

const code = (answer: { json: () => any }) => answer.json().errors[0].extensions.code;

describe('bodies the endpoint reads', () => {
  it.each([
    ['gzip', zlib.gzipSync],
    ['deflate', zlib.deflateSync],
    ['br', zlib.brotliCompressSync],
  ])('takes a %s-compressed body, as client libraries send it', async (encoding, compress) => {
    const answer = await post(compress(Buffer.from(QUERY)), { 'content-encoding': encoding });
    expect(answer.status).toBe(200);
    expect(answer.json().data.viewer.role).toBe('PUBLIC');
  });

  it('takes a body with a byte order mark, and a charset named in any case', async () => {
    const answer = await post(`\uFEFF${QUERY}`, {
      'content-type': 'application/json; charset=UTF-8',
    });
    expect(answer.status).toBe(200);
    expect(answer.json().data.viewer.role).toBe('PUBLIC');
  });
});

describe('bodies the endpoint refuses', () => {
  it('counts what a body inflates to: 200 kB that gzip makes tiny is still over 100 kB', async () => {
    const padded = JSON.stringify({
      query: '{ viewer { role } }',
      variables: { pad: 'x'.repeat(200 * 1024) },
    });
    const small = zlib.gzipSync(Buffer.from(padded));
    expect(small.length).toBeLessThan(2 * 1024);
    const answer = await post(small, { 'content-encoding': 'gzip' });
    expect(answer.status).toBe(413);
    expect(code(answer)).toBe('PAYLOAD_TOO_LARGE');
    expect(answer.json().errors[0].message).toContain('100kb');
  });

  it('refuses a body that does not inflate, and an encoding it does not know', async () => {
    const broken = await post(Buffer.from('not gzip at all'), { 'content-encoding': 'gzip' });
    expect(broken.status).toBe(400);
    expect(code(broken)).toBe('BAD_REQUEST');
    const unknown = await post(QUERY, { 'content-encoding': 'compress' });
    expect(unknown.status).toBe(415);
    expect(unknown.json().errors[0].message).toBe('send the body as UTF-8 JSON');
  });

  it('refuses a charset other than UTF-8', async () => {
    const answer = await post(QUERY, { 'content-type': 'application/json; charset=latin1' });
    expect(answer.status).toBe(415);
    expect(code(answer)).toBe('BAD_REQUEST');
  });

  it.each([
    ['a JSON string', '"{ viewer { role } }"'],
    ['a number', '42'],
    ['only blanks', '   '],
    ['NUL bytes', '\u0000\u0000'],
  ])('refuses %s as the body: a request is a JSON object', async (_what, body) => {
    const answer = await post(body);
    expect(answer.status).toBe(400);
    expect(code(answer)).toBe('BAD_REQUEST');
    expect(answer.text).not.toMatch(/<html|at \/|node_modules/i);
  });

  it('answers a body sent as text as Apollo does: not a GraphQL request (a cross-site form)', async () => {
    const answer = await post(QUERY, { 'content-type': 'text/plain' });
    expect(answer.status).toBe(400);
    expect(code(answer)).toBe('BAD_REQUEST');
  });

  it('answers 413 to a chunked body as soon as it passes 100 kB, without waiting for its end', async () => {
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request(
        `${api.origin}/graphql`,
        { method: 'POST', headers: { 'content-type': 'application/json' } },
        (response) => {
          let body = '';
          response.on('data', (chunk) => (body += chunk));
          response.on('end', () => resolve({ status: response.statusCode!, body }));
        },
      );
      request.on('error', reject);
      request.write(`{"query": "{ viewer { role } }", "variables": {"pad": "`);
      // 110 kB and never an end: only the limit can answer this request.
      for (let i = 0; i < 110; i++) request.write('x'.repeat(1024));
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers 413 at once to a body announced larger than the limit', async () => {
    const answer = await new Promise<number>((resolve, reject) => {
      const request = http.request(`${api.origin}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(50 * 1024 * 1024) },
      });
      request.on('response', (response) => {
        response.resume();
        resolve(response.statusCode!);
      });
      request.on('error', reject);
      request.write('{');
    });
    expect(answer).toBe(413);
  });

  it('keeps serving after a client hangs up halfway through its body', async () => {
    await new Promise<void>((resolve) => {
      const request = http.request(`${api.origin}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': '1000' },
      });
      request.on('error', () => resolve());
      request.write('{"query": "{ viewer');
      setTimeout(() => {
        request.destroy();
        resolve();
      }, 50);
    });
    const answer = await post(QUERY);
    expect(answer.status).toBe(200);
  });
});
