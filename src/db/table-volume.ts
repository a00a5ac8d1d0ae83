// How many rows each table holds, for costs that grow with the data they read (network
// statistics, scorecards): PostgreSQL's own estimate (pg_class.reltuples, kept by ANALYZE and
// autovacuum), counted exactly for a table never analysed, and read again every minute — so a
// request's cost is known without a statement of its own.
import type { Logger } from '../logger';
import type { Sql } from './sql';

const REFRESH_MS = 60_000;
/** Table names as they appear in statement texts: only plain lower-case identifiers. */
const PLAIN_NAME = /^[a-z_][a-z0-9_]*$/;

export class TableVolume {
  private counts = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;

  private constructor(
    private readonly sql: Sql,
    private readonly log: Logger,
  ) {}

  /**
   * Reads the counts now and every minute after. `sql` should be unobserved (statement counts of
   * requests must not see these).
   */
  static async watch(sql: Sql, log: Logger): Promise<TableVolume> {
    const volume = new TableVolume(sql, log);
    await volume.refresh();
    volume.timer = setInterval(() => void volume.refresh(), REFRESH_MS);
    volume.timer.unref();
    return volume;
  }

  /** Rows of `table` as last counted; 0 for a table that does not exist. */
  rows(table: string): number {
    return this.counts.get(table) ?? 0;
  }

  async refresh(): Promise<void> {
    try {
      const estimates = await this.sql.rows<{ name: string; rows: number }>(
        `SELECT c.relname AS name, c.reltuples::float8 AS rows
           FROM pg_class c
          WHERE c.relkind IN ('r', 'p') AND c.relnamespace = current_schema()::regnamespace`,
      );
      const counts = new Map<string, number>();
      for (const { name, rows } of estimates) {
        // -1: never analysed (a fresh table, e.g. right after a seed): count it once exactly.
        if (rows >= 0 || !PLAIN_NAME.test(name)) counts.set(name, Math.max(0, rows));
        else {
          const [{ n }] = await this.sql.rows<{ n: number }>(
            `SELECT count(*)::float8 AS n FROM "${name}"`,
          );
          counts.set(name, n);
        }
      }
      this.counts = counts;
    } catch (error) {
      // The last counts stay; costs are then a minute or two out of date at worst.
      this.log.warn('could not count the tables’ rows', { error: (error as Error).message });
    }
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
