// Kept-alive connections: the server keeps an idle one longer than clients keep theirs (so that a
// client never sends on a socket the server is closing), caps how many it holds and lets idle
// ones make room for new clients, and closes idle ones at once when it stops.
import net from 'node:net';
import { startTestApi, type TestApi } from '../support/test-api';

const REQUEST = 'GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n';

/** A raw kept-alive connection: `ask` sends a request and resolves with the answer's head. */
async function connection(api: TestApi) {
  const socket = net.connect(Number(new URL(api.origin).port), '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  let closed = false;
  socket.on('close', () => (closed = true));
  socket.on('error', () => undefined);
  return {
    socket,
    closed: () => closed,
    ask: () =>
      new Promise<string>((resolve, reject) => {
        let received = '';
        const onData = (chunk: Buffer) => {
          received += chunk.toString();
          // /healthz answers a small JSON body with a content-length: the head and body arrive
          // together.
          if (received.includes('\r\n\r\n') && received.trimEnd().endsWith('}')) {
            socket.off('data', onData);
            socket.off('close', onClose);
            resolve(received);
          }
        };
        const onClose = () => reject(new Error('the server closed the connection'));
        socket.on('data', onData);
        socket.once('close', onClose);
        socket.write(REQUEST);
      }),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('idle kept-alive connections', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startTestApi()));
  afterAll(() => api.close());

  it("outlive a client's own idle timeout: a request after 6 s idle is answered on the same socket", async () => {
    const kept = await connection(api);
    const first = await kept.ask();
    expect(first).toMatch(/^HTTP\/1\.1 200/);
    expect(first).toMatch(/keep-alive: timeout=65/i);
    // Node's fetch keeps an idle socket 4–5 s: the server must keep it longer.
    await sleep(6_000);
    expect(kept.closed()).toBe(false);
    expect(await kept.ask()).toMatch(/^HTTP\/1\.1 200/);
    kept.socket.destroy();
  }, 20_000);
});

describe('the connection cap', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startTestApi({ env: { HTTP_MAX_CONNECTIONS: '10' } })));
  afterAll(() => api.close());

  it('closes idle connections to make room when connections reach the cap', async () => {
    const idle = [];
    for (let i = 0; i < 10; i++) {
      const kept = await connection(api);
      await kept.ask();
      idle.push(kept);
    }
    // A new client is served, and idle connections made room for it.
    const response = await fetch(`${api.origin}/healthz`);
    expect(response.status).toBe(200);
    await sleep(200);
    expect(idle.filter((kept) => kept.closed()).length).toBeGreaterThan(0);
    for (const kept of idle) kept.socket.destroy();
  });
});

describe('stopping', () => {
  it('closes idle kept-alive connections at once instead of waiting for their timeout', async () => {
    const api = await startTestApi();
    const idle = [];
    for (let i = 0; i < 5; i++) {
      const kept = await connection(api);
      await kept.ask();
      idle.push(kept);
    }
    const started = performance.now();
    await api.close();
    expect(performance.now() - started).toBeLessThan(api.config.shutdownTimeoutMs);
    await sleep(100);
    expect(idle.every((kept) => kept.closed())).toBe(true);
  });
});
