// A list's "in this region and everything below it" filter, as SQL over a column of region codes.
import type { SqlParameters } from '../db/rows';
import { normalizeRegionCode, regionCodeRange } from './region-code';

/**
 * `[column BETWEEN low AND high]` for the region `input` names (44, 4419 or 441900) and
 * everything below it; `[]` when no region is given; BAD_USER_INPUT naming `field` for a code
 * that is not one.
 */
export function withinRegion(
  column: string,
  input: string | null | undefined,
  params: SqlParameters,
  field = 'filter.regionCode',
): string[] {
  if (input === null || input === undefined) return [];
  const [low, high] = regionCodeRange(normalizeRegionCode(input, field));
  return [`${column} BETWEEN ${params.add(low)} AND ${params.add(high)}`];
}
