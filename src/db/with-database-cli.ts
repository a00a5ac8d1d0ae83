// Runs a command (the TypeORM CLI) against the project's database: DATABASE_URL if set, else the
// embedded cluster, started for the command and stopped after it unless `npm start` already runs it.
//   ts-node src/db/with-database-cli.ts typeorm-ts-node-commonjs -d ormconfig.ts migration:run
import { spawn } from 'node:child_process';
import { Client } from 'pg';
import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { EMBEDDED_DATABASE, ensureDatabase, openDatabase } from './database';

async function isAnswering(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<number> {
  const [command, ...args] = process.argv.slice(2);
  if (!command) {
    console.error('usage: with-database-cli <command> [args…]');
    return 2;
  }
  const config = loadConfig();
  const log = createLogger('warn');
  const runningCluster = `postgres://postgres:postgres@127.0.0.1:${config.embeddedPostgres.port}`;
  let url: string;
  let stop = async () => {};
  if (!config.databaseUrl && (await isAnswering(`${runningCluster}/postgres`))) {
    await ensureDatabase(`${runningCluster}/postgres`, EMBEDDED_DATABASE);
    url = `${runningCluster}/${EMBEDDED_DATABASE}`;
  } else {
    const database = await openDatabase(config, log);
    url = database.url;
    stop = database.stop;
  }
  try {
    return await new Promise<number>((resolve) => {
      const child = spawn(command, args, {
        stdio: 'inherit',
        env: { ...process.env, DATABASE_URL: url },
      });
      child.on('close', (code) => resolve(code ?? 1));
    });
  } finally {
    await stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
