// The HTTP server: health probes, Playground assets and the GraphQL endpoint, with the limits a
// public service keeps — body size, HTTP timeouts, per-request SQL sessions, query limits,
// per-client budgets — and JSON errors only.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Request } from 'express';
import { GraphQLError } from 'graphql';
import { sendsLargeBodies } from '../auth/permissions';
import { viewerFromHeader, type Viewer } from '../auth/viewer';
import type { Config } from '../config';
import type { LoaderSettings } from '../db/loaders';
import type { ReplicaHealth } from '../db/read-replicas';
import { Sql } from '../db/sql';
import { TableVolume } from '../db/table-volume';
import type { Logger } from '../logger';
import { errorStatusPlugin, formatError } from '../schema/errors';
import { plannedReadsPlugin } from '../read-planner/planned-reads.plugin';
import { queryLimitsPlugin } from '../schema/query-limits';
import { textHygienePlugin } from '../schema/text-hygiene';
import { DOCUMENT_LIMITS } from '../schema/document-bounds';
import { budgetPlugin, createBudgets, type Budgets } from './budgets';
import { clientNetwork } from './client-network';
import { capConnections } from './connection-cap';
import { createRequestContext, type RequestContext } from './context';
import { healthRoutes } from './health';
import {
  jsonErrorHandler,
  notFoundHandler,
  requestIdMiddleware,
  requestIdOf,
} from './http-hygiene';
import { watchNetworkChanges } from './network-changes';
import { operationLogPlugin } from './operation-log';
import { persistedQueryStore, type PersistedQueries } from './persisted-queries';
import { playgroundAssets, playgroundLandingPage } from './playground';
import { readRoutingPlugin, sessionChooser, watchReadReplicas } from './read-routing';
import { requestBounds } from './request-bounds';
import { createReferenceData, type ReferenceData } from './reference-data';
import { createResponseCache, type ResponseCache } from './response-cache';
import { buildApiSchema } from './schema';

export const GRAPHQL_PATH = '/graphql';
/** GraphQL documents are small; anything larger is a mistake or an attack. */
const MAX_BODY = '100kb';
/**
 * ADMIN keys may send a province's directory to importNetwork (a few MB of CSV), AUTHORITY keys a
 * province's published list of designations (5,000 rows, about 1 MB). Which limit
 * applies is decided from the Authorization header before a byte of the body is read.
 */
const ADMIN_MAX_BODY = '32mb';

export interface ApiServerOptions {
  /** Runs the project's statements on the request pool; each request gets a session of it. */
  sql: Sql;
  config: Config;
  log: Logger;
  /** The process's regions and taxonomy; created here unless the caller shares one. */
  reference?: ReferenceData;
  /** DataLoader settings; only the benchmark's floor switches batching off. */
  loaderSettings?: LoaderSettings;
}

export interface ApiServer {
  httpServer: http.Server;
  /** The process's response cache (tests look at its size). */
  responseCache: ResponseCache;
  /** The process's persisted-query store (tests look at its size). */
  persistedQueries: PersistedQueries;
  /** Starts listening; resolves with the bound port (useful with port 0). */
  listen(port: number): Promise<number>;
  /** Stops accepting, lets in-flight requests finish, then closes what it opened. */
  stop(): Promise<void>;
  /** The read replicas and how they stand (empty without DATABASE_READ_URLS). */
  databases(): { replicas: ReplicaHealth[] };
}

export class PortInUseError extends Error {}

