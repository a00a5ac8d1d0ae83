// What every HTTP answer keeps, whatever went wrong before GraphQL saw the request: a request id
// (taken from X-Request-Id when it is a sane one, else made here) in a response header, and
// errors as GraphQL-shaped JSON with a code — never Express's HTML page, never a stack, and never
// the body that failed (it may hold personal data) in the answer or the log.
import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import type { Logger } from '../logger';

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/** The id of a request, set by requestIdMiddleware. */
export const requestIdOf = (request: Request): string =>
  (request as Request & { requestId?: string }).requestId ?? 'unknown';

export function requestIdMiddleware(): RequestHandler {
  return (request, response, next) => {
    const offered = request.header('x-request-id');
    const id = offered && CLIENT_REQUEST_ID.test(offered) ? offered : randomUUID();
    (request as Request & { requestId?: string }).requestId = id;
    response.setHeader('x-request-id', id);
    next();
  };
}

interface HttpError {
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
 * The last Express handler: JSON errors only. `maxBody` is the limit named when the request's own
 * (`response.locals.bodyLimit`, set once its key is known) is not.
 */
export function jsonErrorHandler(log: Logger, maxBody: string): ErrorRequestHandler {
  return (error: HttpError, request, response, next) => {
    if (response.headersSent) return next(error);
    const status = error.status ?? error.statusCode ?? 500;
    const requestId = requestIdOf(request);
    const known = status >= 400 && status < 500;
    const { code, message } = known
      ? explain(error, (response.locals.bodyLimit as string | undefined) ?? maxBody)
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
      path: request.path,
    });
    response
      .status(known ? status : 500)
      .type('application/json')
      .send(JSON.stringify({ errors: [{ message, extensions: { code, requestId } }] }));
  };
}

/** Paths nobody serves: a JSON 404 instead of Express's HTML page. */
export function notFoundHandler(): RequestHandler {
  return (request, response) => {
    response
      .status(404)
      .type('application/json')
      .send(
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
