// The narrow request context the regions domain declares; src/app assembles it.
import type { Sql } from '../db/sql';
import type { ConnectionLoaders } from '../schema/connection-loaders';
import type { RegionDirectory } from './region-directory';

/** What the regions' resolvers need of a request. */
export interface RegionContext {
  sql: Sql;
  /** The process's copy of the regions. */
  regions: RegionDirectory;
  connections: ConnectionLoaders;
}
