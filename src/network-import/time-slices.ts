// A long import shares its process with every other request: its work is cut into slices of a
// few milliseconds, and between slices the event loop answers the others (setImmediate lets the
// I/O that waited run first). Hand-written: a worker thread would also free the loop, but the
// engine's database work and audit must stay in the request's transaction on this thread, and
// what remains (parsing, checking, planning) only needs to pause now and then.
import { setImmediate as nextTurn } from 'node:timers/promises';

/** Work between pauses, in milliseconds: a bystander waits at most about this much per turn. */
const SLICE_MS = 5;

export class TimeSlices {
  private sliceStart = performance.now();

  /** Lets other work run if this slice is used up; cheap to call in every loop turn. */
  async pause(): Promise<void> {
    if (performance.now() - this.sliceStart < SLICE_MS) return;
    await nextTurn();
    this.sliceStart = performance.now();
  }
}
