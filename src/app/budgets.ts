// Per-client budgets: every request is charged its estimated cost (the query limits' measure, at
// least 1 point) against a points-per-minute budget — per API key (a key may carry its own
// budget), per client address for anonymous callers — and failed authentications are counted per
// address. Windows are fixed: a client's minute starts with its first request (rate-limiter-
// flexible's semantics). Kept in PostgreSQL by default, so that every process of a deployment
// draws on one budget; in memory for a single process; or off.
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { Pool } from 'pg';
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { Config } from '../config';
import { START_UP_LOCK } from '../db/migrations';
import type { Sql } from '../db/sql';
import { costToCharge } from '../schema/query-limits';
import { batchedBudget, type BatchedBudget } from './budget-batches';
import { clientNetwork } from './client-network';
import type { RequestContext } from './context';

/** Whose budget a request draws on. */
export type BudgetHolder =
  { kind: 'key'; keyId: number; perMinute: number | null } | { kind: 'address'; address: string };

/** What is left of a budget after a charge, as clients see it. */
export interface BudgetState {
  limit: number;
  remaining: number;
  /** Seconds until the window ends and the budget is whole again. */
  resetSeconds: number;
}

export interface Budgets {
  /** Charges `points`; the budget's state, or a RATE_LIMITED error (HTTP 429) when spent. */
  charge(holder: BudgetHolder, points: number): Promise<BudgetState>;
  /** Seconds an address must wait before a key that fails from it is answered 401 again (0: now). */
  authenticationWait(address: string): number;
  /** Counts a failed authentication; the seconds to wait if that was one too many. */
  authenticationFailed(address: string): Promise<number>;
  close(): Promise<void>;
}

const WINDOW_SECONDS = 60;
const TABLE = 'rate_limits';

type Store = Config['budgets']['store'];

function limiterFactory(store: Exclude<Store, 'off'>, pool: Pool | null) {
  return (keyPrefix: string, points: number): RateLimiterAbstract => {
    const options = { keyPrefix, points, duration: WINDOW_SECONDS };
    if (store === 'memory') return new RateLimiterMemory(options);
    return new RateLimiterPostgres({
      ...options,
      storeClient: pool,
      tableName: TABLE,
      tableCreated: true,
      // Clients over budget are refused from memory, without a statement each.
      inMemoryBlockOnConsumed: points,
      // If PostgreSQL cannot be reached, each process keeps counting on its own.
      insuranceLimiter: new RateLimiterMemory(options),
    });
  };
}

const stateOf = (limit: number, result: RateLimiterRes): BudgetState => ({
  limit,
  remaining: Math.max(0, result.remainingPoints),
  resetSeconds: Math.max(0, Math.ceil(result.msBeforeNext / 1000)),
});

/** The answer to a spent budget: 429 with when to come back and the RateLimit headers. */
export function budgetSpent(state: BudgetState, holder: BudgetHolder): GraphQLError {
  const who = holder.kind === 'key' ? 'this API key' : 'this client address';
  const raise =
    holder.kind === 'key'
      ? 'or ask an admin to raise the key’s budget (npm run keys -- budget)'
      : 'or use an API key, which has a budget of its own';
  return new GraphQLError(
    `${who} spent its budget of ${state.limit} cost points per minute: retry in ${state.resetSeconds} s. Ask for smaller pages or fewer fields, ${raise}.`,
    {
      extensions: {
        code: 'RATE_LIMITED',
        retryAfterSeconds: state.resetSeconds,
        budget: state,
        http: { status: 429, headers: budgetHeaders(state, true) },
      },
    },
  );
}

/** The IETF RateLimit headers of a budget (and Retry-After when it is spent). */
export function budgetHeaders(state: BudgetState, spent = false): Map<string, string> {
  const headers = new Map([
    ['ratelimit-limit', String(state.limit)],
    ['ratelimit-remaining', String(state.remaining)],
    ['ratelimit-reset', String(state.resetSeconds)],
    ['ratelimit-policy', `${state.limit};w=${WINDOW_SECONDS}`],
  ]);
  if (spent) headers.set('retry-after', String(Math.max(1, state.resetSeconds)));
  return headers;
}

/**
 * The budgets of a process, or null when RATE_LIMITS=off. With the PostgreSQL store the
 * library creates its table at start-up, under the same advisory lock as the migrations.
 */
