// The tree rules that need more than one row, as plain functions: which tier serves which
// region level, and whose child an institution is (docs/network.md).
import type { RegionLink } from '../regions/region-chain';
import { RegionLevel } from '../regions/region-level';
import { InstitutionKind, InstitutionTier } from './institution-enums';

export const TIER_OF_REGION_LEVEL: Record<RegionLevel, InstitutionTier> = {
  [RegionLevel.PROVINCE]: InstitutionTier.PROVINCIAL,
  [RegionLevel.PREFECTURE]: InstitutionTier.MUNICIPAL,
  [RegionLevel.COUNTY]: InstitutionTier.COUNTY,
};

/** Where the parent of a new institution sits: a region code, or NATIONAL for the national centre. */
export type ParentPlace = { regionCode: string } | 'NATIONAL';

/**
 * A PUBLIC centre's parent is the nearest PUBLIC centre above its region (a county centre whose
 * prefecture is a pseudo-prefecture or has no centre hangs under its provincial centre); a
 * MARKET agency's parent is the PUBLIC centre of its own region, or the nearest one above.
 * `chain` is the institution's region and the regions above it, nearest first (regionChain).
 */
export function parentPlace(
  chain: readonly RegionLink[],
  kind: InstitutionKind,
  hasPublicCentre: (regionCode: string) => boolean,
): ParentPlace {
  const candidates = kind === InstitutionKind.PUBLIC ? chain.slice(1) : chain;
  const nearest = candidates.find((region) => hasPublicCentre(region.code));
  return nearest ? { regionCode: nearest.code } : 'NATIONAL';
}
