// The TypeORM DataSource factory: pool, entity metadata and migrations, for every process.
import 'reflect-metadata';
import { DataSource, type MigrationInterface } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { oneQueryAtATime } from './typeorm-one-query-at-a-time';

export interface DataSourceOptions {
  url: string;
  /** Every entity class; the composition root (src/app/entities.ts) lists them. */
  entities: readonly (new () => object)[];
  migrations: readonly (new () => MigrationInterface)[];
  poolSize?: number;
  /** Shown in pg_stat_activity and the server log: which pool a connection belongs to. */
  applicationName?: string;
  /** PostgreSQL's statement_timeout for every connection of the pool; none when unset. */
  statementTimeoutMs?: number;
  /** How long a statement waits for a free connection before it fails (in `Sql`); forever when unset. */
  poolWaitMs?: number;
}

/** Opening a new connection (TCP, authentication) may take this long before it fails. */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * The one way this project builds a TypeORM DataSource. It owns the pool, the entity metadata
 * and the migrations; statements of the project's own go through `Sql` (sql.ts).
 */
export function createDataSource(options: DataSourceOptions): DataSource {
  const dataSource = new DataSource({
    type: 'postgres',
    url: options.url,
    entities: [...options.entities],
    migrations: [...options.migrations],
    namingStrategy: new SnakeNamingStrategy(),
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install.
    uuidExtension: 'pgcrypto',
    // The schema changes only through reviewed migrations.
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    logging: false,
    applicationName: options.applicationName ?? 'sme-network-api',
    extra: {
      max: options.poolSize ?? 10,
      statement_timeout: options.statementTimeoutMs,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      // Read by Sql, which queues statements for the pool's connections itself; pg ignores it.
      poolWaitMs: options.poolWaitMs,
    },
  });
  return oneQueryAtATime(dataSource);
}
