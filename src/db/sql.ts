// The one way the project's own SQL reaches PostgreSQL. Every statement — reads of the request
// path, writes, the seed — goes through `Sql`: connections come from the DataSource's pool through
// TypeORM's public QueryRunner API, each statement is shown to one observer (tests and the
// benchmark count statements there), and reads run as named prepared statements, planned once
// per connection. Statement text never carries values (page sizes included), so the number of
// distinct texts is fixed by the code; `MAX_PREPARED_TEXTS` bounds it anyway.
//
// A request works through its own session (`sql.session(...)`): it holds at most a few pool
// connections at once, stops issuing statements at its deadline, and counts its statements.
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

/** How a statement may be run. */
export interface StatementOptions {
  /**
   * A statement whose cost does not follow its page size (a text search over a whole table):
   * such statements together hold at most half of the pool, so that ordinary requests always
   * find a connection.
   */
  heavy?: boolean;
}

/** Runs statements: the pool (`Sql`) or one transaction's connection. */
export interface SqlRunner {
  /** The rows a statement returns. */
  rows<T extends QueryResultRow = Record<string, unknown>>(
    text: string,
    parameters?: readonly unknown[],
    options?: StatementOptions,
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

/** The database cannot take the statement now: every connection is busy, or it is down. */
export class DatabaseUnavailableError extends Error {
  constructor(readonly reason: 'busy' | 'down') {
    super(
      reason === 'busy'
        ? 'every database connection is busy'
        : 'the database does not answer right now',
    );
  }
}

/** The request ran past its deadline, or one statement past the statement timeout. */
export class DatabaseTimeoutError extends Error {
  constructor(readonly limit: 'request' | 'statement') {
    super(`database work ran past the ${limit} timeout`);
  }
}

/**
 * Distinct statement texts a process prepares by name. The code builds a fixed set of texts
 * (filters and selections combine into a few hundred at most); past the bound a text runs
 * unnamed, parsed each time, so a connection never holds more than this many statements.
 */
export const MAX_PREPARED_TEXTS = 500;

export interface SessionLimits {
  /** Statements of the session that may run at once, so one request holds few connections. */
  concurrency: number;
  /** Milliseconds from now after which the session issues no more statements. */
  timeoutMs: number;
}

/** What every session of one pool shares. */
interface Shared {
  dataSource: DataSource;
  observer?: StatementObserver;
  /**
   * The pool's connections: a statement waits in line here, at most `waitMs`, rather than in
   * pg's own queue, so that the wait is bounded without bounding the time to open a connection.
   */
  pool: Gate;
  /** Heavy statements of the whole process, at most half the pool at once. */
  heavy: Gate;
  waitMs: number;
  names: Map<string, string>;
  hydrators: Map<EntityTarget<ObjectLiteral>, Hydrate<ObjectLiteral>>;
  /** Statements sent through this pool by every session. */
  sent: number;
}

/** At most `limit` holders at once; the others wait in line, each for a bounded time. */
class Gate {
  private active = 0;
  private readonly waiting: { admit(): void }[] = [];

  constructor(private readonly limit: number) {}

  /** Enters, or throws `onTimeout()` when no place came free within `waitMs`. */
  async enter(waitMs: number, onTimeout: () => Error): Promise<void> {
    if (this.active < this.limit) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const waiter = {
        admit: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(
        () => {
          this.waiting.splice(this.waiting.indexOf(waiter), 1);
          reject(onTimeout());
        },
        Math.max(0, waitMs),
      );
      this.waiting.push(waiter);
    });
  }

  leave(): void {
    const next = this.waiting.shift();
    if (next) next.admit();
    else this.active--;
  }
}

/** PostgreSQL error codes that mean the server went away or is not accepting connections. */
const DOWN = /^(08|57P0[1-3])/;

export class Sql implements SqlRunner {
  /** Statements this session has sent. */
  statements = 0;
  private readonly shared: Shared;
  private readonly gate?: Gate;
  private readonly deadline?: number;

  constructor(dataSource: DataSource, observer?: StatementObserver);
  constructor(shared: Shared, limits: SessionLimits);
  constructor(source: DataSource | Shared, second?: StatementObserver | SessionLimits) {
    if ('getMetadata' in source) {
      const pool = (source.options as { extra?: { max?: number; poolWaitMs?: number } }).extra;
      const size = pool?.max ?? 10;
      this.shared = {
        dataSource: source,
        observer: second as StatementObserver | undefined,
        pool: new Gate(size),
        heavy: new Gate(Math.max(1, Math.floor(size / 2))),
        waitMs: pool?.poolWaitMs ?? 2 ** 31 - 1,
        names: new Map(),
        hydrators: new Map(),
        sent: 0,
      };
    } else {
      const limits = second as SessionLimits;
      this.shared = source;
      this.gate = new Gate(limits.concurrency);
      this.deadline = Date.now() + limits.timeoutMs;
    }
  }

  get dataSource(): DataSource {
    return this.shared.dataSource;
  }

  /** The connection URL of the pool's database: for pools of its own beside this one. */
  get url(): string {
    return (this.shared.dataSource.options as { url: string }).url;
  }

  /** The observer that sees this pool's statements (a replica's pool shares the primary's). */
  get observer(): StatementObserver | undefined {
    return this.shared.observer;
  }

