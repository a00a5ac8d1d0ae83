// From rows of hand-written SQL to entities, and numbered placeholders for building statements.
import type { EntityMetadata, ObjectLiteral } from 'typeorm';

/** '{MICRO,SMALL}' → ['MICRO', 'SMALL']: pg returns arrays of enum types as text. */
function enumArray(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return value === '{}' ? [] : value.slice(1, -1).split(',');
}

export type Hydrate<T> = (row: Record<string, unknown>) => T;

/**
 * Turns rows (`SELECT t.* …`, or any subset of the columns) into entities. pg already gives
 * numbers, booleans, dates and text their JavaScript types; only arrays of enums need parsing.
 * The column list and conversions are worked out once per entity, since this runs for every row
 * of every list.
 */
export function hydrator<T extends ObjectLiteral>(metadata: EntityMetadata): Hydrate<T> {
  const prototype = (metadata.target as { prototype: object }).prototype;
  const columns = metadata.columns.map((column) => ({
    from: column.databaseName,
    to: column.propertyName,
    convert: column.type === 'enum' && column.isArray ? enumArray : undefined,
  }));
  return (row) => {
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
