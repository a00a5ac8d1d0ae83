// The narrow request context the appeals domain declares; src/app assembles it.
import type { ReferralContext } from '../referrals/referral.context';
import type { WorkingCalendar } from '../working-calendar/working-calendar';
import type { AppealLoaders } from './appeal.loaders';

export interface AppealContext extends ReferralContext {
  appeals: AppealLoaders;
  /** The process's copy of the working calendar: every deadline is counted with it. */
  workingCalendar: WorkingCalendar;
  /** "Now" for the request (submission and every move); tests hand in a clock of their own. */
  clock(): Date;
}
