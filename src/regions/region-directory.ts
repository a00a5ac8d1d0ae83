// The GB/T 2260 regions as the whole process reads them: about 3,300 rows that change only with
// migrations and the seed, so one copy in memory serves every request (no statement per request).
// The composition root creates one directory and hands it to the domains that need it.
import { ReferenceCache } from '../db/reference-cache';
import type { Sql } from '../db/sql';
import { Region } from './region.entity';
import { regionChain } from './region-chain';

/** A seed run in another process shows up at the latest after this long. */
const MAX_AGE_MS = 5 * 60_000;

export class RegionDirectory {
  private readonly cache: ReferenceCache<ReadonlyMap<string, Region>>;

  constructor(sql: Sql, maxAgeMs = MAX_AGE_MS) {
    this.cache = new ReferenceCache(async () => {
      const hydrate = sql.hydrator(Region);
      const rows = await sql.rows('SELECT * FROM region');
      return new Map(rows.map(hydrate).map((region) => [region.code, region] as const));
    }, maxAgeMs);
  }

  /** Every region by its six-digit code. */
  all(): Promise<ReadonlyMap<string, Region>> {
    return this.cache.get();
  }

  async byCode(code: string): Promise<Region | null> {
    return (await this.all()).get(code) ?? null;
  }

  /** The region and every region above it, nearest first; empty when the code names none. */
  async chain(code: string): Promise<Region[]> {
    return regionChain(code, await this.all());
  }

  /** The regions changed (a seed run): read them again on next use. */
  invalidate(): void {
    this.cache.invalidate();
  }
}