export async function createBudgets(config: Config, sql: Sql): Promise<Budgets | null> {
  const { store, keyPerMinute, anonymousPerMinute, authFailuresPerMinute } = config.budgets;
  if (store === 'off') return null;
  let pool: Pool | null = null;
  if (store === 'postgres') {
    pool = new Pool({
      connectionString: sql.url,
      max: 4,
      application_name: 'sme-network-budgets',
      connectionTimeoutMillis: 2000,
      // Every request charges its client's row, and charges to one row queue behind each other's
      // commits: waiting for each commit's WAL flush capped one busy client (one address, one
      // key) at a few hundred requests a second for the whole deployment, fewer with more
      // processes. A crash may forget the last fraction of a second of charges — harmless for a
      // per-minute budget — and never leaves the table inconsistent (asynchronous commit).
      options: '-c synchronous_commit=off',
    });
    // An idle connection that breaks (the database restarts) is dropped; the pool reconnects.
    pool.on('error', () => undefined);
    await sql.withLock(
      START_UP_LOCK,
      () =>
        new Promise<void>((resolve, reject) => {
          new RateLimiterPostgres(
            {
              storeClient: pool,
              tableName: TABLE,
              points: 1,
              duration: 1,
              clearExpiredByTimeout: false,
            },
            (error?: Error) => (error ? reject(error) : resolve()),
          );
        }),
    );
  }
  const limiter = limiterFactory(store, pool);
  const anonymous = batchedBudget(limiter('anonymous', anonymousPerMinute));
  const authFailures = limiter('auth-failures', authFailuresPerMinute);
  const byBudget = new Map<number, BatchedBudget>();
  const keyLimiter = (perMinute: number) => {
    let found = byBudget.get(perMinute);
    if (!found) {
      found = batchedBudget(limiter(`key-${perMinute}`, perMinute));
      byBudget.set(perMinute, found);
    }
    return found;
  };
  /** Addresses over their failed-authentication ceiling, until when (this process's view). */
  const blocked = new Map<string, number>();

  return {
    async charge(holder, points) {
      const limit = holder.kind === 'key' ? (holder.perMinute ?? keyPerMinute) : anonymousPerMinute;
      const chosen = holder.kind === 'key' ? keyLimiter(limit) : anonymous;
      const id = holder.kind === 'key' ? String(holder.keyId) : holder.address;
      try {
        return stateOf(limit, await chosen.consume(id, points));
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        throw budgetSpent(stateOf(limit, refusal), holder);
      }
    },
    authenticationWait(address) {
      const until = blocked.get(address) ?? 0;
      if (until <= Date.now()) blocked.delete(address);
      return Math.max(0, Math.ceil((until - Date.now()) / 1000));
    },
    async authenticationFailed(address) {
      try {
        await authFailures.consume(address, 1);
        return 0;
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        blocked.set(address, Date.now() + refusal.msBeforeNext);
        return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
      }
    },
    async close() {
      await pool?.end();
    },
  };
}

/** Whose budget a request draws on: its key's, else its address's network (IPv6: its /64). */
export function budgetHolder({
  viewer,
  origin,
}: Pick<RequestContext, 'viewer' | 'origin'>): BudgetHolder {
  return viewer.apiKeyId !== null
    ? { kind: 'key', keyId: viewer.apiKeyId, perMinute: viewer.budgetPerMinute }
    : { kind: 'address', address: clientNetwork(origin.address) };
}

/**
 * Charges each request its estimated cost before it runs (after the query limits measured it),
 * refuses it with 429 when the budget is spent, and reports the budget in every answer: in
 * `extensions.budget` and the RateLimit headers. A request refused before it could be measured
 * (a syntax error, an unknown operation), or refused by the query limits, costs one point.
 */
export function budgetPlugin(budgets: Budgets): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      const holder = budgetHolder(contextValue);
      let charge: Promise<BudgetState> | null = null;
      return {
        async didResolveOperation() {
          charge = budgets.charge(holder, Math.max(1, costToCharge(contextValue) ?? 1));
          await charge;
        },
        async willSendResponse({ response }) {
          // Another plugin may refuse the operation (NUL in a variable) while its charge is on its
          // way: the answer waits for it, so that it reports the budget like every other answer.
          let spent = false;
          const state = await (charge ??= budgets.charge(holder, 1)).catch((refusal) => {
            spent = true;
            // Spent: the refusal holds the budget's state (it may not be the error reported).
            return refusal instanceof GraphQLError
              ? (refusal.extensions.budget as BudgetState)
              : null;
          });
          if (!state) return;
          for (const [name, value] of budgetHeaders(state, spent)) {
            response.http.headers.set(name, value);
          }
          if (response.body.kind === 'single') {
            const result = response.body.singleResult;
            result.extensions = { ...result.extensions, budget: state };
          }
        },
      };
    },
  };
}
