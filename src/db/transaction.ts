// One transaction on one connection, and the type that says so: a function that takes a
// `SqlTransaction` relies on its statements sharing a snapshot and the row locks taken earlier
// in it, which the pool (each statement on whichever connection is free) cannot give.
import type { QueryResultRow } from 'pg';
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import type { Hydrate } from './rows';
import type { PooledConnection, SqlPool } from './sql-pool';
import type { SqlResult, SqlRunner, StatementOptions } from './sql-runner';

/**
 * The statements of one open transaction. Only `Sql.transaction()` makes one, and its private
 * field makes the type nominal: the pool-level `Sql` has the same methods but is no
 * `SqlTransaction`, so passing it where row locks are assumed does not compile.
 */
export class SqlTransaction implements SqlRunner {
  readonly #connection: PooledConnection;
  readonly #pool: SqlPool;

  private constructor(connection: PooledConnection, pool: SqlPool) {
    this.#connection = connection;
    this.#pool = pool;
  }

  /**
   * Runs `work` in one transaction on `connection`: committed when it resolves, rolled back
   * when it throws (and the error passed on).
   */
  static async run<T>(
    connection: PooledConnection,
    pool: SqlPool,
    work: (transaction: SqlTransaction) => Promise<T>,
  ): Promise<T> {
    await connection.control('BEGIN');
    try {
      const result = await work(new SqlTransaction(connection, pool));
      await connection.control('COMMIT');
      return result;
    } catch (error) {
      await connection.control('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  /** The rows a statement returns (`heavy` is moot: the transaction holds its connection). */
  async rows<T extends QueryResultRow = Record<string, unknown>>(
    text: string,
    parameters: readonly unknown[] = [],
    _options?: StatementOptions,
  ): Promise<T[]> {
    return (await this.#connection.send<T>(text, parameters)).rows;
  }

  run<T extends QueryResultRow = Record<string, unknown>>(
    text: string,
    parameters: readonly unknown[] = [],
  ): Promise<SqlResult<T>> {
    return this.#connection.send<T>(text, parameters);
  }

  hydrator<T extends ObjectLiteral>(target: EntityTarget<T>): Hydrate<T> {
    return this.#pool.hydrator(target);
  }
}
