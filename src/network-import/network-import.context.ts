// What the import mutation needs of a request.
import type { Viewer } from '../auth/viewer';
import type { Sql } from '../db/sql';
import type { RegionDirectory } from '../regions/region-directory';
import type { TaxonomyCatalog } from '../services/taxonomy';

export interface NetworkImportContext {
  sql: Sql;
  viewer: Viewer;
  regions: RegionDirectory;
  taxonomy: TaxonomyCatalog;
}
