// The reference data of the process, created once by the composition root and handed to the
// domains that read it: the GB/T 2260 regions, the service taxonomy and the working calendar.
import type { Sql } from '../db/sql';
import { RegionDirectory } from '../regions/region-directory';
import { TaxonomyCatalog } from '../services/taxonomy';
import { WorkingCalendar } from '../working-calendar/working-calendar';

export interface ReferenceData {
  regions: RegionDirectory;
  taxonomy: TaxonomyCatalog;
  workingCalendar: WorkingCalendar;
  /** Reference data changed (a seed run, a calendar year set): read all of it again on next use. */
  invalidate(): void;
}

export function createReferenceData(sql: Sql): ReferenceData {
  const regions = new RegionDirectory(sql);
  const taxonomy = new TaxonomyCatalog(sql);
  const workingCalendar = new WorkingCalendar(sql);
  return {
    regions,
    taxonomy,
    workingCalendar,
    invalidate() {
      regions.invalidate();
      taxonomy.invalidate();
      workingCalendar.invalidate();
    },
  };
}
