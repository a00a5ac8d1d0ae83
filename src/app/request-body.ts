// A GraphQL request's JSON body, read under a size limit — what Express's json parser did for the
// endpoint, with its rules and its error types (so that http-hygiene.ts explains them alike):
// only `application/json` is parsed (Apollo answers any other type, and a GET, from the URL);
// UTF-8 only; gzip, deflate and br bodies inflated, the limit counting what they inflate to; a
// body announced or found larger than the limit refused with 413 as soon as that is known;
// strict JSON (an object or an array; an empty body reads as {}).
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';

/** A body that could not be read, by the type names body-parser gives (see http-hygiene.ts). */
export class BodyError extends Error {
  constructor(
    readonly status: number,
    readonly type:
      | 'entity.parse.failed'
      | 'entity.too.large'
      | 'encoding.unsupported'
      | 'charset.unsupported'
      | 'request.aborted'
      | 'request.size.invalid',
  ) {
    super(type);
  }
}

const JSON_TYPE = /^application\/json\s*(?:;|$)/i;

/** Whether the request says its body is JSON (parameters such as charset aside). */
const sendsJson = (request: IncomingMessage) =>
  JSON_TYPE.test(request.headers['content-type'] ?? '');

/** A request has a body when it says so: a length other than 0, or a chunked transfer. */
const hasBody = (request: IncomingMessage) =>
  request.headers['transfer-encoding'] !== undefined ||
  (request.headers['content-length'] !== undefined && request.headers['content-length'] !== '0');

function charsetOf(request: IncomingMessage): string {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(request.headers['content-type'] ?? '');
  return match ? match[1].toLowerCase() : 'utf-8';
}

function decoded(request: IncomingMessage): Readable {
  const encoding = (request.headers['content-encoding'] ?? 'identity').toLowerCase();
  switch (encoding) {
    case 'identity':
      return request;
    case 'gzip':
      return request.pipe(zlib.createGunzip());
    case 'deflate':
      return request.pipe(zlib.createInflate());
    case 'br':
      return request.pipe(zlib.createBrotliDecompress());
    default:
      throw new BodyError(415, 'encoding.unsupported');
  }
}

/**
 * The parsed JSON body, or undefined when the request carries none or not as JSON. Throws
 * BodyError for a body it refuses; the request is then left unread (the caller answers and the
 * connection is closed after the answer).
 */
export async function readJsonBody(request: IncomingMessage, limit: number): Promise<unknown> {
  if (!sendsJson(request) || !hasBody(request)) return undefined;
  const charset = charsetOf(request);
  if (charset !== 'utf-8' && charset !== 'utf8') throw new BodyError(415, 'charset.unsupported');
  const announced = request.headers['content-length'];
  const encoding = request.headers['content-encoding'];
  if (announced !== undefined && (!encoding || encoding.toLowerCase() === 'identity')) {
    if (!/^\d+$/.test(announced)) throw new BodyError(400, 'request.size.invalid');
    if (Number(announced) > limit) throw new BodyError(413, 'entity.too.large');
  }
  const text = (await collect(request, decoded(request), limit)).toString('utf8');
  // A byte order mark is dropped, as body-parser's decoder dropped it.
  return parseStrict(text.replace(/^\uFEFF/, ''));
}

/**
 * The bytes of `body` (the request, or what it inflates to), up to `limit`. Past the limit it
 * stops reading and refuses, leaving the socket whole so that the refusal can be answered.
 */
function collect(request: IncomingMessage, body: Readable, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // Gone while its key was being checked.
    if (request.destroyed && !request.complete) {
      reject(new BodyError(400, 'request.aborted'));
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const settle = (error: BodyError | null) => {
      if (settled) return;
      settled = true;
      body.off('data', onData);
      if (error) {
        body.pause();
        reject(error);
      } else resolve(Buffer.concat(chunks));
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) settle(new BodyError(413, 'entity.too.large'));
      else chunks.push(chunk);
    };
    body.on('data', onData);
    body.once('end', () => settle(null));
    // A compressed body that does not inflate is as unreadable as malformed JSON.
    body.once('error', () => settle(new BodyError(400, 'entity.parse.failed')));
    request.once('close', () => {
      if (!request.complete) settle(new BodyError(400, 'request.aborted'));
    });
  });
}

/** JSON.parse for an object or an array only, as body-parser's strict mode; '' reads as {}. */
function parseStrict(text: string): unknown {
  if (text.length === 0) return {};
  const first = /\S/.exec(text)?.[0];
  if (first !== '{' && first !== '[') throw new BodyError(400, 'entity.parse.failed');
  try {
    return JSON.parse(text);
  } catch {
    throw new BodyError(400, 'entity.parse.failed');
  }
}
