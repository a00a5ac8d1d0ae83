import type { Logger as TypeOrmLogger } from 'typeorm';

export interface LoggedStatement {
  sql: string;
  parameters: unknown[] | undefined;
}

/**
 * A TypeORM logger that counts (and on request records) every SQL statement: tests assert
 * with it that batching keeps the statements per request fixed; the benchmark replays them.
 */
export class StatementLog implements TypeOrmLogger {
  count = 0;
  private recording: LoggedStatement[] | null = null;

  logQuery(sql: string, parameters?: unknown[]): void {
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

  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
