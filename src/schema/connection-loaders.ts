// One DataLoader per connection field and argument set, per request.
import type DataLoader from 'dataloader';
import { newLoader, type LoaderSettings } from '../db/loaders';

/**
 * Per-request DataLoaders for connections under many parents (children, services …): one
 * loader per field and argument set, since a batch can only share one filter and page window.
 */
export class ConnectionLoaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();
  private readonly bySite = new WeakMap<object, DataLoader<unknown, unknown>>();

  constructor(private readonly settings: LoaderSettings) {}

  /**
   * The loader of `field` with `args`. Given `site` — the field's place in the document
   * (`info.fieldNodes`), which fixes its arguments and selection for the whole request — the
   * loader is found by that object alone: no key to build for every parent.
   */
  get<K, V>(
    field: string,
    args: unknown,
    batch: (keys: readonly K[]) => Promise<V[]>,
    site?: object,
  ): DataLoader<K, V> {
    if (site) {
      let loader = this.bySite.get(site) as DataLoader<K, V> | undefined;
      if (!loader) {
        loader = newLoader<K, V>(this.settings, batch);
        this.bySite.set(site, loader as DataLoader<unknown, unknown>);
      }
      return loader;
    }
    const id = `${field}:${JSON.stringify(args ?? null)}`;
    let loader = this.loaders.get(id) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = newLoader<K, V>(this.settings, batch);
      this.loaders.set(id, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }
}
