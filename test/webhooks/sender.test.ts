// One delivery attempt on the wire: connected to the address that was checked (whatever the name
// resolves to later), no redirect followed, a time limit, and only a short prefix of the answer.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ANSWER_SHOWN, postWebhook } from '../../src/webhooks/webhook-sender';
import { resolveTarget } from '../../src/webhooks/webhook-targets';

let server: http.Server;
let port: number;
const seen: { host: string | undefined; path: string | undefined }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push({ host: req.headers.host, path: req.url });
    req.resume();
    if (req.url === '/redirect') res.writeHead(302, { location: 'http://169.254.169.254/' }).end();
    else if (req.url === '/huge') res.writeHead(500).end('x'.repeat(5_000_000));
    else if (req.url === '/hang') return;
    else res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const attempt = (path: string, host = 'partner.example', timeoutMs = 2_000) =>
  postWebhook({
    url: new URL(`http://${host}:${port}${path}`),
    target: { address: '127.0.0.1', family: 4 },
    headers: {},
    body: '{}',
    timeoutMs,
  });

it('connects to the checked address, never looking the name up again (DNS rebinding)', async () => {
  // partner.example does not resolve at all: only the pinned address can have been used.
  expect(await attempt('/ok')).toEqual({ ok: true, statusCode: 204 });
  expect(seen.at(-1)).toEqual({ host: `partner.example:${port}`, path: '/ok' });
});

it('refuses a name one of whose addresses is not allowed, even if another is', async () => {
  const resolve = async () => [
    { address: '93.184.215.14', family: 4 as const },
    { address: '169.254.169.254', family: 4 as const },
  ];
  await expect(
    resolveTarget(
      new URL('https://rebind.example/'),
      { requireHttps: true, allowPrivateTargets: false },
      resolve,
    ),
  ).rejects.toThrow(/rebind\.example, which resolves to a link-local address: webhooks never go/);
});

it('never names the internal address a refused host resolves to', async () => {
  // In the compose deployment `http://primary/` resolves to the database's address.
  const resolve = async () => [{ address: '172.18.0.3', family: 4 as const }];
  const refusal = resolveTarget(
    new URL('http://primary/'),
    { requireHttps: false, allowPrivateTargets: false },
    resolve,
  );
  await expect(refusal).rejects.toThrow(
    /names the host primary, which resolves to a private \(RFC 1918\) address: webhooks go to public addresses only \(for development, set WEBHOOK_ALLOW_PRIVATE_TARGETS=true/,
  );
  await expect(refusal).rejects.not.toThrow(/172\.18/);
});

it('follows no redirect', async () => {
  const outcome = await attempt('/redirect');
  expect(outcome).toMatchObject({ ok: false, statusCode: 302 });
  expect(!outcome.ok && outcome.error).toMatch(/follow no redirects, register the final URL/);
  expect(seen.filter((request) => request.path !== '/redirect' && request.path !== '/ok')).toEqual(
    [],
  );
});

it('keeps only a short prefix of a large answer', async () => {
  const outcome = await attempt('/huge');
  expect(outcome).toMatchObject({ ok: false, statusCode: 500 });
  const error = !outcome.ok ? outcome.error : '';
  expect(error.length).toBeLessThan(ANSWER_SHOWN + 60);
  expect(error).toMatch(/answered 500: "x+…"/);
});

it('gives up on a receiver that does not answer in time', async () => {
  const started = Date.now();
  const outcome = await attempt('/hang', 'partner.example', 300);
  expect(outcome).toMatchObject({ ok: false, statusCode: null });
  expect(!outcome.ok && outcome.error).toMatch(/no answer within 300 ms/);
  expect(Date.now() - started).toBeLessThan(2_000);
});
