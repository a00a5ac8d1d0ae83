// Whole-response cache for anonymous reads. Everyone without a key sees the same directory, and
// it changes rarely, so an identical anonymous query may be answered from a copy for a few
// seconds. The key is what Apollo actually executes — the hash of the resolved document (after an
// automatic persisted query is looked up), the operation name and the variables — so two
// different queries never share an answer. Requests with a key, mutations and answers with
// errors are never cached; the cache is bounded in bytes, expired entries are swept, and every
// write that changes what anonymous readers see empties it in every process (see change-feed).
//
// Hand-written rather than @apollo/server-plugin-response-cache: Apollo's needs the cache-control
// plugin, whose per-field hook costs every uncached request (measured: see the README's
// "Limits and errors"), while this one costs nothing until a hit.
import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import { LRUCache } from 'lru-cache';
import { isAnonymous } from '../auth/permissions';
import type { RequestContext } from './context';

export interface ResponseCacheOptions {
  ttlSeconds: number;
  maxBytes: number;
  /**
   * How far behind a read replica may be (MAX_REPLICA_LAG_MS): for that long after the cache was
   * emptied, an answer read from a replica may predate the change, so it is served but not kept.
   */
  replicaLagMs?: number;
}

interface Entry {
  /** The answer's data only: extensions (cost, budget) belong to each request. */
  data: FormattedExecutionResult['data'];
  bytes: number;
}

export interface ResponseCache {
  plugin: ApolloServerPlugin<RequestContext>;
  /** Empties the cache of this process. */
  clear(): void;
  /** Answers held, and their size in bytes of JSON. */
  readonly size: { entries: number; bytes: number };
}

/**
 * What identifies an answer. Short keys are kept as they are (hashing them cost more than the
 * rest of the lookup); long variables are hashed, so that no key holds more than a hash of them.
 */
function cacheKey(
  queryHash: string | undefined,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
): string {
  const key = JSON.stringify([queryHash, operationName ?? null, variables ?? null]);
  return key.length <= KEY_KEPT_AS_IS ? key : createHash('sha256').update(key).digest('base64url');
}

/** Characters of a key kept as is; longer ones are hashed. */
const KEY_KEPT_AS_IS = 256;

export function createResponseCache({
  ttlSeconds,
  maxBytes,
  replicaLagMs = 0,
}: ResponseCacheOptions): ResponseCache {
  let clearedAt = 0;
  const enabled = ttlSeconds > 0 && maxBytes > 0;
  const entries = new LRUCache<string, Entry>({
    maxSize: Math.max(1, maxBytes),
    sizeCalculation: (entry) => Math.max(1, entry.bytes),
    ttl: Math.max(1, ttlSeconds) * 1000,
    // Expired answers are dropped on a timer, not only when the same query comes back.
    ttlAutopurge: true,
    // An answer larger than a tenth of the cache is served but not kept.
    maxEntrySize: Math.max(1, Math.floor(maxBytes / 10)),
  });

  const plugin: ApolloServerPlugin<RequestContext> = {
    async requestDidStart({ contextValue }) {
      if (!enabled || !isAnonymous(contextValue.viewer)) return;
      let key: string | null = null;
      return {
        async responseForOperation({ operation, queryHash, operationName, request }) {
          // No operation: the name asked for names none (Apollo answers 400 after this hook).
          if (operation?.operation !== 'query') return null;
          key = cacheKey(queryHash, operationName, request.variables);
          const hit = entries.get(key);
          if (!hit) return null;
          // A fresh result object: other plugins add this request's extensions to it.
          return {
            http: { headers: new HeaderMap() },
            body: { kind: 'single', singleResult: { data: hit.data } },
          };
        },
        async willSendResponse({ response, contextValue }) {
          if (key === null || entries.has(key)) return;
          if (contextValue.routing.fromReplica && Date.now() - clearedAt < replicaLagMs) return;
          if (response.body.kind !== 'single' || response.body.singleResult.errors) return;
          const { data } = response.body.singleResult;
          entries.set(key, { data, bytes: Buffer.byteLength(JSON.stringify(data)) });
        },
      };
    },
  };

  return {
    plugin,
    clear: () => {
      clearedAt = Date.now();
      entries.clear();
    },
    get size() {
      return { entries: entries.size, bytes: entries.calculatedSize };
    },
  };
}
