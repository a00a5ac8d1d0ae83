import type { DataSource } from 'typeorm';
import { rowsByUniqueKey } from '../db/loaders';
import { Region } from './region.entity';

export function regionLoaders(dataSource: DataSource) {
  return {
    regionByCode: rowsByUniqueKey(dataSource, Region, 'code', 'bpchar', (region) => region.code),
  };
}