  /** A session for one request: the same pool and prepared statements, its own limits. */
  session(limits: SessionLimits): Sql {
    return new Sql(this.shared, limits);
  }

  async rows<T extends QueryResultRow = Record<string, unknown>>(
    text: string,
    parameters: readonly unknown[] = [],
    options: StatementOptions = {},
  ): Promise<T[]> {
    if (!options.heavy) return (await this.run<T>(text, parameters)).rows;
    await this.shared.heavy.enter(this.shared.waitMs, () => new DatabaseUnavailableError('busy'));
    try {
      return (await this.run<T>(text, parameters)).rows;
    } finally {
      this.shared.heavy.leave();
    }
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

  /**
   * Runs `work` while holding a PostgreSQL advisory lock (on a connection of its own), so that
   * of many processes starting together one does it at a time: the others wait, then find it
   * done. `work` uses other connections freely (so the pool needs at least two).
   */
  withLock<T>(lockKey: number, work: () => Promise<T>): Promise<T> {
    return this.withConnection(async (client) => {
      // Polled rather than waited for in one statement, so that no statement timeout of the
      // pool cuts the wait short while another process migrates.
      for (;;) {
        const { rows } = await this.send<{ locked: boolean }>(
          client,
          'SELECT pg_try_advisory_lock($1) AS locked',
          [lockKey],
        );
        if (rows[0].locked) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      try {
        return await work();
      } finally {
        await this.send(client, 'SELECT pg_advisory_unlock($1)', [lockKey]).catch(() => undefined);
      }
    });
  }

  hydrator<T extends ObjectLiteral>(target: EntityTarget<T>): Hydrate<T> {
    let hydrate = this.shared.hydrators.get(target);
    if (!hydrate) {
      hydrate = hydrator(this.shared.dataSource.getMetadata(target));
      this.shared.hydrators.set(target, hydrate);
    }
    return hydrate as Hydrate<T>;
  }

  /** Statements sent through this pool, by every session of it. */
  get sentByPool(): number {
    return this.shared.sent;
  }

  /** How many texts this process prepares by name (bounded by MAX_PREPARED_TEXTS). */
  get preparedTexts(): number {
    return this.shared.names.size;
  }

  private async withConnection<T>(use: (client: PoolClient) => Promise<T>): Promise<T> {
    await this.gate?.enter(
      (this.deadline ?? 0) - Date.now(),
      () => new DatabaseTimeoutError('request'),
    );
    try {
      if (this.deadline !== undefined && Date.now() > this.deadline) {
        throw new DatabaseTimeoutError('request');
      }
      const { pool, waitMs } = this.shared;
      await pool.enter(waitMs, () => new DatabaseUnavailableError('busy'));
      try {
        const runner: QueryRunner = this.shared.dataSource.createQueryRunner('master');
        let client: PoolClient;
        try {
          client = (await runner.connect()) as PoolClient;
        } catch (error) {
          await runner.release().catch(() => undefined);
          throw translated(error);
        }
        try {
          return await use(client);
        } finally {
          await runner.release();
        }
      } finally {
        pool.leave();
      }
    } finally {
      this.gate?.leave();
    }
  }

  private async send<T extends QueryResultRow>(
    client: PoolClient,
    text: string,
    parameters: readonly unknown[],
  ): Promise<SqlResult<T>> {
    this.count(text, parameters);
    try {
      const result = await client.query<T>({
        name: this.statementName(text),
        text,
        values: parameters as unknown[],
      });
      return { rows: result.rows, rowCount: result.rowCount ?? 0 };
    } catch (error) {
      throw translated(error);
    }
  }

  /** Transaction control: counted like any statement, sent as a simple query. */
  private async control(client: PoolClient, command: 'BEGIN' | 'COMMIT' | 'ROLLBACK') {
    this.count(command, []);
    await client.query(command).catch((error: unknown) => {
      throw translated(error);
    });
  }

  private count(text: string, parameters: readonly unknown[]): void {
    this.statements++;
    this.shared.sent++;
    this.shared.observer?.statement(text, parameters);
  }

  /** A stable name per text (the same SQL reuses its prepared statement), or none past the bound. */
  private statementName(text: string): string | undefined {
    const { names } = this.shared;
    let name = names.get(text);
    if (name === undefined && names.size < MAX_PREPARED_TEXTS) {
      name = statementName(text);
      names.set(text, name);
    }
    return name;
  }
}

/** Errors that say the database cannot serve now, in words the API layer can map to a code. */
function translated(error: unknown): unknown {
  const { code, message } = error as { code?: string; message?: string };
  // 57014: query_canceled, which statement_timeout raises.
  if (code === '57014') return new DatabaseTimeoutError('statement');
  if (message === 'timeout exceeded when trying to connect') {
    return new DatabaseUnavailableError('busy');
  }
  if (
    (code && DOWN.test(code)) ||
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    message === 'Connection terminated unexpectedly' ||
    message === 'Connection terminated'
  ) {
    return new DatabaseUnavailableError('down');
  }
  return error;
}

/** The prepared-statement name of a text: the same everywhere, so replays (bench) match. */
export function statementName(text: string): string {
  return `s_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
}
