// One HTTP attempt of a delivery: a POST connected to the address webhook-targets.ts checked
// (the host name still names the server for TLS and the Host header, but is not looked up
// again), within a time limit for connecting, sending and answering together, following no
// redirect, and reading at most a short prefix of the answer — which is all that is kept.
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { hostOf, type ResolvedAddress } from './webhook-targets';

export interface WebhookPost {
  url: URL;
  /** The checked address to connect to. */
  target: ResolvedAddress;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** Aborts the attempt (the process is stopping). */
  signal?: AbortSignal;
}

export type AttemptOutcome =
  { ok: true; statusCode: number } | { ok: false; statusCode: number | null; error: string };

/** Bytes of an answer read at most; the rest is never received. */
const ANSWER_BYTES = 1024;
/** Characters of an answer kept in lastError. */
export const ANSWER_SHOWN = 200;

/** Always the checked address, whatever name the connection asks about. */
function pinnedLookup({ address, family }: ResolvedAddress): LookupFunction {
  return ((
    _hostname: string,
    options: { all?: boolean },
    callback: (...args: unknown[]) => void,
  ) =>
    options?.all
      ? callback(null, [{ address, family }])
      : callback(null, address, family)) as unknown as LookupFunction;
}

/** An answer's first characters, as text that can be stored and shown (no control characters). */
function shownAnswer(bytes: Buffer): string {
  const text = bytes
    .toString('utf8')
    // eslint-disable-next-line no-control-regex -- control characters are what is removed
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .trim();
  const chars = [...text];
  return chars.length > ANSWER_SHOWN ? `${chars.slice(0, ANSWER_SHOWN).join('')}…` : text;
}

function outcomeOf(
  statusCode: number,
  answer: Buffer,
  location: string | undefined,
): AttemptOutcome {
  if (statusCode >= 200 && statusCode < 300) return { ok: true, statusCode };
  if (statusCode >= 300 && statusCode < 400) {
    return {
      ok: false,
      statusCode,
      error: `the receiver answered ${statusCode}${location ? ' (a redirect)' : ''}: webhooks follow no redirects, register the final URL`,
    };
  }
  const shown = shownAnswer(answer);
  return {
    ok: false,
    statusCode,
    error: `the receiver answered ${statusCode}${shown ? `: ${JSON.stringify(shown)}` : ''}`,
  };
}

function networkError(error: NodeJS.ErrnoException, post: WebhookPost): string {
  // The URL's own host, not the address it resolved to: lastError is shown to the subscriber.
  const where = `${post.url.hostname}:${post.url.port || (post.url.protocol === 'https:' ? 443 : 80)}`;
  switch (error.code) {
    case 'ECONNREFUSED':
      return `connection refused by ${where}`;
    case 'ECONNRESET':
      return `the connection to ${where} was reset`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${where} is unreachable`;
    default:
      return `could not deliver to ${where}: ${error.code ?? error.message}`;
  }
}

export function postWebhook(post: WebhookPost): Promise<AttemptOutcome> {
  const { url, body, timeoutMs, signal } = post;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: AttemptOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
      request.destroy();
      resolve(outcome);
    };
    const request = (url.protocol === 'https:' ? https : http).request(
      {
        method: 'POST',
        protocol: url.protocol,
        hostname: hostOf(url),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        headers: {
          ...post.headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'SME-Network-Webhooks/1',
        },
        lookup: pinnedLookup(post.target),
        // A connection of its own per attempt: no pooled socket to an address checked before.
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () =>
          finish(
            outcomeOf(response.statusCode ?? 0, Buffer.concat(chunks), response.headers.location),
          );
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          // Enough to say what went wrong: the rest of the answer is not read.
          if (size >= ANSWER_BYTES) done();
        });
        response.on('end', done);
        response.on('error', done);
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) =>
      finish({ ok: false, statusCode: null, error: networkError(error, post) }),
    );
    const timer = setTimeout(
      () =>
        finish({
          ok: false,
          statusCode: null,
          error: `no answer within ${timeoutMs} ms (connect, send and answer together)`,
        }),
      timeoutMs,
    );
    const abort = () =>
      finish({
        ok: false,
        statusCode: null,
        error: 'the attempt was cut short: the server was stopping',
      });
    if (signal?.aborted) return abort();
    signal?.addEventListener('abort', abort);
    request.end(body);
  });
}