export async function createApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const { sql, log, config } = options;
  const reference = options.reference ?? createReferenceData(sql);
  const app = express();
  app.disable('x-powered-by');
  // No ETag on API answers: Express would hash every answer (all of a 250 kB page) for a header
  // no GraphQL client revalidates with. Playground's static files keep theirs (serve-static's).
  app.set('etag', false);
  // Clients behind the proxies named in TRUST_PROXY keep their own address (and budget).
  app.set('trust proxy', config.http.trustProxy.length ? config.http.trustProxy : false);
  // Slow clients are cut off: headers within headersTimeout, the whole request within
  // requestTimeout (checked every second, not Node's default 30 s). An idle kept-alive connection
  // stays keepAliveTimeout (65 s), longer than clients keep theirs, so that a client never sends
  // on a socket the server is closing; headersTimeout only runs once a request has begun, so the
  // two do not race. Connections are capped, idle ones closed first (src/app/connection-cap.ts).
  const httpServer = http.createServer({ connectionsCheckingInterval: 1000 }, app);
  // Node needs the headers' limit within the whole request's.
  httpServer.headersTimeout = Math.min(config.http.headersTimeoutMs, config.http.requestTimeoutMs);
  httpServer.requestTimeout = config.http.requestTimeoutMs;
  httpServer.keepAliveTimeout = config.http.keepAliveTimeoutMs;
  capConnections(httpServer, config.http.maxConnections);

  const responseCache = createResponseCache({
    ttlSeconds: config.responseCacheSeconds,
    maxBytes: config.responseCacheMaxBytes,
    replicaLagMs: config.readUrls.length ? config.maxReplicaLagMs : 0,
  });
  const budgets = await createBudgets(config, sql);
  const persistedQueries = persistedQueryStore(sql, config.persistedQueriesMaxBytes);
  const replicas = await watchReadReplicas(config, sql, log);
  const changes = await watchNetworkChanges({
    sql,
    log,
    cache: responseCache,
    reference,
  });
  // Unobserved: tests count the statements of requests, and these belong to none.
  const volume = await TableVolume.watch(new Sql(sql.dataSource), log);

  const apollo = new ApolloServer<RequestContext>({
    schema: buildApiSchema(),
    // Registered through any process, answered by every one.
    persistedQueries: { cache: persistedQueries },
    // Documents sent in full were bounded before Apollo saw them (requestBounds); this bounds
    // the ones looked up by hash too.
    parseOptions: { maxTokens: DOCUMENT_LIMITS.tokens },
    // Shutdown is the process's job (src/app/main.ts), in a fixed order.
    stopOnTerminationSignals: false,
    // The schema is the public contract: Playground and clients may read it (INTROSPECTION).
    introspection: config.graphql.introspection,
    hideSchemaDetailsFromClientErrors: !config.graphql.fieldSuggestions,
    includeStacktraceInErrorResponses: config.exposeErrorDetails,
    formatError: formatError(log, config.exposeErrorDetails),
    plugins: [
      // No per-field cache hints or traces: they cost a hook on every resolved field.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginDrainHttpServer({
        httpServer,
        stopGracePeriodMillis: config.shutdownTimeoutMs,
      }),
      playgroundLandingPage(GRAPHQL_PATH),
      readRoutingPlugin(sql, replicas, log),
      // Before the query limits: they walk the variables the hygiene checks.
      textHygienePlugin(),
      queryLimitsPlugin(volume),
      ...(budgets ? [budgetPlugin(budgets)] : []),
      responseCache.plugin,
      // After the cache: a hit answers before the planner is asked.
      ...(config.readPlanner ? [plannedReadsPlugin<RequestContext>()] : []),
      changes.plugin,
      errorStatusPlugin(),
      operationLogPlugin(log),
    ],
  });
  await apollo.start();
  const chooseSession = sessionChooser(sql, replicas, config.limits);

  app.use(requestIdMiddleware());
  const publicBody = express.json({ limit: MAX_BODY });
  const adminBody = express.json({ limit: ADMIN_MAX_BODY });
  app.use(
    GRAPHQL_PATH,
    // The key is checked before the body is read (its role decides the body's limit); a refusal
    // is answered by the context, as a GraphQL error, once the body is read within the small limit.
    (req, res, next) => {
      const viewer = authenticate(sql, req, budgets, log);
      viewer.catch(() => undefined);
      res.locals.viewer = viewer;
      viewer.then(
        (found) => {
          const large = sendsLargeBodies(found);
          // The error handler names the limit this request had.
          res.locals.bodyLimit = large ? ADMIN_MAX_BODY : MAX_BODY;
          (large ? adminBody : publicBody)(req, res, next);
        },
        () => publicBody(req, res, next),
      );
    },
    requestBounds(budgets, log),
    expressMiddleware(apollo, {
      context: async ({ req, res }) =>
        createRequestContext({
          sql: chooseSession,
          reference,
          viewer: await (res.locals.viewer as Promise<Viewer>),
          settings: options.loaderSettings,
          origin: { requestId: requestIdOf(req), address: req.ip ?? 'unknown' },
          webhooks: config.webhooks,
        }),
    }),
  );
  // After /graphql, so that GraphQL requests — nearly all traffic — never walk these routers.
  app.use(healthRoutes(sql, replicas));
  app.use(playgroundAssets());
  app.use(notFoundHandler());
  app.use(jsonErrorHandler(log, MAX_BODY));

  return {
    httpServer,
    responseCache,
    persistedQueries,
    listen: (port) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', (error: NodeJS.ErrnoException) => {
          reject(
            error.code === 'EADDRINUSE'
              ? new PortInUseError(
                  `port ${port} is already in use: stop what runs there or set PORT to a free port`,
                )
              : error,
          );
        });
        httpServer.listen(port, () => resolve((httpServer.address() as AddressInfo).port));
      }),
    async stop() {
      await apollo.stop();
      await changes.close();
      volume.close();
      await budgets?.close();
      await replicas?.close();
      persistedQueries.close();
    },
    databases: () => ({ replicas: replicas?.health() ?? [] }),
  };
}

function rateLimited(seconds: number): GraphQLError {
  return new GraphQLError(
    `too many failed authentications from this address: retry in ${seconds} s with a valid key, or send no Authorization header for public access`,
    {
      extensions: {
        code: 'RATE_LIMITED',
        retryAfterSeconds: seconds,
        http: { status: 429, headers: new Map([['retry-after', String(seconds)]]) },
      },
    },
  );
}

/**
 * The request's viewer. A key that authenticates is always taken: behind a shared address (an
 * office's NAT) one client's failures must not lock every partner out. Failures are counted per
 * address (an IPv6 /64 as one); past the limit, a key that fails is answered 429 for the rest of the
 * minute instead of 401 — checking it still costs one indexed read, what any anonymous request
 * costs. A failure to check the key is reported without details.
 */
async function authenticate(
  sql: Sql,
  request: Request,
  budgets: Budgets | null,
  log: Logger,
): Promise<Viewer> {
  try {
    return await viewerFromHeader(sql, request.headers.authorization);
  } catch (error) {
    if (error instanceof GraphQLError) {
      const address = clientNetwork(request.ip ?? 'unknown');
      const wait = budgets
        ? budgets.authenticationWait(address) || (await budgets.authenticationFailed(address))
        : 0;
      throw wait > 0 ? rateLimited(wait) : error;
    }
    log.error('API key check failed', {
      requestId: requestIdOf(request),
      error: (error as Error).message,
    });
    throw new GraphQLError(
      'Internal server error: the API key could not be checked; please retry.',
      { extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } } },
    );
  }
}
