// The tree rules of DESIGN.md that need more than one row, as plain functions: which tier serves
// which region level, and whose child an institution is.
import { RegionLevel } from '../regions/region-level';
import { InstitutionKind, InstitutionTier } from './institution-enums';

export const TIER_OF_REGION_LEVEL: Record<RegionLevel, InstitutionTier> = {
  [RegionLevel.PROVINCE]: InstitutionTier.PROVINCIAL,
  [RegionLevel.PREFECTURE]: InstitutionTier.MUNICIPAL,
  [RegionLevel.COUNTY]: InstitutionTier.COUNTY,
};

export interface RegionLink {
  code: string;
  level: RegionLevel;
  parentCode: string | null;
}

/** The region and the regions above it, nearest first: county → real prefecture → province. */
export function regionsUpward(
  code: string,
  regionByCode: ReadonlyMap<string, RegionLink>,
): RegionLink[] {
  const chain: RegionLink[] = [];
  for (
    let region = regionByCode.get(code);
    region;
    region = region.parentCode ? regionByCode.get(region.parentCode) : undefined
  ) {
    chain.push(region);
  }
  return chain;
}

/** Where the parent of a new institution sits: a region code, or NATIONAL for the national centre. */
export type ParentPlace = { regionCode: string } | 'NATIONAL';

/**
 * A PUBLIC centre's parent is the nearest PUBLIC centre above its region (a county centre whose
 * prefecture is a pseudo-prefecture or has no centre hangs under its provincial centre); a
 * MARKET agency's parent is the PUBLIC centre of its own region, or the nearest one above.
 */
export function parentPlace(
  regionCode: string,
  kind: InstitutionKind,
  regionByCode: ReadonlyMap<string, RegionLink>,
  hasPublicCentre: (regionCode: string) => boolean,
): ParentPlace {
  const chain = regionsUpward(regionCode, regionByCode);
  const candidates = kind === InstitutionKind.PUBLIC ? chain.slice(1) : chain;
  const nearest = candidates.find((region) => hasPublicCentre(region.code));
  return nearest ? { regionCode: nearest.code } : 'NATIONAL';
}
