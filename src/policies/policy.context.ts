// The narrow request context the policies declare; src/app assembles it.
import type { EventContext } from '../events/event.context';
import type { WorkingCalendar } from '../working-calendar/working-calendar';
import type { PolicyLoaders } from './policy.loaders';

export interface PolicyContext extends EventContext {
  policies: PolicyLoaders;
  /** The process's copy of the working calendar (payBy is counted in working days). */
  workingCalendar: WorkingCalendar;
}
