// Every environment variable the process reads, parsed and validated in one place.
// A bad value stops start-up with a message naming the variable and what it accepts.
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** Where per-client budgets are kept: PostgreSQL (shared by every process), memory, or nowhere. */
export type BudgetStore = 'postgres' | 'memory' | 'off';

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
  /** Share of the programmes' published scale the seed writes (SEED_SCALE; 1 in production). */
  seedScale: number;
  /** Include stack traces in GraphQL errors: development only. */
  exposeErrorDetails: boolean;
  logLevel: LogLevel;
  /** JSON lines for log collectors, or human-readable lines (default in development). */
  logFormat: 'json' | 'pretty';
  /** How long in-flight requests may take to finish on SIGTERM before the process gives up. */
  shutdownTimeoutMs: number;
  /** How long an anonymous directory answer may be served from cache; 0 turns caching off. */
  responseCacheSeconds: number;
  /**
   * Whether queries the read planner covers are answered by its one statement (src/read-planner);
   * off, every query is executed field by field. Tests turn it off to compare the two answers.
   */
  readPlanner: boolean;
  /** What the response cache may hold, in bytes of JSON. */
  responseCacheMaxBytes: number;
  /** What the table of automatic persisted queries may hold, in bytes of documents. */
  persistedQueriesMaxBytes: number;
  limits: {
    /** Longest a single SQL statement may run (PostgreSQL's statement_timeout). */
    statementTimeoutMs: number;
    /** Longest a request may keep issuing SQL; later statements are refused. */
    requestTimeoutMs: number;
    /** Longest a statement waits for a free pool connection before the request gets 503. */
    poolWaitMs: number;
    /** Pool connections one request may hold at once. */
    connectionsPerRequest: number;
  };
  budgets: {
    store: BudgetStore;
    /** Cost points per minute for each API key (a key may carry its own). */
    keyPerMinute: number;
    /** Cost points per minute for each anonymous client address. */
    anonymousPerMinute: number;
    /** Failed authentications per minute from one address before it gets 429. */
    authFailuresPerMinute: number;
  };
  http: {
    /** Proxies whose X-Forwarded-For is believed (Express's `trust proxy`); none by default. */
    trustProxy: string[];
    headersTimeoutMs: number;
    /** Longest a whole request (headers and body) may take to arrive. */
    requestTimeoutMs: number;
    /** How long an idle kept-alive connection stays open: longer than clients keep theirs. */
    keepAliveTimeoutMs: number;
    /** Connections one process holds at most; idle ones are closed first as it fills up. */
    maxConnections: number;
  };
  graphql: {
    /** Schema introspection (Playground needs it). */
    introspection: boolean;
    /** "Did you mean …?" hints in validation errors, which reveal field names. */
    fieldSuggestions: boolean;
  };
  /** Worker processes sharing the port (node:cluster); 1 runs the API in this process. */
  workers: number;
  /** Streaming replicas that serve reads; none by default. */
  readUrls: string[];
  /** A replica further behind the primary than this is not read from. */
  maxReplicaLagMs: number;
  webhooks: WebhookConfig;
}

