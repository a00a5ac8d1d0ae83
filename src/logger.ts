// One-line, leveled log records on stdout/stderr. Callers pass structured fields, never
// request bodies: personal data (enterprise contacts) must not reach the logs.
import type { LogLevel } from './config';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

function formatFields(fields: LogFields | undefined): string {
  if (!fields) return '';
  const parts = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(
      ([key, value]) =>
        `${key}=${typeof value === 'string' && /\s/.test(value) ? JSON.stringify(value) : value}`,
    );
  return parts.length ? ' ' + parts.join(' ') : '';
}

/** Where log lines go: stdout, stderr from warn up; tests pass their own to read them. */
export type LogSink = (line: string, level: Exclude<LogLevel, 'silent'>) => void;

const standardStreams: LogSink = (line, level) =>
  (RANK[level] >= RANK.warn ? process.stderr : process.stdout).write(line);

export function createLogger(level: LogLevel, sink: LogSink = standardStreams): Logger {
  const write = (at: Exclude<LogLevel, 'silent'>) => (message: string, fields?: LogFields) => {
    if (RANK[at] < RANK[level]) return;
    sink(
      `${new Date().toISOString()} ${at.toUpperCase().padEnd(5)} ${message}${formatFields(fields)}\n`,
      at,
    );
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

/** Runs a start-up step and logs how long it took. */
export async function timed<T>(log: Logger, step: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  log.info(`${step} done`, { ms: Math.round(performance.now() - started) });
  return result;
}
