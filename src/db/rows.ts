import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Turns rows of hand-written SQL (`SELECT t.* …`) into entities, converting each column the way
 * TypeORM does for its own queries (enum arrays, numerics, dates).
 */
export function hydrator<T extends ObjectLiteral>(dataSource: DataSource, target: EntityTarget<T>) {
  const metadata = dataSource.getMetadata(target);
  const columns = metadata.columns.filter(
    (column) => !column.relationMetadata || column.isPrimary || column.databaseName,
  );
  return (row: Record<string, unknown>): T => {
    const entity = metadata.create() as T;
    for (const column of columns) {
      if (!(column.databaseName in row)) continue;
      column.setEntityValue(
        entity,
        dataSource.driver.prepareHydratedValue(row[column.databaseName], column),
      );
    }
    return entity;
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
