// Reference data shared by every request of a process: the GB/T 2260 regions and the service
// taxonomy. Both change only through migrations and the seed, never through the API, so one
// copy serves all requests and is re-read after REFRESH_MS (a seed run elsewhere shows up then).
import type { DataSource } from 'typeorm';
import { Region } from '../regions/region.entity';
import { loadTaxonomy, type Taxonomy } from '../services/taxonomy';
import { readRows } from './prepared';
import { hydrator } from './rows';

const REFRESH_MS = 5 * 60_000;

class Cached<T> {
  private value: Promise<T> | undefined;
  private loadedAt = 0;

  constructor(private readonly load: () => Promise<T>) {}

  get(): Promise<T> {
    if (!this.value || Date.now() - this.loadedAt > REFRESH_MS) {
      this.loadedAt = Date.now();
      this.value = this.load();
      // A failed load is not kept: the next request tries again.
      this.value.catch(() => (this.value = undefined));
    }
    return this.value;
  }
}

export interface ReferenceData {
  regions(): Promise<ReadonlyMap<string, Region>>;
  taxonomy(): Promise<Taxonomy>;
}

const byDataSource = new WeakMap<DataSource, ReferenceData>();

export function referenceData(dataSource: DataSource): ReferenceData {
  let data = byDataSource.get(dataSource);
  if (!data) {
    const regions = new Cached(async () => {
      const rows = await readRows(dataSource, 'SELECT * FROM region');
      return new Map(
        rows.map(hydrator(dataSource, Region)).map((region) => [region.code, region] as const),
      );
    });
    const taxonomy = new Cached(() => loadTaxonomy(dataSource));
    data = { regions: () => regions.get(), taxonomy: () => taxonomy.get() };
    byDataSource.set(dataSource, data);
  }
  return data;
}
