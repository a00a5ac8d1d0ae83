import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

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
