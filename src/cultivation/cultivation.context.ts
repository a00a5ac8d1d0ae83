// The narrow request context the cultivation domain declares; src/app assembles it.
import type { ReferralContext } from '../referrals/referral.context';
import type { CultivationLoaders } from './cultivation.loaders';
import type { DesignationLoaders } from './designation.loaders';
import type { RegistryFollowers } from './registry-followers';

/** What the cultivation resolvers need of a request. */
export interface CultivationContext extends ReferralContext {
  designations: DesignationLoaders;
  cultivation: CultivationLoaders;
  /** "Now" for the request (a granted list's validFrom is checked against its Beijing day). */
  clock(): Date;
  /** Told of every grant and end of a designation, in its transaction. */
  registryFollowers: RegistryFollowers;
}
