// The HTTP server: health probes, Playground assets and the GraphQL endpoint.
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
import express from 'express';
import { GraphQLError } from 'graphql';
import { viewerFromHeader, type Viewer } from '../auth/viewer';
import type { LoaderSettings } from '../db/loaders';
import type { Sql } from '../db/sql';
import type { Logger } from '../logger';
import { formatError } from '../schema/errors';
import { queryLimitsPlugin } from '../schema/query-limits';
import { createRequestContext, type RequestContext } from './context';
import { healthRoutes } from './health';
import { operationLogPlugin } from './operation-log';
import { playgroundAssets, playgroundLandingPage } from './playground';
import { createReferenceData, type ReferenceData } from './reference-data';
import { responseCachePlugin } from './response-cache';
import { COST_RULES, buildApiSchema } from './schema';

export const GRAPHQL_PATH = '/graphql';
/** GraphQL documents are small; anything larger is a mistake or an attack. */
const MAX_BODY = '100kb';

export interface ApiServerOptions {
  /** Runs the project's statements on the request pool. */
  sql: Sql;
  /** The process's regions and taxonomy; created here unless the caller shares one. */
  reference?: ReferenceData;
  log: Logger;
  exposeErrorDetails: boolean;
  /** How long in-flight requests may run on stop before their connections are cut. */
  shutdownTimeoutMs?: number;
  /** DataLoader settings; only the benchmark's floor switches batching off. */
  loaderSettings?: LoaderSettings;
  /** Anonymous directory answers are reused for this long (0: never). */
  responseCacheSeconds?: number;
}

export interface ApiServer {
  httpServer: http.Server;
  /** Starts listening; resolves with the bound port (useful with port 0). */
  listen(port: number): Promise<number>;
  /** Stops accepting, lets in-flight requests finish, then closes. */
  stop(): Promise<void>;
}

export class PortInUseError extends Error {}

export async function createApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const { sql, log } = options;
  const reference = options.reference ?? createReferenceData(sql);
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);

  const apollo = new ApolloServer<RequestContext>({
    schema: buildApiSchema(),
    // Shutdown is the process's job (src/app/main.ts), in a fixed order.
    stopOnTerminationSignals: false,
    // The schema is the public contract: Playground and clients may read it in production too.
    introspection: true,
    includeStacktraceInErrorResponses: options.exposeErrorDetails,
    formatError: formatError(log, options.exposeErrorDetails),
    plugins: [
      // No per-field cache hints or traces: they cost a hook on every resolved field.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginDrainHttpServer({
        httpServer,
        stopGracePeriodMillis: options.shutdownTimeoutMs ?? 10_000,
      }),
      playgroundLandingPage(GRAPHQL_PATH),
      queryLimitsPlugin(COST_RULES),
      operationLogPlugin(log),
      responseCachePlugin(options.responseCacheSeconds ?? 0),
    ],
  });
  await apollo.start();

  app.use(healthRoutes(sql));
  app.use(playgroundAssets());
  app.use(
    GRAPHQL_PATH,
    express.json({ limit: MAX_BODY }),
    expressMiddleware(apollo, {
      context: async ({ req }) =>
        createRequestContext({
          sql,
          reference,
          viewer: await authenticate(sql, req.headers.authorization, log),
          settings: options.loaderSettings,
        }),
    }),
  );

  return {
    httpServer,
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
    stop: () => apollo.stop(),
  };
}

/** The request's viewer; a failure to check the key is reported without its details. */
async function authenticate(
  sql: Sql,
  authorization: string | undefined,
  log: Logger,
): Promise<Viewer> {
  try {
    return await viewerFromHeader(sql, authorization);
  } catch (error) {
    if (error instanceof GraphQLError) throw error;
    log.error('API key check failed', { error: (error as Error).message });
    throw new GraphQLError(
      'Internal server error: the API key could not be checked; please retry.',
      {
        extensions: { code: 'INTERNAL_SERVER_ERROR', http: { status: 503 } },
      },
    );
  }
}
