// The reference data of the process, created once by the composition root and handed to the
// domains that read it: the GB/T 2260 regions and the service taxonomy.
import type { Sql } from '../db/sql';
import { RegionDirectory } from '../regions/region-directory';
import { TaxonomyCatalog } from '../services/taxonomy';

export interface ReferenceData {
  regions: RegionDirectory;
  taxonomy: TaxonomyCatalog;
  /** The regions or the taxonomy changed (a seed run): read both again on next use. */
  invalidate(): void;
}

export function createReferenceData(sql: Sql): ReferenceData {
  const regions = new RegionDirectory(sql);
  const taxonomy = new TaxonomyCatalog(sql);
  return {
    regions,
    taxonomy,
    invalidate() {
      regions.invalidate();
      taxonomy.invalidate();
    },
  };
}
