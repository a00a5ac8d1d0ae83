// Several entities side by side in one row of a join, told apart by column prefixes.
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import type { Sql } from './sql';

/**
 * Lets one statement return several entities side by side: `select` lists the entity's columns
 * as `<prefix><column>`, `hydrate` reads them back (null when the columns are all null, as on
 * the empty side of an outer join).
 */
export function prefixedColumns<T extends ObjectLiteral>(
  sql: Sql,
  target: EntityTarget<T>,
  alias: string,
  prefix: string,
) {
  const metadata = sql.dataSource.getMetadata(target);
  const columns = metadata.columns.map((column) => column.databaseName);
  const toEntity = sql.hydrator(target);
  const primary = `${prefix}${metadata.primaryColumns[0].databaseName}`;
  const pairs = columns.map((column) => [column, `${prefix}${column}`] as const);
  return {
    select: columns.map((column) => `${alias}.${column} AS ${prefix}${column}`).join(', '),
    hydrate(row: Record<string, unknown>): T | null {
      if (row[primary] === null || row[primary] === undefined) return null;
      const own: Record<string, unknown> = {};
      for (const [column, prefixed] of pairs) own[column] = row[prefixed];
      return toEntity(own);
    },
  };
}
