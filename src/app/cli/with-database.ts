// Runs a command (the TypeORM CLI) against the project's database: DATABASE_URL if set, else the
// embedded cluster, started for the command and stopped after it unless `npm start` already runs it.
//   ts-node src/app/cli/with-database.ts typeorm-ts-node-commonjs -d ormconfig.ts migration:run
import { spawn } from 'node:child_process';
import { loadConfig } from '../../config';
import { createLogger } from '../../logger';
import { openDatabaseForTool } from '../../db/database';

async function main(): Promise<number> {
  const [command, ...args] = process.argv.slice(2);
  if (!command) {
    console.error('usage: with-database <command> [args…]');
    return 2;
  }
  const database = await openDatabaseForTool(loadConfig(), createLogger('warn'));
  const url = database.url;
  try {
    return await new Promise<number>((resolve) => {
      const child = spawn(command, args, {
        stdio: 'inherit',
        env: { ...process.env, DATABASE_URL: url },
      });
      child.on('close', (code) => resolve(code ?? 1));
    });
  } finally {
    await database.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
