// Bytes a process allocates on the JavaScript heap while a measurement runs. V8 keeps no running
// total, but it reports the heap's size before and after every collection: what was allocated is
// what each collection found minus what the previous one left, plus the growth since the last.
import v8 from 'node:v8';

export class AllocationMeter {
  private profiler: v8.GCProfiler | null = null;
  private usedAtStart = 0;

  start(): null {
    this.profiler?.stop();
    this.profiler = new v8.GCProfiler();
    this.usedAtStart = v8.getHeapStatistics().used_heap_size;
    this.profiler.start();
    return null;
  }

  /** Bytes allocated since start(). */
  stop(): number {
    const collections = this.profiler?.stop()?.statistics ?? [];
    this.profiler = null;
    let allocated = 0;
    let left = this.usedAtStart;
    for (const collection of collections) {
      allocated += collection.beforeGC.heapStatistics.usedHeapSize - left;
      left = collection.afterGC.heapStatistics.usedHeapSize;
    }
    return allocated + v8.getHeapStatistics().used_heap_size - left;
  }
}
