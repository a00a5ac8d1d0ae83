// POST (and GET) /graphql on node:http: Apollo Server's own integration API
// (`executeHTTPGraphQLRequest`, what @as-integrations/express5 wraps) with nothing in between.
// Express served this path until the read planner made the rest cheap: it then cost about as much
// CPU per request as everything else together (a planned lookup: 0.69 ms with it, 0.43 without),
// so GraphQL requests — nearly all traffic — no longer walk its router, body parser and `send`.
// What the path did stays, in order: the request id; the key checked before a byte of the body
// is read (its role decides the body's limit; a refused key is answered by Apollo, as a GraphQL
// error, once the body is read within the small limit); the body read under that limit; the
// document's bounds; then Apollo with the request's context. Failures before Apollo are answered
// as http-hygiene.ts answers them; Express keeps every other path.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import proxyAddr from 'proxy-addr';
import { sendsLargeBodies } from '../auth/permissions';
import type { Viewer } from '../auth/viewer';
import type { Sql } from '../db/sql';
import type { Logger } from '../logger';
import type { Budgets } from './budgets';
import type { RequestContext, RequestOrigin } from './context';
import { answerHttpError, assignRequestId, type HttpError } from './http-hygiene';
import { answerBoundsRefusal, boundsRefusal } from './request-bounds';
import { BodyError, readJsonBody } from './request-body';
import { requestViewer } from './request-viewer';

export const GRAPHQL_PATH = '/graphql';

/** A body's limit, in bytes and as the error message names it. */
export interface BodyLimit {
  bytes: number;
  named: string;
}

export interface GraphqlEndpointOptions {
  apollo: ApolloServer<RequestContext>;
  /** Runs the key check (the request's own session is chosen in its context). */
  sql: Sql;
  budgets: Budgets | null;
  log: Logger;
  /** Proxies whose X-Forwarded-For is believed (TRUST_PROXY); none: the peer's address. */
  trustProxy: string[];
  /** Every client's body limit, and the larger one of roles that send large bodies. */
  limits: { public: BodyLimit; large: BodyLimit };
  /** The request's context, once its viewer is known (or refused: Apollo answers that). */
  context(viewer: Promise<Viewer>, origin: RequestOrigin): Promise<RequestContext>;
}

/** A request's path and its query string (`?…`, or empty), as the request line gives them. */
export interface RequestTarget {
  pathname: string;
  search: string;
}

export function requestTarget(request: IncomingMessage): RequestTarget {
  const url = request.url ?? '/';
  const query = url.indexOf('?');
  return query < 0
    ? { pathname: url, search: '' }
    : { pathname: url.slice(0, query), search: url.slice(query) };
}

/** Whether `pathname` is the endpoint's: where Express mounted it, case-insensitive, with subpaths. */
export function isGraphqlPath(pathname: string): boolean {
  const path = pathname.toLowerCase();
  return path === GRAPHQL_PATH || path.startsWith(`${GRAPHQL_PATH}/`);
}

export function graphqlEndpoint(options: GraphqlEndpointOptions) {
  const { apollo, sql, budgets, log, limits } = options;
  const trust = proxyAddr.compile(options.trustProxy);

  async function serve(request: IncomingMessage, response: ServerResponse, target: RequestTarget) {
    const origin: RequestOrigin = {
      requestId: assignRequestId(request, response),
      address: proxyAddr(request, trust),
    };
    const viewer = requestViewer(sql, request.headers.authorization, origin, budgets, log);
    // Awaited by the context (or the bounds' answer); never left unhandled meanwhile.
    viewer.catch(() => undefined);
    const limit = await viewer.then(
      (found) => (sendsLargeBodies(found) ? limits.large : limits.public),
      () => limits.public,
    );
    let body: unknown;
    try {
      body = await readJsonBody(request, limit.bytes);
    } catch (error) {
      if (!(error instanceof BodyError)) throw error;
      // The rest of the body is not read: the connection closes after the answer.
      response.setHeader('connection', 'close');
      return answerHttpError(error, request, response, log, limit.named, target.pathname);
    }
    const method = (request.method ?? 'GET').toUpperCase();
    const refusal = boundsRefusal(method, body, new URLSearchParams(target.search));
    if (refusal) {
      const asker = await viewer.catch(() => null);
      // A refused key is Apollo's to answer, without the document being read.
      if (asker) {
        log.info('graphql request refused by its size', {
          requestId: origin.requestId,
          limit: refusal.extensions.limit,
        });
        return answerBoundsRefusal(refusal, { viewer: asker, origin }, response, budgets);
      }
    }
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const answer = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method, headers, search: target.search, body },
      context: () => options.context(viewer, origin),
    });
    for (const [name, value] of answer.headers) response.setHeader(name, value);
    response.statusCode = answer.status ?? 200;
    if (answer.body.kind === 'complete') {
      response.setHeader('content-length', Buffer.byteLength(answer.body.string));
      response.end(answer.body.string);
      return;
    }
    for await (const chunk of answer.body.asyncIterator) response.write(chunk);
    response.end();
  }

  return (request: IncomingMessage, response: ServerResponse, target: RequestTarget): void => {
    serve(request, response, target).catch((error: HttpError) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      answerHttpError(error, request, response, log, limits.public.named, target.pathname);
    });
  };
}
