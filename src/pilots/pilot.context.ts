// The narrow request context the pilots domain declares; src/app assembles it.
import type { EventContext } from '../events/event.context';
import type { PilotLoaders } from './pilot.loaders';

/** What the pilots' resolvers need of a request. */
export interface PilotContext extends EventContext {
  pilots: PilotLoaders;
}
