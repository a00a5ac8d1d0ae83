// The narrow request context the cultivation domain declares; src/app assembles it.
import type { ReferralContext } from '../referrals/referral.context';
import type { CultivationLoaders } from './cultivation.loaders';

/** What the cultivation resolvers need of a request. */
export interface CultivationContext extends ReferralContext {
  cultivation: CultivationLoaders;
}
