// Whole-response cache for anonymous directory reads. Everyone without a key sees the same
// directory, and it changes rarely, so an identical anonymous query may be answered from a copy
// for a few seconds. Requests with a key, mutations and answers with errors are never cached;
// a successful mutation in this process empties the cache.
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import { Role } from '../auth/role';
import type { RequestContext } from './context';

const MAX_ENTRIES = 2000;

export function responseCachePlugin(ttlSeconds: number): ApolloServerPlugin<RequestContext> {
  const entries = new Map<string, { result: FormattedExecutionResult; expires: number }>();
  return {
    async requestDidStart({ contextValue, request }) {
      if (ttlSeconds <= 0) return;
      if (contextValue.viewer.role !== Role.PUBLIC) {
        return {
          async willSendResponse({ operation, response }) {
            const failed = response.body.kind === 'single' && response.body.singleResult.errors;
            if (operation?.operation === 'mutation' && !failed) entries.clear();
          },
        };
      }
      const key = JSON.stringify([
        request.query,
        request.operationName ?? null,
        request.variables ?? null,
      ]);
      let cacheable = false;
      return {
        async responseForOperation({ operation }) {
          cacheable = operation.operation === 'query';
          const hit = cacheable ? entries.get(key) : undefined;
          if (!hit) return null;
          if (hit.expires > Date.now())
            return {
              http: { headers: new HeaderMap() },
              body: { kind: 'single', singleResult: hit.result },
            };
          entries.delete(key);
          return null;
        },
        async willSendResponse({ response }) {
          if (
            !cacheable ||
            entries.has(key) ||
            response.body.kind !== 'single' ||
            response.body.singleResult.errors
          )
            return;
          if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!); // oldest first
          entries.set(key, {
            result: response.body.singleResult,
            expires: Date.now() + ttlSeconds * 1000,
          });
        },
      };
    },
  };
}
