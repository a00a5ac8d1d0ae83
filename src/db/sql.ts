// The one way the project's own SQL reaches PostgreSQL. Every statement — reads of the request
// path, writes, the seed — goes through `Sql`, over one pool (sql-pool.ts: connections, the
// observer, named prepared statements). Statement text never carries values (page sizes
// included), so the number of distinct texts is fixed by the code; `MAX_PREPARED_TEXTS` bounds
// it anyway.
//
// A request works through its own session (`sql.session(...)`): it holds at most a few pool
// connections at once, stops issuing statements at its deadline, and counts its statements.
import type { QueryResultRow } from 'pg';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { withAdvisoryLock } from './advisory-lock';
import type { Hydrate } from './rows';
import { SessionLimiter, type SessionLimits } from './session-limits';
import { SqlPool, type PooledConnection } from './sql-pool';
import type { SqlResult, SqlRunner, StatementObserver, StatementOptions } from './sql-runner';
import { SqlTransaction } from './transaction';

export { DatabaseTimeoutError, DatabaseUnavailableError } from './database-errors';
export type { SessionLimits } from './session-limits';
export { MAX_PREPARED_TEXTS, statementName } from './sql-pool';
export type { SqlResult, SqlRunner, StatementObserver, StatementOptions } from './sql-runner';
export { SqlTransaction } from './transaction';

export class Sql implements SqlRunner {
  /** Statements this runner (the pool's, or one session's) has sent. */
  statements = 0;

  /**
   * A runner over a pool of its own on `dataSource`'s connections. Sessions (see session())
   * share their runner's pool and add their limits.
   */
  constructor(
    dataSource: DataSource,
    observer?: StatementObserver,
    private readonly pool = new SqlPool(dataSource, observer),
    private readonly limiter?: SessionLimiter,
  ) {}

  get dataSource(): DataSource {
    return this.pool.dataSource;
  }

  /** The connection URL of the pool's database: for pools of its own beside this one. */
  get url(): string {
    return (this.pool.dataSource.options as { url: string }).url;
  }

  /** The observer that sees this pool's statements (a replica's pool shares the primary's). */
  get observer(): StatementObserver | undefined {
    return this.pool.observer;
  }

  /** A session for one request: the same pool and prepared statements, its own limits. */
  session(limits: SessionLimits): Sql {
    const { pool } = this;
    return new Sql(pool.dataSource, pool.observer, pool, new SessionLimiter(limits));
  }

  async rows<T extends QueryResultRow = Record<string, unknown>>(
    text: string,
    parameters: readonly unknown[] = [],
    options: StatementOptions = {},
  ): Promise<T[]> {
    const prepared = options.prepared ?? true;
    const read = async () =>
      (await this.withConnection((connection) => connection.send<T>(text, parameters, prepared)))
        .rows;
    return options.heavy ? this.pool.asHeavy(read) : read();
  }

  run<T extends QueryResultRow = Record<string, unknown>>(
    text: string,
    parameters: readonly unknown[] = [],
  ): Promise<SqlResult<T>> {
    return this.withConnection((connection) => connection.send<T>(text, parameters));
  }

  /**
   * Runs `work` in one transaction on one connection: committed when it resolves, rolled back
   * when it throws (and the error passed on).
   */
  transaction<T>(work: (transaction: SqlTransaction) => Promise<T>): Promise<T> {
    return this.withConnection((connection) => SqlTransaction.run(connection, this.pool, work));
  }

  /**
   * Runs `work` while holding a PostgreSQL advisory lock (on a connection of its own), so that
   * of many processes starting together one does it at a time (see advisory-lock.ts).
   */
  withLock<T>(lockKey: number, work: () => Promise<T>): Promise<T> {
    return this.withConnection((connection) => withAdvisoryLock(connection, lockKey, work));
  }

  hydrator<T extends ObjectLiteral>(target: EntityTarget<T>): Hydrate<T> {
    return this.pool.hydrator(target);
  }

  /** Statements sent through this pool, by every session of it. */
  get sentByPool(): number {
    return this.pool.sent;
  }

  /** How many texts this process prepares by name (bounded by MAX_PREPARED_TEXTS). */
  get preparedTexts(): number {
    return this.pool.preparedTexts;
  }

  private withConnection<T>(use: (connection: PooledConnection) => Promise<T>): Promise<T> {
    const connect = () => this.pool.withConnection(this, use);
    return this.limiter ? this.limiter.admit(connect) : connect();
  }
}
