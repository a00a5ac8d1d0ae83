// What code that runs SQL is handed: something that runs statements (the pool, a request's
// session or one transaction), the shape of what a statement gives back, and the observer that
// sees every statement sent.
import type { QueryResultRow } from 'pg';
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import type { Hydrate } from './rows';

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
  /**
   * False: parse the text each time instead of preparing it by name. For texts built from a
   * client's selection (the read planner's), past the number of shapes worth keeping prepared.
   */
  prepared?: boolean;
}

/** Runs statements: the pool (`Sql`) or one transaction's connection (`SqlTransaction`). */
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
