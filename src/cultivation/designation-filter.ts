// The SQL conditions DesignationFilter's fields stand for, over designations as of today (alias
// `t`, see designation-reads.ts) and, for the region, their enterprise (alias `e`).
import { anyOf } from '../db/page-query';
import type { SqlParameters } from '../db/rows';
import { normalizeRegionCode, regionCodeRange } from '../regions/region-code';
import { badInput, quote } from '../schema/errors';
import type { DesignationFilter } from './designation.inputs';

/** A published batch as lists name it: "2024-1", "2025-2" (year and round). */
export const BATCH_FORM = /^[0-9]{4}-[0-9]{1,2}$/;

export function checkBatch(batch: string, field: string): string {
  const trimmed = batch.trim();
  if (!BATCH_FORM.test(trimmed)) {
    throw badInput(
      `${field} ${quote(batch)} is not a published batch: the year and the round, e.g. 2024-1`,
      field,
    );
  }
  return trimmed;
}

/** The WHERE conditions, and whether they need the enterprise joined as `e`. */
export function designationConditions(
  filter: DesignationFilter | null | undefined,
  params: SqlParameters,
): { where: string[]; byRegion: boolean } {
  const where: string[] = [];
  if (!filter) return { where, byRegion: false };
  where.push(...anyOf('t.kind', filter.kind, 'designation_kind', params));
  where.push(...anyOf('t.status', filter.status, 'designation_status', params));
  if (filter.batch !== null && filter.batch !== undefined)
    where.push(`t.batch = ${params.add(checkBatch(filter.batch, 'filter.batch'))}`);
  if (filter.expiringBy)
    where.push(
      `t.valid_until <= ${params.add(filter.expiringBy.toISOString().slice(0, 10))}::date`,
    );
  const byRegion = filter.regionCode !== null && filter.regionCode !== undefined;
  if (byRegion) {
    const [low, high] = regionCodeRange(
      normalizeRegionCode(filter.regionCode!, 'filter.regionCode'),
    );
    where.push(`e.region_code BETWEEN ${params.add(low)} AND ${params.add(high)}`);
  }
  return { where, byRegion };
}
