// Structured logs through pino: one JSON object per line in production (what log collectors
// read), human-readable lines in development (pino-pretty). Callers pass structured fields, never
// request bodies; keys, authorization headers and contact details are redacted if they slip in.
import pino from 'pino';
import type { LogLevel } from './config';

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line (e.g. the request id). */
  child(fields: LogFields): Logger;
}

/** Where log lines go instead of stdout: tests pass their own to read them. */
export type LogSink = (line: string) => void;

export type LogFormat = 'json' | 'pretty';

/**
 * Fields that never reach a log line, at the top level or one level down: API keys and the
 * header carrying them, raw bodies, personal data of enterprises' contacts.
 */
const SECRET_FIELDS = [
  'authorization',
  'key',
  'apiKey',
  'body',
  'password',
  'contactName',
  'contactPhone',
  'contactEmail',
  'phone',
  'email',
];
const REDACT_PATHS = SECRET_FIELDS.flatMap((field) => [field, `*.${field}`]);

function adapt(base: pino.Logger): Logger {
  return {
    debug: (message, fields) => base.debug(fields ?? {}, message),
    info: (message, fields) => base.info(fields ?? {}, message),
    warn: (message, fields) => base.warn(fields ?? {}, message),
    error: (message, fields) => base.error(fields ?? {}, message),
    child: (fields) => adapt(base.child(fields)),
  };
}

/** pino-pretty is a development dependency: without it, pretty falls back to JSON. */
function prettyStream(): pino.DestinationStream | undefined {
  try {
    // A synchronous, optional load: pino-pretty is absent from production installs.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('pino-pretty') as (options: object) => pino.DestinationStream)({
      colorize: process.stdout.isTTY,
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'pid,hostname',
    });
  } catch {
    return undefined;
  }
}

export function createLogger(level: LogLevel, sink?: LogSink, format: LogFormat = 'json'): Logger {
  const destination: pino.DestinationStream | undefined = sink
    ? { write: (line: string) => sink(line) }
    : format === 'pretty'
      ? prettyStream()
      : undefined;
  const options: pino.LoggerOptions = {
    level,
    base: { pid: process.pid },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
  return adapt(destination ? pino(options, destination) : pino(options));
}

/** Runs a start-up step and logs how long it took. */
export async function timed<T>(log: Logger, step: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  log.info(`${step} done`, { step, ms: Math.round(performance.now() - started) });
  return result;
}
