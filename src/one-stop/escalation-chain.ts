// Where an enterprise's need escalates: from its own region up to the nation, one step per
// tier that exists there. A pure function of the region table, following GB/T 2260 as stored:
//   - a county under a real prefecture:         COUNTY → MUNICIPAL → PROVINCIAL → NATIONAL
//   - a county of Beijing, Tianjin, Shanghai, Chongqing, or under 省直辖县级行政区划
//     (仙桃 429004, 济源 419001, 石河子 659001 …): COUNTY → PROVINCIAL → NATIONAL
//   - a prefecture, including one without counties (东莞 441900): MUNICIPAL → PROVINCIAL → NATIONAL
//   - a province:                                PROVINCIAL → NATIONAL
import { InstitutionTier } from '../institutions/institution-enums';
import { TIER_OF_REGION_LEVEL } from '../institutions/tree-rules';
import type { RegionLink } from '../regions/region-chain';

export interface EscalationStep {
  tier: InstitutionTier;
  /** The region served at this step; null for the nation. */
  regionCode: string | null;
  /** 0 for the enterprise's own region, +1 per step up. */
  distance: number;
}

/**
 * The steps from a region up to the nation, nearest first, from the region's chain (regionChain:
 * the region and the regions above it); empty if the region is unknown.
 */
export function escalationChain(regions: readonly RegionLink[]): EscalationStep[] {
  if (regions.length === 0) return [];
  const steps = regions.map((region, distance) => ({
    tier: TIER_OF_REGION_LEVEL[region.level],
    regionCode: region.code,
    distance,
  }));
  return [...steps, { tier: InstitutionTier.NATIONAL, regionCode: null, distance: steps.length }];
}
