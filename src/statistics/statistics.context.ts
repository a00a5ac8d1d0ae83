// The narrow request context the statistics domain declares; src/app assembles it.
import type { EventContext } from '../events/event.context';
import type { StatisticsLoaders } from './statistics.loaders';
import type { ScorecardLoaders } from './scorecard.loaders';

/** What the statistics' and scorecards' resolvers need of a request. */
export interface StatisticsContext extends EventContext {
  statistics: StatisticsLoaders;
  scorecards: ScorecardLoaders;
}
