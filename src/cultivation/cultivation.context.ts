// The narrow request context the registry declares; src/app assembles it.
import type { ReferralContext } from '../referrals/referral.context';
import type { DesignationLoaders } from './designation.loaders';

/** What the registry's resolvers need of a request. */
export interface CultivationContext extends ReferralContext {
  designations: DesignationLoaders;
  /** "Now" for the request (a granted list's validFrom is checked against its Beijing day). */
  clock(): Date;
}
