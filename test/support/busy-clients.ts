// Watches pg for a statement sent to a client that is still running one: pg queues it, deprecates
// doing so (8.19+) and will refuse it (9.0). Counts them, whoever sends them (Sql, TypeORM).
import { Client } from 'pg';

export interface BusyClientWatch {
  /** Statements sent so far to a client that was still running another. */
  readonly sentWhileBusy: number;
  stop(): void;
}

export function watchBusyClients(): BusyClientWatch {
  const original = Client.prototype.query as (...args: unknown[]) => unknown;
  const running = new WeakMap<Client, number>();
  let sentWhileBusy = 0;
  const spy = jest.spyOn(Client.prototype, 'query').mockImplementation(function (
    this: Client,
    ...args: unknown[]
  ) {
    const inFlight = running.get(this) ?? 0;
    if (inFlight > 0) sentWhileBusy++;
    running.set(this, inFlight + 1);
    const done = () => running.set(this, (running.get(this) ?? 1) - 1);
    const result = original.apply(this, args);
    if (result instanceof Promise) result.then(done, done);
    else done();
    return result as never;
  });
  return {
    get sentWhileBusy() {
      return sentWhileBusy;
    },
    stop: () => spy.mockRestore(),
  };
}
