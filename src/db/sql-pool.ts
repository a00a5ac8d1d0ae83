// One pool's connections and what every runner over it shares: connections come from the
// DataSource's pool through TypeORM's public QueryRunner API, waiting in line at most the pool's
// `poolWaitMs`; each statement is shown to the observer and counted; reads run as named prepared
// statements, planned once per connection. The only file that hands pg a statement.
import { createHash } from 'node:crypto';
import type { PoolClient, QueryResultRow } from 'pg';
import type { DataSource, EntityTarget, ObjectLiteral, QueryRunner } from 'typeorm';
import { DatabaseUnavailableError, translated } from './database-errors';
import { Gate } from './gate';
import { hydrator, type Hydrate } from './rows';
import type { SqlResult, StatementObserver } from './sql-runner';

/**
 * Distinct statement texts a process prepares by name. The code builds a fixed set of texts
 * (filters and selections combine into a few hundred at most); past the bound a text runs
 * unnamed, parsed each time, so a connection never holds more than this many statements.
 */
export const MAX_PREPARED_TEXTS = 500;

/** The prepared-statement name of a text: the same everywhere, so replays (bench) match. */
export function statementName(text: string): string {
  return `s_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
}

/** Whose statements these are: the session that sent them counts them. */
export interface StatementCounter {
  statements: number;
}

/**
 * One connection taken from the pool, for one piece of work. It sends one statement at a time:
 * pg would queue a second one behind the first, which pg 8 deprecates and pg 9 refuses.
 */
export interface PooledConnection {
  /** Runs a statement, as a named prepared statement unless `prepared` is false. */
  send<T extends QueryResultRow>(
    text: string,
    parameters: readonly unknown[],
    prepared?: boolean,
  ): Promise<SqlResult<T>>;
  /** Transaction control: counted like any statement, sent as a simple query. */
  control(command: 'BEGIN' | 'COMMIT' | 'ROLLBACK'): Promise<void>;
}

export class SqlPool {
  /** Statements sent through this pool, by every runner over it. */
  sent = 0;
  /**
   * The pool's connections: a statement waits in line here, at most `waitMs`, rather than in
   * pg's own queue, so that the wait is bounded without bounding the time to open a connection.
   */
  private readonly connections: Gate;
  /** Heavy statements of the whole process, at most half the pool at once. */
  private readonly heavy: Gate;
  private readonly waitMs: number;
  private readonly names = new Map<string, string>();
  private readonly hydrators = new Map<EntityTarget<ObjectLiteral>, Hydrate<ObjectLiteral>>();

  constructor(
    readonly dataSource: DataSource,
    readonly observer?: StatementObserver,
  ) {
    const pool = (dataSource.options as { extra?: { max?: number; poolWaitMs?: number } }).extra;
    const size = pool?.max ?? 10;
    this.connections = new Gate(size);
    this.heavy = new Gate(Math.max(1, Math.floor(size / 2)));
    this.waitMs = pool?.poolWaitMs ?? 2 ** 31 - 1;
  }

  /** How many texts this process prepares by name (bounded by MAX_PREPARED_TEXTS). */
  get preparedTexts(): number {
    return this.names.size;
  }

  /** Runs `use` on a connection of its own, its statements counted for `counter`. */
  async withConnection<T>(
    counter: StatementCounter,
    use: (connection: PooledConnection) => Promise<T>,
  ): Promise<T> {
    await this.connections.enter(this.waitMs, () => new DatabaseUnavailableError('busy'));
    try {
      const runner: QueryRunner = this.dataSource.createQueryRunner('master');
      let client: PoolClient;
      try {
        client = (await runner.connect()) as PoolClient;
      } catch (error) {
        await runner.release().catch(() => undefined);
        throw translated(error);
      }
      try {
        return await use(this.connection(client, counter));
      } finally {
        await runner.release();
      }
    } finally {
      this.connections.leave();
    }
  }

  /** Runs a heavy statement's `work` within the heavy statements' share of the pool. */
  async asHeavy<T>(work: () => Promise<T>): Promise<T> {
    await this.heavy.enter(this.waitMs, () => new DatabaseUnavailableError('busy'));
    try {
      return await work();
    } finally {
      this.heavy.leave();
    }
  }

  hydrator<T extends ObjectLiteral>(target: EntityTarget<T>): Hydrate<T> {
    let hydrate = this.hydrators.get(target);
    if (!hydrate) {
      hydrate = hydrator(this.dataSource.getMetadata(target));
      this.hydrators.set(target, hydrate);
    }
    return hydrate as Hydrate<T>;
  }

  private connection(client: PoolClient, counter: StatementCounter): PooledConnection {
    // Statements wait for the one before them to finish, so that a transaction's statements
    // started together (or a ROLLBACK after one of them failed) never find the client busy.
    let previous: Promise<unknown> = Promise.resolve();
    const inTurn = <R>(step: () => Promise<R>): Promise<R> => {
      const result = previous.then(step, step);
      previous = result.catch(() => undefined);
      return result;
    };
    return {
      send: <T extends QueryResultRow>(
        text: string,
        parameters: readonly unknown[],
        prepared = true,
      ) =>
        inTurn(async () => {
          this.count(counter, text, parameters);
          try {
            const result = await client.query<T>({
              name: prepared ? this.statementName(text) : undefined,
              text,
              values: parameters as unknown[],
            });
            return { rows: result.rows, rowCount: result.rowCount ?? 0 };
          } catch (error) {
            throw translated(error);
          }
        }),
      control: (command) =>
        inTurn(async () => {
          this.count(counter, command, []);
          await client.query(command).catch((error: unknown) => {
            throw translated(error);
          });
        }),
    };
  }

  private count(counter: StatementCounter, text: string, parameters: readonly unknown[]): void {
    counter.statements++;
    this.sent++;
    this.observer?.statement(text, parameters);
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
