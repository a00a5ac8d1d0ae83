// What every HTTP answer keeps, whatever went wrong before GraphQL saw the request: a request id
// (taken from X-Request-Id when it is a sane one, else made here) in a response header, and
// errors as GraphQL-shaped JSON with a code — never Express's HTML page, never a stack, and never
// the body that failed (it may hold personal data) in the answer or the log.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../logger';

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

type WithRequestId = IncomingMessage & { requestId?: string };

/** The id of a request, set by assignRequestId. */
export const requestIdOf = (request: IncomingMessage): string =>
  (request as WithRequestId).requestId ?? 'unknown';

/** Gives the request its id — the client's X-Request-Id when it is a sane one — and answers it. */
export function assignRequestId(request: IncomingMessage, response: ServerResponse): string {
  const offered = request.headers['x-request-id'];
  const id =
    typeof offered === 'string' && CLIENT_REQUEST_ID.test(offered) ? offered : randomUUID();
  (request as WithRequestId).requestId = id;
  response.setHeader('x-request-id', id);
  return id;
}

export function requestIdMiddleware(): RequestHandler {
  return (request, response, next) => {
    assignRequestId(request, response);
    next();
  };
}

/** Sends `body`, already JSON, with `status`: what every answer outside Apollo's goes through. */
export function sendJson(response: ServerResponse, status: number, body: string): void {
  response.statusCode = status;
  response.setHeader('content-type', 'application/json; charset=utf-8');
  response.setHeader('content-length', Buffer.byteLength(body));
  response.end(body);
}

export interface HttpError {
  status?: number;
  statusCode?: number;
  type?: string;
  limit?: number;
}

/** What a body-parser failure means to a client, by body-parser's error type. */
function explain(error: HttpError, maxBody: string): { code: string; message: string } {
  switch (error.type) {
    case 'entity.parse.failed':
      return {
        code: 'BAD_REQUEST',
        message:
          'the request body is not valid JSON: send {"query": "...", "variables": {...}} with content-type application/json',
      };
    case 'entity.too.large':
      return {
        code: 'PAYLOAD_TOO_LARGE',
        message: `the request body is larger than ${maxBody}: send a shorter document, with values as variables`,
      };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { code: 'BAD_REQUEST', message: 'send the body as UTF-8 JSON' };
    case 'request.aborted':
    case 'request.size.invalid':
      return {
        code: 'BAD_REQUEST',
        message: 'the request body did not arrive whole: send it again',
      };
    default:
      return { code: 'BAD_REQUEST', message: 'the request could not be read' };
  }
}

/**
 * Answers a request refused before GraphQL saw it — a body that could not be read, or a failure
 * of the server's own — as GraphQL-shaped JSON. `bodyLimit` is the limit the request had.
 */
export function answerHttpError(
  error: HttpError,
  request: IncomingMessage,
  response: ServerResponse,
  log: Logger,
  bodyLimit: string,
  path: string,
): void {
  const status = error.status ?? error.statusCode ?? 500;
  const requestId = requestIdOf(request);
  const known = status >= 400 && status < 500;
  const { code, message } = known
    ? explain(error, bodyLimit)
    : {
        code: 'INTERNAL_SERVER_ERROR',
        message: 'Internal server error: the failure was logged; please retry or report it.',
      };
  // The error's own message may quote the body: only its kind is logged.
  (known ? log.info : log.error)('http request refused', {
    requestId,
    status,
    code,
    reason: error.type ?? (error instanceof Error ? error.name : 'unknown'),
    path,
  });
  sendJson(
    response,
    known ? status : 500,
    JSON.stringify({ errors: [{ message, extensions: { code, requestId } }] }),
  );
}

/**
 * The last Express handler: JSON errors only. `maxBody` is the limit named when the request's own
 * (`response.locals.bodyLimit`) is not.
 */
export function jsonErrorHandler(log: Logger, maxBody: string): ErrorRequestHandler {
  return (error: HttpError, request, response, next) => {
    if (response.headersSent) return next(error);
    const limit = (response.locals.bodyLimit as string | undefined) ?? maxBody;
    answerHttpError(error, request, response, log, limit, request.path);
  };
}

/** Paths nobody serves: a JSON 404 instead of Express's HTML page. */
export function notFoundHandler(): RequestHandler {
  return (request, response) => {
    sendJson(
      response,
      404,
      JSON.stringify({
        errors: [
          {
            message: `nothing is served at ${request.method} ${request.path.slice(0, 100)}: the API is at POST /graphql`,
            extensions: { code: 'NOT_FOUND', requestId: requestIdOf(request) },
          },
        ],
      }),
    );
  };
}
