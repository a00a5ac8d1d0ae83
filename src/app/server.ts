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
import express from 'express';
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
import { budgetPlugin, createBudgets } from './budgets';
import { capConnections } from './connection-cap';
import { createRequestContext, type RequestContext } from './context';
import { healthRoutes } from './health';
import { GRAPHQL_PATH, graphqlEndpoint, isGraphqlPath, requestTarget } from './graphql-endpoint';
import { jsonErrorHandler, notFoundHandler, requestIdMiddleware } from './http-hygiene';
import { watchNetworkChanges } from './network-changes';
import { operationLogPlugin } from './operation-log';
import { persistedQueryStore, type PersistedQueries } from './persisted-queries';
import { playgroundAssets, playgroundLandingPage } from './playground';
import { readRoutingPlugin, sessionChooser, watchReadReplicas } from './read-routing';
import { createReferenceData, type ReferenceData } from './reference-data';
import { createResponseCache, type ResponseCache } from './response-cache';
import { buildApiSchema } from './schema';

/** GraphQL documents are small; anything larger is a mistake or an attack. */
const MAX_BODY = { bytes: 100 * 1024, named: '100kb' };
/**
 * ADMIN keys may send a province's directory to importNetwork (a few MB of CSV), AUTHORITY keys a
 * province's published list of designations (5,000 rows, about 1 MB). Which limit
 * applies is decided from the Authorization header before a byte of the body is read.
 */
const ADMIN_MAX_BODY = { bytes: 32 * 1024 * 1024, named: '32mb' };

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
  // No ETag on the probes' and errors' answers; Playground's static files keep theirs.
  app.set('etag', false);
  // Slow clients are cut off: headers within headersTimeout, the whole request within
  // requestTimeout (checked every second, not Node's default 30 s). An idle kept-alive connection
  // stays keepAliveTimeout (65 s), longer than clients keep theirs, so that a client never sends
  // on a socket the server is closing; headersTimeout only runs once a request has begun, so the
  // two do not race. Connections are capped, idle ones closed first (src/app/connection-cap.ts).
  // Its requests are handed out once the endpoint and the app are ready (below).
  const httpServer = http.createServer({ connectionsCheckingInterval: 1000 });
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

  const serveGraphql = graphqlEndpoint({
    apollo,
    sql,
    budgets,
    log,
    trustProxy: config.http.trustProxy,
    limits: { public: MAX_BODY, large: ADMIN_MAX_BODY },
    context: async (viewer, origin) =>
      createRequestContext({
        sql: chooseSession,
        reference,
        viewer: await viewer,
        settings: options.loaderSettings,
        origin,
        webhooks: config.webhooks,
      }),
  });
  app.use(requestIdMiddleware());
  // Every other path is Express's.
  app.use(healthRoutes(sql, replicas));
  app.use(playgroundAssets());
  app.use(notFoundHandler());
  app.use(jsonErrorHandler(log, MAX_BODY.named));
  httpServer.on('request', (request: http.IncomingMessage, response: http.ServerResponse) => {
    const target = requestTarget(request);
    if (isGraphqlPath(target.pathname)) serveGraphql(request, response, target);
    else app(request, response);
  });

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
