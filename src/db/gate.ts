// A line to a limited resource (the pool's connections, the heavy statements' share of them, one
// request's concurrency): at most `limit` holders at once, the others wait, each for a bounded
// time. Hand-written because the wait must end in an error of the caller's choosing (busy, or
// past the request's deadline) rather than in a queue library's own timeout.

/** At most `limit` holders at once; the others wait in line, each for a bounded time. */
export class Gate {
  private active = 0;
  private readonly waiting: { admit(): void }[] = [];

  constructor(private readonly limit: number) {}

  /** Enters, or throws `onTimeout()` when no place came free within `waitMs`. */
  async enter(waitMs: number, onTimeout: () => Error): Promise<void> {
    if (this.active < this.limit) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const waiter = {
        admit: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(
        () => {
          this.waiting.splice(this.waiting.indexOf(waiter), 1);
          reject(onTimeout());
        },
        Math.max(0, waitMs),
      );
      this.waiting.push(waiter);
    });
  }

  leave(): void {
    const next = this.waiting.shift();
    if (next) next.admit();
    else this.active--;
  }
}
