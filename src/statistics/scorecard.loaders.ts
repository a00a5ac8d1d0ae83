// The batched reads of scorecards a request shares: one loader per year asked for, so that a page
// of institutions' scorecards is one statement.
import type DataLoader from 'dataloader';
import { newLoader, type LoaderSettings } from '../db/loaders';
import type { Sql } from '../db/sql';
import { scorecardFigures, type ScorecardRow } from './scorecard.queries';

export function createScorecardLoaders(sql: Sql, settings: LoaderSettings, clock: () => Date) {
  const byYear = new Map<number, DataLoader<number, ScorecardRow>>();
  return {
    /** The figures of each institution (by row id) for `year`. */
    of(year: number): DataLoader<number, ScorecardRow> {
      let loader = byYear.get(year);
      if (!loader) {
        loader = newLoader(settings, async (keys) => {
          const found = await scorecardFigures(sql, keys, year, clock());
          return keys.map((key) => found.get(key)!);
        });
        byYear.set(year, loader);
      }
      return loader;
    },
  };
}

export type ScorecardLoaders = ReturnType<typeof createScorecardLoaders>;
