// Which columns of an institution a selection needs: most fields read a few short columns; the
// contact details, the location and the timestamps are read only when asked for.
import type { ListReading } from '../db/page-query';

/** What every field of Institution but contact, location and the timestamps reads. */
export const LEAN_INSTITUTION_COLUMNS = [
  'id',
  'code',
  'name',
  'name_en',
  'tier',
  'kind',
  'region_code',
  'parent_id',
  'active',
] as const;

const NEEDS_EVERY_COLUMN = new Set(['contact', 'location', 'createdAt', 'updatedAt']);

/** The columns for a selection of Institution fields: the lean set, or every column (null). */
export function institutionColumns(fields: ReadonlySet<string>): readonly string[] | null {
  for (const field of fields) if (NEEDS_EVERY_COLUMN.has(field)) return null;
  return LEAN_INSTITUTION_COLUMNS;
}

/** What a list of institutions reads for a selection of its nodes' fields. */
export function institutionReading(fields: ReadonlySet<string>, withTotals: boolean): ListReading {
  return { columns: institutionColumns(fields), withTotals };
}
