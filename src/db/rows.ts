import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** '{MICRO,SMALL}' → ['MICRO', 'SMALL']: pg returns arrays of enum types as text. */
function enumArray(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return value === '{}' ? [] : value.slice(1, -1).split(',');
}

/**
 * Turns rows of hand-written SQL (`SELECT t.* …`) into entities. pg already gives numbers,
 * booleans, dates and text their JavaScript types; only arrays of enums need parsing. The
 * column list and conversions are worked out once per entity, since this runs for every row
 * of every list.
 */
export function hydrator<T extends ObjectLiteral>(dataSource: DataSource, target: EntityTarget<T>) {
  const metadata = dataSource.getMetadata(target);
  const prototype = (metadata.target as { prototype: object }).prototype;
  const columns = metadata.columns.map((column) => ({
    from: column.databaseName,
    to: column.propertyName,
    convert: column.type === 'enum' && column.isArray ? enumArray : undefined,
  }));
  return (row: Record<string, unknown>): T => {
    const entity = Object.create(prototype) as Record<string, unknown>;
    for (const { from, to, convert } of columns) {
      if (!(from in row)) continue;
      const value = row[from];
      entity[to] = convert && value !== null ? convert(value) : value;
    }
    return entity as T;
  };
}

/** Numbered placeholders for a statement being built: `params.add(value)` gives `$n`. */
export class SqlParameters {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * The rows a statement returns, whatever its command (TypeORM's `query` answers UPDATE and
 * DELETE with [rows, count] but SELECT and INSERT with rows).
 */
export async function returnedRows(
  manager: EntityManager,
  sql: string,
  parameters: unknown[],
): Promise<Record<string, unknown>[]> {
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    return (await runner.query(sql, parameters, true)).records;
  } finally {
    if (!manager.queryRunner) await runner.release();
  }
}
