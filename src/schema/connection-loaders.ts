import DataLoader from 'dataloader';

/**
 * Per-request DataLoaders for connections under many parents (children, services …): one
 * loader per field and argument set, since a batch can only share one filter and page window.
 */
export class ConnectionLoaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  get<K, V>(
    field: string,
    args: unknown,
    batch: (keys: readonly K[]) => Promise<V[]>,
  ): DataLoader<K, V> {
    const id = `${field}:${JSON.stringify(args ?? null)}`;
    let loader = this.loaders.get(id) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(batch);
      this.loaders.set(id, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }
}
