// The batched reads of network statistics a request shares: one loader per figure, keyed by area,
// so that every area a request asks about (at any depth of `breakdown`) is read in one statement
// per figure.
import { newLoader, type LoaderSettings } from '../db/loaders';
import type { Sql } from '../db/sql';
import { designationCounts } from './designation-figures';
import { pilotProgressByArea } from '../pilots/pilot-progress.queries';
import {
  appealFigures,
  eventFigures,
  institutionCounts,
  referralFunnels,
  serviceCounts,
} from './statistics.queries';

export function createStatisticsLoaders(sql: Sql, settings: LoaderSettings, clock: () => Date) {
  const byArea =
    <T>(read: (sql: Sql, areas: readonly string[]) => Promise<Map<string, T>>) =>
    async (areas: readonly string[]) => {
      const found = await read(sql, areas);
      return areas.map((area) => found.get(area)!);
    };
  return {
    institutions: newLoader(settings, byArea(institutionCounts)),
    services: newLoader(settings, byArea(serviceCounts)),
    referrals: newLoader(settings, byArea(referralFunnels)),
    events: newLoader(settings, byArea(eventFigures)),
    designations: newLoader(settings, byArea(designationCounts)),
    pilots: newLoader(settings, byArea(pilotProgressByArea)),
    appeals: newLoader(
      settings,
      byArea((runner, areas) => appealFigures(runner, areas, clock())),
    ),
  };
}

export type StatisticsLoaders = ReturnType<typeof createStatisticsLoaders>;

/** Which loader each figure of NetworkStatistics reads. */
export const LOADER_OF_FIELD: Record<string, keyof StatisticsLoaders> = {
  institutions: 'institutions',
  coverage: 'institutions',
  servicesByCategory: 'services',
  referrals: 'referrals',
  events: 'events',
  designations: 'designations',
  pilots: 'pilots',
  appeals: 'appeals',
};
