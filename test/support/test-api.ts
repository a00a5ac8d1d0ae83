// The API as clients see it: a real HTTP server on a free port, over the run's seeded database,
// with every SQL statement counted.
import { createNetworkDataSource } from '../../src/app/data-source';
import { createReferenceData } from '../../src/app/reference-data';
import { createApiServer } from '../../src/app/server';
import { Sql } from '../../src/db/sql';
import { StatementLog } from '../../src/db/statement-log';
import { loadConfig } from '../../src/config';
import { createLogger, type LogSink } from '../../src/logger';
import { testDatabaseUrl } from './test-database';

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  extensions?: Record<string, any>;
  errors?: {
    message: string;
    path?: string[];
    extensions?: { code?: string; field?: string; stacktrace?: unknown };
  }[];
}

export type TestApi = Awaited<ReturnType<typeof startTestApi>>;

export interface TestApiOptions {
  /** Receives every log line the server writes (at debug level), e.g. to check what is logged. */
  logSink?: LogSink;
  /** Off unless a test is about the cache, so that every request does its work. */
  responseCacheSeconds?: number;
  /** Another database than the run's shared one, e.g. a scratch copy a test may change. */
  databaseUrl?: string;
  /** Connections in the server's pool (default 4). */
  poolSize?: number;
  /**
   * Environment the server's configuration is read from, as `npm start` reads process.env.
   * Defaults for tests: response cache and budgets off, unless a test is about them.
   */
  env?: Record<string, string>;
}

export async function startTestApi(options: TestApiOptions = {}) {
  const statements = new StatementLog();
  const config = loadConfig({
    RESPONSE_CACHE_SECONDS: String(options.responseCacheSeconds ?? 0),
    RATE_LIMITS: 'off',
    DB_POOL_SIZE: String(options.poolSize ?? 4),
    ...options.env,
  });
  const dataSource = createNetworkDataSource({
    url: options.databaseUrl ?? testDatabaseUrl(),
    poolSize: config.poolSize,
    applicationName: 'jest-api',
    statementTimeoutMs: config.limits.statementTimeoutMs,
    poolWaitMs: config.limits.poolWaitMs,
  });
  await dataSource.initialize();
  // The server's statements are counted; the test's own (fixtures, checks) go through `sql`.
  const serverSql = new Sql(dataSource, statements);
  const reference = createReferenceData(serverSql);
  // Load the process-wide reference data (regions, taxonomy) now, as a running server has it
  // after its first request, so that statement counts of single requests compare like with like.
  await Promise.all([reference.regions.all(), reference.taxonomy.current()]);
  const log = options.logSink ? createLogger('debug', options.logSink) : createLogger('silent');
  const server = await createApiServer({ sql: serverSql, reference, log, config });
  const port = await server.listen(0);
  const origin = `http://127.0.0.1:${port}`;

  /** POSTs a GraphQL document the way clients do. */
  async function graphql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    headers: Record<string, string> = {},
  ): Promise<GraphQLResponse<T>> {
    const response = await fetch(`${origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse<T>;
  }

  /** The same, also counting the SQL statements the request issued. */
  async function countedGraphql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    headers: Record<string, string> = {},
  ): Promise<{ response: GraphQLResponse<T>; statements: number }> {
    const { result, statements: issued } = await statements.record(() =>
      graphql<T>(query, variables, headers),
    );
    return { response: result, statements: issued.length };
  }

  return {
    origin,
    server,
    config,
    statements,
    dataSource,
    /** For the test's own statements: not counted as the server's. */
    sql: new Sql(dataSource),
    reference,
    /** How many texts the server's pool prepares by name. */
    preparedTexts: () => serverSql.preparedTexts,
    graphql,
    countedGraphql,
    async close() {
      await server.stop();
      await dataSource.destroy();
    },
  };
}
