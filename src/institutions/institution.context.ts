// The narrow request context the institutions domain declares; src/app assembles it.
import type { Viewer } from '../auth/viewer';
import type { RegionContext } from '../regions/region.context';
import type { InstitutionLoaders } from './institution.loaders';

/** What the institutions' resolvers need of a request. */
export interface InstitutionContext extends RegionContext {
  viewer: Viewer;
  institutions: InstitutionLoaders;
  /**
   * The row ids a category filter stands for (the category and its sub-categories): the
   * services' taxonomy, handed in by the composition root. BAD_USER_INPUT / NOT_FOUND naming
   * `field` for a malformed or unknown code.
   */
  categoryKeys(code: string, field: string): Promise<number[]>;
}
