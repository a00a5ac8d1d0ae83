// One DataLoader per connection field and argument set, per request.
import type DataLoader from 'dataloader';
import { newLoader, type LoaderSettings } from '../db/loaders';

/**
 * Per-request DataLoaders for connections under many parents (children, services …): one
 * loader per field and argument set, since a batch can only share one filter and page window.
 */
export class ConnectionLoaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  constructor(private readonly settings: LoaderSettings) {}

  get<K, V>(
    field: string,
    args: unknown,
    batch: (keys: readonly K[]) => Promise<V[]>,
  ): DataLoader<K, V> {
    const id = `${field}:${JSON.stringify(args ?? null)}`;
    let loader = this.loaders.get(id) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = newLoader<K, V>(this.settings, batch);
      this.loaders.set(id, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }
}
