// The narrow request context the referrals domain declares; src/app assembles it.
import type { ServiceContext } from '../services/service.context';
import type { ReferralLoaders } from './referral.loaders';

/** What the referrals' resolvers need of a request. */
export interface ReferralContext extends ServiceContext {
  referrals: ReferralLoaders;
}
