import type { DataSource } from 'typeorm';
import { newLoader, type LoaderSettings } from '../db/loaders';
import { referenceData } from '../db/reference-data';
import type { Region } from './region.entity';

export function regionLoaders(dataSource: DataSource, settings: LoaderSettings) {
  const reference = referenceData(dataSource);
  return {
    /** Answered from the process's copy of the regions: no statement per request. */
    regionByCode: newLoader<string, Region | null>(settings, async (codes) => {
      const regions = await reference.regions();
      return codes.map((code) => regions.get(code) ?? null);
    }),
  };
}
