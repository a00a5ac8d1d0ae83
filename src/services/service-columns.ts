// Which columns of a service a selection needs: the description (long text) and the timestamps
// are read only when asked for.
import type { ListReading } from '../db/page-query';

export const LEAN_SERVICE_COLUMNS = [
  'id',
  'code',
  'name',
  'name_en',
  'institution_id',
  'category_id',
  'delivery_mode',
  'fee',
  'eligible_scales',
  'min_specialization',
  'active',
] as const;

const NEEDS_EVERY_COLUMN = new Set(['description', 'createdAt', 'updatedAt']);

/** The columns for a selection of Service fields: the lean set, or every column (null). */
export function serviceColumns(fields: ReadonlySet<string>): readonly string[] | null {
  for (const field of fields) if (NEEDS_EVERY_COLUMN.has(field)) return null;
  return LEAN_SERVICE_COLUMNS;
}

export function serviceReading(fields: ReadonlySet<string>, withTotals: boolean): ListReading {
  return { columns: serviceColumns(fields), withTotals };
}
