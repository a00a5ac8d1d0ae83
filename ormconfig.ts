// The DataSource the TypeORM CLI uses. `npm run migration:*` wraps the CLI in
// src/db/with-database-cli.ts, which sets DATABASE_URL (to the embedded cluster by default).
import { loadConfig } from './src/config';
import { createDataSource } from './src/db/data-source';

const { databaseUrl } = loadConfig();
if (!databaseUrl)
  throw new Error('DATABASE_URL is not set: run the CLI through `npm run migration:*`');

export default createDataSource({ url: databaseUrl, applicationName: 'typeorm-cli' });