/** Partners' webhooks: where they may point, how deliveries are retried, how secrets are kept. */
export interface WebhookConfig {
  /** Plain http:// targets are refused (NODE_ENV=production). */
  requireHttps: boolean;
  /** Loopback and private (RFC 1918, unique-local, CGNAT) targets are allowed: tests, development. */
  allowPrivateTargets: boolean;
  /**
   * 32 bytes that encrypt signing secrets at rest: WEBHOOK_SECRET_KEY; outside production a fixed
   * development key when it is unset; null in production without one (webhooks are off).
   */
  secretKey: Buffer | null;
  /** The key is the built-in development key: fine for tests and laptops, never for real data. */
  developmentKey: boolean;
  /** Attempts before a delivery is DEAD. */
  maxAttempts: number;
  /** The first retry waits about this long; each next one twice as long, up to retryMaxMs. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Longest one attempt (connect, send, response) may take. */
  timeoutMs: number;
  /** Deliveries this process makes at once; 0: this process delivers nothing. */
  concurrency: number;
  /** How often an idle delivery worker looks for retries that have come due. */
  pollIntervalMs: number;
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

/**
 * SEED_SCALE: the share of the programmes' published scale the seed writes — the registry's
 * enterprises, the pilots' enrolments, the year of appeals — above 0 and at most 1 (default 1).
 * The tests seed 0.02 of it (test/support/global-setup.ts).
 */
export function seedScale(env: Env = process.env): number {
  const raw = env.SEED_SCALE;
  if (raw === undefined || raw === '') return 1;
  const value = Number(raw);
  if (!(value > 0 && value <= 1)) {
    throw new ConfigError(`SEED_SCALE='${raw}' is not valid: use a number above 0, at most 1`);
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

/** A postgres:// URL, checked; `name` is the variable it came from, for the message. */
function postgresUrl(raw: string, name: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a URL: use postgres://user:password@host:5432/database`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(
      `${name} uses '${url.protocol}': use postgres://user:password@host:5432/database`,
    );
  }
  return raw;
}

function databaseUrl(env: Env): string | undefined {
  const raw = env.DATABASE_URL;
  return raw === undefined || raw === '' ? undefined : postgresUrl(raw, 'DATABASE_URL');
}

/** Encrypts webhook secrets where WEBHOOK_SECRET_KEY is unset outside production: public, so no protection. */
const DEVELOPMENT_SECRET_KEY = createHash('sha256')
  .update('sme-network development webhook key (public: never use it for real data)')
  .digest();

/** WEBHOOK_SECRET_KEY: 32 bytes, as 64 hex digits or base64 (`openssl rand -base64 32`). */
function secretKey(env: Env): Buffer | null {
  const raw = env.WEBHOOK_SECRET_KEY?.trim();
  if (!raw) return null;
  const key = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (key.length !== 32 || (!/^[0-9a-f]{64}$/i.test(raw) && key.toString('base64') !== raw)) {
    throw new ConfigError(
      'WEBHOOK_SECRET_KEY is not valid: use 32 random bytes as 64 hex digits or base64 (openssl rand -base64 32)',
    );
  }
  return key;
}

/** A comma-separated list: 'loopback, 10.0.0.0/8' → ['loopback', '10.0.0.0/8']. */
function list(env: Env, name: string): string[] {
  return (env[name] ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const production = env.NODE_ENV === 'production';
  const webhookKey = secretKey(env);
  const poolSize = integer(env, 'DB_POOL_SIZE', 10, 1, 200);
  return {
    port: integer(env, 'PORT', 4000, 0, 65535),
    databaseUrl: databaseUrl(env),
    embeddedPostgres: {
      dataDir: path.resolve(cwd, env.EMBEDDED_PG_DATA_DIR || '.data/postgres'),
      port: integer(env, 'EMBEDDED_PG_PORT', 54329, 1, 65535),
    },
    poolSize,
    seedOnStart: boolean(env, 'SEED_ON_START', true),
    seedScale: seedScale(env),
    exposeErrorDetails: env.NODE_ENV === 'development',
    logLevel: oneOf(env, 'LOG_LEVEL', 'info', ['debug', 'info', 'warn', 'error', 'silent']),
    logFormat: oneOf(env, 'LOG_FORMAT', env.NODE_ENV === 'development' ? 'pretty' : 'json', [
      'json',
      'pretty',
    ]),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    responseCacheSeconds: integer(env, 'RESPONSE_CACHE_SECONDS', 30, 0, 3600),
    readPlanner: boolean(env, 'READ_PLANNER', true),
    responseCacheMaxBytes: integer(env, 'RESPONSE_CACHE_MAX_BYTES', 64 * 2 ** 20, 0, 2 ** 34),
    persistedQueriesMaxBytes: integer(
      env,
      'PERSISTED_QUERIES_MAX_BYTES',
      64 * 2 ** 20,
      100_000,
      2 ** 34,
    ),
    limits: {
      statementTimeoutMs: integer(env, 'DB_STATEMENT_TIMEOUT_MS', 5_000, 100, 600_000),
      requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_MS', 10_000, 100, 600_000),
      poolWaitMs: integer(env, 'DB_POOL_WAIT_MS', 5_000, 10, 600_000),
      connectionsPerRequest: integer(
        env,
        'DB_CONNECTIONS_PER_REQUEST',
        Math.max(1, Math.floor(poolSize / 4)),
        1,
        poolSize,
      ),
    },
    budgets: {
      store: oneOf(env, 'RATE_LIMITS', 'postgres', ['postgres', 'memory', 'off']),
      keyPerMinute: integer(env, 'KEY_BUDGET_PER_MINUTE', 100_000, 1, 1e9),
      anonymousPerMinute: integer(env, 'ANONYMOUS_BUDGET_PER_MINUTE', 50_000, 1, 1e9),
      authFailuresPerMinute: integer(env, 'AUTH_FAILURES_PER_MINUTE', 10, 1, 1e6),
    },
    http: {
      trustProxy: list(env, 'TRUST_PROXY'),
      headersTimeoutMs: integer(env, 'HTTP_HEADERS_TIMEOUT_MS', 10_000, 1000, 600_000),
      requestTimeoutMs: integer(env, 'HTTP_REQUEST_TIMEOUT_MS', 30_000, 1000, 3_600_000),
      // Above the 60 s idle timeout of load balancers and the few seconds Node's fetch keeps an
      // idle socket, so that the client, never the server, closes an idle connection first.
      keepAliveTimeoutMs: integer(env, 'HTTP_KEEP_ALIVE_TIMEOUT_MS', 65_000, 100, 600_000),
      maxConnections: integer(env, 'HTTP_MAX_CONNECTIONS', 1_000, 10, 1_000_000),
    },
    graphql: {
      introspection: boolean(env, 'INTROSPECTION', true),
      fieldSuggestions: boolean(env, 'FIELD_SUGGESTIONS', true),
    },
    workers: integer(
      env,
      'WEB_CONCURRENCY',
      env.NODE_ENV === 'production' ? os.availableParallelism() : 1,
      1,
      256,
    ),
    readUrls: list(env, 'DATABASE_READ_URLS').map((url) => postgresUrl(url, 'DATABASE_READ_URLS')),
    maxReplicaLagMs: integer(env, 'MAX_REPLICA_LAG_MS', 5_000, 0, 3_600_000),
    webhooks: {
      requireHttps: production,
      allowPrivateTargets: boolean(env, 'WEBHOOK_ALLOW_PRIVATE_TARGETS', false),
      secretKey: webhookKey ?? (production ? null : DEVELOPMENT_SECRET_KEY),
      developmentKey: !webhookKey && !production,
      maxAttempts: integer(env, 'WEBHOOK_MAX_ATTEMPTS', 10, 1, 50),
      retryBaseMs: integer(env, 'WEBHOOK_RETRY_BASE_MS', 60_000, 10, 3_600_000),
      retryMaxMs: integer(env, 'WEBHOOK_RETRY_MAX_MS', 3_600_000, 10, 86_400_000),
      timeoutMs: integer(env, 'WEBHOOK_TIMEOUT_MS', 10_000, 100, 60_000),
      concurrency: integer(env, 'WEBHOOK_CONCURRENCY', 8, 0, 100),
      pollIntervalMs: integer(env, 'WEBHOOK_POLL_INTERVAL_MS', 2_000, 50, 60_000),
    },
  };
}
