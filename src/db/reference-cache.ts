// A table the whole process reads from memory (the GB/T 2260 regions, the service taxonomy):
// loaded on first use, re-read after `maxAgeMs` or as soon as someone says it changed.
export class ReferenceCache<T> {
  private value: Promise<T> | undefined;
  private loadedAt = 0;

  constructor(
    private readonly load: () => Promise<T>,
    private readonly maxAgeMs: number,
  ) {}

  get(): Promise<T> {
    if (!this.value || Date.now() - this.loadedAt > this.maxAgeMs) {
      this.loadedAt = Date.now();
      const loading = this.load();
      this.value = loading;
      // A failed load is not kept: the next caller tries again.
      loading.catch(() => {
        if (this.value === loading) this.value = undefined;
      });
    }
    return this.value;
  }

  /** The table changed: the next read loads it again. */
  invalidate(): void {
    this.value = undefined;
  }
}
