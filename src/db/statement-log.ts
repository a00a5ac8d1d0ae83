// Counting and recording statements, for the tests' statement budgets and the benchmark's replay.
import type { StatementObserver } from './sql';

export interface LoggedStatement {
  sql: string;
  parameters: readonly unknown[] | undefined;
}

/**
 * Counts (and on request records) every statement `Sql` sends: tests assert with it that
 * batching keeps the statements per request fixed; the benchmark replays them.
 */
export class StatementLog implements StatementObserver {
  count = 0;
  private recording: LoggedStatement[] | null = null;

  statement(sql: string, parameters: readonly unknown[]): void {
    this.count++;
    this.recording?.push({ sql, parameters });
  }

  /** Keeps every statement from now until stopRecording(). */
  startRecording(): void {
    this.recording = [];
  }

  stopRecording(): LoggedStatement[] {
    const statements = this.recording ?? [];
    this.recording = null;
    return statements;
  }

  /** Runs `work` and returns what it did plus the statements issued meanwhile. */
  async record<T>(work: () => Promise<T>): Promise<{ result: T; statements: LoggedStatement[] }> {
    this.startRecording();
    try {
      const result = await work();
      return { result, statements: this.stopRecording() };
    } finally {
      this.recording = null;
    }
  }
}
