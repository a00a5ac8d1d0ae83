// The narrow request context the services domain declares; src/app assembles it.
import type { InstitutionContext } from '../institutions/institution.context';
import type { ServiceLoaders } from './service.loaders';
import type { TaxonomyCatalog } from './taxonomy';
import type { RegistryReader } from './verified-standing';

/** What the services' resolvers need of a request. */
export interface ServiceContext extends InstitutionContext {
  services: ServiceLoaders;
  /** The process's copy of the service taxonomy. */
  taxonomy: TaxonomyCatalog;
  /** What the registry says of an enterprise (src/cultivation answers it). */
  registry: RegistryReader;
}
