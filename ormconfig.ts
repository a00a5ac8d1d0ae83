// The DataSource the TypeORM CLI uses. `npm run migration:*` wraps the CLI in
// src/app/cli/with-database.ts, which sets DATABASE_URL (to the embedded cluster by default).
import { createNetworkDataSource } from './src/app/data-source';
import { loadConfig } from './src/config';

const { databaseUrl } = loadConfig();
if (!databaseUrl)
  throw new Error('DATABASE_URL is not set: run the CLI through `npm run migration:*`');

export default createNetworkDataSource({ url: databaseUrl, applicationName: 'typeorm-cli' });
