// The narrow request context the events domain declares; src/app assembles it.
import type { ReferralContext } from '../referrals/referral.context';
import type { EventLoaders } from './event.loaders';

/** What the events' resolvers need of a request. */
export interface EventContext extends ReferralContext {
  events: EventLoaders;
  /**
   * "Now" for the request: whether an event is SCHEDULED or COMPLETED, open for registration,
   * started. `() => new Date()` in the server; tests hand in a clock of their own.
   */
  clock(): Date;
}
