// The walk up the GB/T 2260 tree, written once: one-stop's escalation, the institutions' tree
// rules and every other "this region and the ones above it" start from this chain.
import type { RegionLevel } from './region-level';

/** What the walk needs of a region. */
export interface RegionLink {
  code: string;
  level: RegionLevel;
  parentCode: string | null;
}

/**
 * The region and every region above it, nearest first: county → real prefecture → province
 * (a county under a pseudo-prefecture has its province as parent). Empty for an unknown code.
 */
export function regionChain<R extends RegionLink>(
  code: string,
  regionByCode: ReadonlyMap<string, R>,
): R[] {
  const chain: R[] = [];
  for (
    let region = regionByCode.get(code);
    region;
    region = region.parentCode ? regionByCode.get(region.parentCode) : undefined
  ) {
    chain.push(region);
  }
  return chain;
}
