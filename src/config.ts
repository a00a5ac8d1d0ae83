// Every environment variable the process reads, parsed and validated in one place.
// A bad value stops start-up with a message naming the variable and what it accepts.
import path from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface Config {
  /** HTTP port of the API. */
  port: number;
  /** External PostgreSQL; when unset an embedded server is started. */
  databaseUrl: string | undefined;
  embeddedPostgres: {
    /** Cluster directory, kept between runs (git-ignored). */
    dataDir: string;
    port: number;
  };
  /** Connections in the pool the API uses. */
  poolSize: number;
  /** Seed the network on start-up when the database holds none. */
  seedOnStart: boolean;
  /** Include stack traces in GraphQL errors: development only. */
  exposeErrorDetails: boolean;
  logLevel: LogLevel;
  /** How long in-flight requests may take to finish on SIGTERM before the process gives up. */
  shutdownTimeoutMs: number;
  /** How long an anonymous directory answer may be served from cache; 0 turns caching off. */
  responseCacheSeconds: number;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(
      `${name}='${raw}' is not valid: use a whole number from ${min} to ${max}`,
    );
  }
  return value;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes)$/i.test(raw)) return true;
  if (/^(0|false|no)$/i.test(raw)) return false;
  throw new ConfigError(`${name}='${raw}' is not valid: use true or false`);
}

function oneOf<T extends string>(env: Env, name: string, fallback: T, allowed: readonly T[]): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name}='${raw}' is not valid: use one of ${allowed.join(', ')}`);
  }
  return raw as T;
}

function databaseUrl(env: Env): string | undefined {
  const raw = env.DATABASE_URL;
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(
      'DATABASE_URL is not a URL: use postgres://user:password@host:5432/database',
    );
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(
      `DATABASE_URL uses '${url.protocol}': use postgres://user:password@host:5432/database`,
    );
  }
  return raw;
}

export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  return {
    port: integer(env, 'PORT', 4000, 0, 65535),
    databaseUrl: databaseUrl(env),
    embeddedPostgres: {
      dataDir: path.resolve(cwd, env.EMBEDDED_PG_DATA_DIR || '.data/postgres'),
      port: integer(env, 'EMBEDDED_PG_PORT', 54329, 1, 65535),
    },
    poolSize: integer(env, 'DB_POOL_SIZE', 10, 1, 200),
    seedOnStart: boolean(env, 'SEED_ON_START', true),
    exposeErrorDetails: env.NODE_ENV === 'development',
    logLevel: oneOf(env, 'LOG_LEVEL', 'info', ['debug', 'info', 'warn', 'error', 'silent']),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    responseCacheSeconds: integer(env, 'RESPONSE_CACHE_SECONDS', 30, 0, 3600),
  };
}
