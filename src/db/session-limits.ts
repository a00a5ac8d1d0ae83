// What keeps one request to its share of the database: at most a few of its statements hold a
// connection at once, and none is issued past its deadline.
import { DatabaseTimeoutError } from './database-errors';
import { Gate } from './gate';

export interface SessionLimits {
  /** Statements of the session that may run at once, so one request holds few connections. */
  concurrency: number;
  /** Milliseconds from now after which the session issues no more statements. */
  timeoutMs: number;
}

/** Admits a session's statements to the pool, within its limits. */
export class SessionLimiter {
  private readonly gate: Gate;
  private readonly deadline: number;

  constructor(limits: SessionLimits) {
    this.gate = new Gate(limits.concurrency);
    this.deadline = Date.now() + limits.timeoutMs;
  }

  /** Runs `work` (which takes a connection) once the session may, or throws past its deadline. */
  async admit<T>(work: () => Promise<T>): Promise<T> {
    await this.gate.enter(this.deadline - Date.now(), () => new DatabaseTimeoutError('request'));
    try {
      if (Date.now() > this.deadline) throw new DatabaseTimeoutError('request');
      return await work();
    } finally {
      this.gate.leave();
    }
  }
}
