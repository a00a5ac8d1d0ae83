// The areas statistics are given for, and the next level below each: the country's provinces; a
// province's real prefectures and the county-level divisions directly under it (those of the four
// municipalities, 仙桃 429004 …), so that a breakdown adds up to its area; a prefecture's counties.
import { regionCodeRange } from '../regions/region-code';
import type { Region } from '../regions/region.entity';
import { RegionLevel } from '../regions/region-level';
import { COUNTRY } from './statistics.queries';

/**
 * The most areas one level below any area holds (Chongqing: 38 county-level divisions): the
 * query limits price `breakdown` with it. A test checks it against the regions.
 */
export const MAX_BREAKDOWN = 40;

/** The areas one level below `area`, in code order. */
export function areasBelow(area: string, regions: ReadonlyMap<string, Region>): string[] {
  const below: string[] = [];
  for (const region of regions.values()) {
    const fits =
      area === COUNTRY ? region.level === RegionLevel.PROVINCE : region.parentCode === area;
    if (fits) below.push(region.code);
  }
  return below.sort();
}

/** Regions of `level` inside `area` (the area itself included when of that level). */
export function regionsOfLevelIn(
  area: string,
  level: RegionLevel,
  regions: ReadonlyMap<string, Region>,
): number {
  let count = 0;
  for (const region of regions.values()) {
    if (region.level !== level) continue;
    if (area === COUNTRY) count++;
    else {
      // The same code ranges as the SQL's.
      const [lo, hi] = regionCodeRange(area);
      if (region.code >= lo && region.code <= hi) count++;
    }
  }
  return count;
}
