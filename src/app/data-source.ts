// The network's DataSource: every entity and migration of the project. Server, CLIs, tests and
// the benchmark build theirs here; `Sql` (src/db/sql.ts) runs the project's statements on it.
import { migrations } from '../../migrations';
import { createDataSource } from '../db/data-source';
import { entities } from './entities';

export interface NetworkDataSourceOptions {
  url: string;
  poolSize?: number;
  /** Shown in pg_stat_activity: `sme-network-api` for the request pool, another name elsewhere. */
  applicationName?: string;
  statementTimeoutMs?: number;
  poolWaitMs?: number;
}

export function createNetworkDataSource(options: NetworkDataSourceOptions) {
  return createDataSource({ ...options, entities, migrations });
}
