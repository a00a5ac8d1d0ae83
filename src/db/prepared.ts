// Read statements of the request path, run as named prepared statements: PostgreSQL plans a
// statement once per connection instead of on every request (planning cost more than executing
// for the one-stop lookup). Each still goes through the DataSource's logger, so tests and the
// benchmark count it like any other.
import { createHash } from 'node:crypto';
import type { Pool, QueryResultRow } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/** A stable name per statement text: the same SQL always reuses the same prepared statement. */
export function statementName(sql: string): string {
  return `s_${createHash('sha1').update(sql).digest('hex').slice(0, 16)}`;
}

export async function readRows<T extends QueryResultRow = Record<string, unknown>>(
  dataSource: DataSource,
  sql: string,
  parameters: unknown[] = [],
): Promise<T[]> {
  dataSource.logger.logQuery(sql, parameters);
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  const result = await pool.query<T>({ name: statementName(sql), text: sql, values: parameters });
  return result.rows;
}
