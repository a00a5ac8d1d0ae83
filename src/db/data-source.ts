import 'reflect-metadata';
import { DataSource, type Logger as TypeOrmLogger } from 'typeorm';
import { migrations } from '../../migrations';
import { entities } from './entities';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface DataSourceOptions {
  url: string;
  poolSize?: number;
  /** Sees every statement; tests and the benchmark count statements through it. */
  logger?: TypeOrmLogger;
  applicationName?: string;
}

/** The one way this project builds a TypeORM DataSource: server, CLI, seed, tests and bench. */
export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities,
    migrations,
    namingStrategy: new SnakeNamingStrategy(),
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install.
    uuidExtension: 'pgcrypto',
    // The schema changes only through reviewed migrations.
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    logger: options.logger,
    logging: options.logger ? ['query', 'error'] : false,
    applicationName: options.applicationName ?? 'sme-network-api',
    extra: { max: options.poolSize ?? 10 },
  });
}
