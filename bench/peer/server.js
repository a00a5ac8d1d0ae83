// The peer in `npm run bench`: PostGraphile 4 serving the bench's database, each GraphQL query
// compiled into one SQL statement. Plain JavaScript with its own dependencies (PostGraphile 4
// needs graphql 15; the project uses 16), installed by the bench on first use. Reads only, no
// plugin beyond the simplify inflector, no watch, no query log, no GraphiQL, and a pg pool of
// the API's size (DB_POOL_SIZE, default 10). Prints {"port": N} on one stdout line when it
// listens (bench/harness.ts waits for it); stops on SIGTERM.
'use strict';

const http = require('node:http');
const { Pool } = require('pg');
const { postgraphile } = require('postgraphile');
const PgSimplifyInflectorPlugin = require('@graphile-contrib/pg-simplify-inflector');

async function main() {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) throw new Error('BENCH_DATABASE_URL is not set');
  const pool = new Pool({ connectionString: url, max: Number(process.env.DB_POOL_SIZE || 10) });
  const handler = postgraphile(pool, process.env.BENCH_PEER_SCHEMA || 'public', {
    appendPlugins: [PgSimplifyInflectorPlugin],
    disableDefaultMutations: true,
    // One relation field per foreign key, as the simplify inflector recommends.
    legacyRelations: 'omit',
    watchPg: false,
    graphiql: false,
    disableQueryLog: true,
    enableQueryBatching: false,
    retryOnInitFail: false,
  });
  // Introspect now, so that the first timed request does not build the schema.
  await handler.getGraphQLSchema();
  const server = http.createServer(handler);
  server.keepAliveTimeout = 60_000;
  server.listen(Number(process.env.PORT || 0), '127.0.0.1', () => {
    process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
  });
  process.on('SIGTERM', () => {
    server.close();
    server.closeAllConnections();
    handler
      .release()
      .catch(() => undefined)
      .then(() => pool.end())
      .finally(() => process.exit(0));
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
