// A partner's webhook receiver for tests: a local HTTP server that records every POST (headers,
// raw body, when it arrived) and answers with the status a test chooses per request.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface ReceivedWebhook {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  json: any;
  receivedAt: number;
}

export interface WebhookReceiver {
  /** http://127.0.0.1:<port><path> */
  url(path?: string): string;
  received: ReceivedWebhook[];
  /** The POSTs to one path. */
  at(path: string): ReceivedWebhook[];
  /** The most POSTs it held unanswered at once (a connection closed by the sender ends one). */
  mostAtOnce(): number;
  /** Resolves once `count` POSTs reached `path` (or any path), or fails after `ms`. */
  waitFor(count: number, path?: string, ms?: number): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
}

/**
 * `answer` chooses the status of each POST (default 204), perhaps later (a promise); it may also
 * never answer (null).
 */
export async function startWebhookReceiver(
  answer: (request: ReceivedWebhook, nthAtPath: number) => number | null | Promise<number> = () =>
    204,
): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const hanging = new Set<http.ServerResponse>();
  let open = 0;
  let mostAtOnce = 0;
  const server = http.createServer((req, res) => {
    open += 1;
    mostAtOnce = Math.max(mostAtOnce, open);
    res.on('close', () => (open -= 1));
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown = null;
      try {
        json = JSON.parse(body);
      } catch {
        // recorded as is
      }
      const entry = {
        path: req.url ?? '/',
        headers: req.headers,
        body,
        json,
        receivedAt: Date.now(),
      };
      received.push(entry);
      const status = answer(entry, received.filter((r) => r.path === entry.path).length);
      if (status === null) {
        hanging.add(res);
        return;
      }
      const reply = (code: number) =>
        res
          .writeHead(code, { 'content-type': 'text/plain' })
          .end(code < 300 ? 'ok' : 'receiver says no');
      if (typeof status === 'number') reply(status);
      else {
        hanging.add(res);
        void status.then((code) => {
          hanging.delete(res);
          if (!res.destroyed) reply(code);
        });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const at = (path: string) => received.filter((r) => r.path === path);
  return {
    url: (path = '/hook') => `http://127.0.0.1:${port}${path}`,
    received,
    at,
    mostAtOnce: () => mostAtOnce,
    async waitFor(count, path, ms = 20_000) {
      const deadline = Date.now() + ms;
      const seen = () => (path ? at(path) : received);
      while (seen().length < count) {
        if (Date.now() > deadline) {
          throw new Error(
            `expected ${count} webhooks${path ? ` at ${path}` : ''}, got ${seen().length}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return seen();
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Checks a POST's signature the way the README tells partners to. */
export function signatureIsValid(webhook: ReceivedWebhook, secret: string): boolean {
  const timestamp = String(webhook.headers['sme-webhook-timestamp']);
  const signature = String(webhook.headers['sme-webhook-signature']);
  const expected = createHmac('sha256', Buffer.from(secret, 'utf8'))
    .update(`${timestamp}.${webhook.body}`)
    .digest();
  const given = Buffer.from(signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
