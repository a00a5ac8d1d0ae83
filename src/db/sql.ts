// The one way the project's own SQL reaches PostgreSQL. Every statement — reads of the request
// path, writes, the seed — goes through `Sql`: connections come from the DataSource's pool through
// TypeORM's public QueryRunner API, each statement is shown to one observer (tests and the
// benchmark count statements there), and reads run as named prepared statements, planned once
// per connection. Statement text never carries values (page sizes included), so the number of
// distinct texts is fixed by the code; `MAX_PREPARED_TEXTS` bounds it anyway.
import { createHash } from 'node:crypto';
import type { PoolClient, QueryResultRow } from 'pg';
import type { DataSource, EntityTarget, ObjectLiteral, QueryRunner } from 'typeorm';
import { hydrator, type Hydrate } from './rows';

/** Sees every statement before it is sent. */
export interface StatementObserver {
  statement(text: string, parameters: readonly unknown[]): void;
}

/** What a statement gave back: its rows and, for writes, how many rows it touched. */
export interface SqlResult<T> {
  rows: T[];
  rowCount: number;
}

/** Runs statements: the pool (`Sql`) or one transaction's connection (`SqlTransaction`). */
export interface SqlRunner {
  /** The rows a statement returns. */
  rows<T extends QueryResultRow = Record<string, unknown>>(
    text: string,
    parameters?: readonly unknown[],
  ): Promise<T[]>;
  /** Rows and the number of rows a write touched. */
  run<T extends QueryResultRow = Record<string, unknown>>(
    text: string,
    parameters?: readonly unknown[],
  ): Promise<SqlResult<T>>;
  /** Turns rows of `target`'s table into entities (see rows.ts). */
  hydrator<T extends ObjectLiteral>(target: EntityTarget<T>): Hydrate<T>;
}

export type SqlTransaction = SqlRunner;

/**
 * Distinct statement texts a process prepares by name. The code builds a fixed set of texts
 * (filters and selections combine into a few hundred at most); past the bound a text runs
 * unnamed, parsed each time, so a connection never holds more than this many statements.
 */
export const MAX_PREPARED_TEXTS = 500;

export class Sql implements SqlRunner {
  private readonly names = new Map<string, string>();
  private readonly hydrators = new Map<EntityTarget<ObjectLiteral>, Hydrate<ObjectLiteral>>();

  constructor(
    readonly dataSource: DataSource,
    private readonly observer?: StatementObserver,
  ) {}

  async rows<T extends QueryResultRow = Record<string, unknown>>(
    text: string,
    parameters: readonly unknown[] = [],
  ): Promise<T[]> {
    return (await this.run<T>(text, parameters)).rows;
  }

  run<T extends QueryResultRow = Record<string, unknown>>(
    text: string,
    parameters: readonly unknown[] = [],
  ): Promise<SqlResult<T>> {
    return this.withConnection((client) => this.send<T>(client, text, parameters));
  }

  /**
   * Runs `work` in one transaction on one connection: committed when it resolves, rolled back
   * when it throws (and the error passed on).
   */
  transaction<T>(work: (transaction: SqlTransaction) => Promise<T>): Promise<T> {
    return this.withConnection(async (client) => {
      const transaction: SqlTransaction = {
        rows: async (text, parameters = []) =>
          (await this.send(client, text, parameters)).rows as never,
        run: (text, parameters = []) => this.send(client, text, parameters),
        hydrator: (target) => this.hydrator(target),
      };
      await this.control(client, 'BEGIN');
      try {
        const result = await work(transaction);
        await this.control(client, 'COMMIT');
        return result;
      } catch (error) {
        await this.control(client, 'ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  hydrator<T extends ObjectLiteral>(target: EntityTarget<T>): Hydrate<T> {
    let hydrate = this.hydrators.get(target);
    if (!hydrate) {
      hydrate = hydrator(this.dataSource.getMetadata(target));
      this.hydrators.set(target, hydrate);
    }
    return hydrate as Hydrate<T>;
  }

  /** How many texts this process prepares by name (bounded by MAX_PREPARED_TEXTS). */
  get preparedTexts(): number {
    return this.names.size;
  }

  private async withConnection<T>(use: (client: PoolClient) => Promise<T>): Promise<T> {
    const runner: QueryRunner = this.dataSource.createQueryRunner('master');
    try {
      return await use((await runner.connect()) as PoolClient);
    } finally {
      await runner.release();
    }
  }

  private async send<T extends QueryResultRow>(
    client: PoolClient,
    text: string,
    parameters: readonly unknown[],
  ): Promise<SqlResult<T>> {
    this.observer?.statement(text, parameters);
    const result = await client.query<T>({
      name: this.statementName(text),
      text,
      values: parameters as unknown[],
    });
    return { rows: result.rows, rowCount: result.rowCount ?? 0 };
  }

  /** Transaction control: counted like any statement, sent as a simple query. */
  private async control(client: PoolClient, command: 'BEGIN' | 'COMMIT' | 'ROLLBACK') {
    this.observer?.statement(command, []);
    await client.query(command);
  }

  /** A stable name per text (the same SQL reuses its prepared statement), or none past the bound. */
  private statementName(text: string): string | undefined {
    let name = this.names.get(text);
    if (name === undefined && this.names.size < MAX_PREPARED_TEXTS) {
      name = statementName(text);
      this.names.set(text, name);
    }
    return name;
  }
}

/** The prepared-statement name of a text: the same everywhere, so replays (bench) match. */
export function statementName(text: string): string {
  return `s_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
}
