// Keeps every process's copies right when the network changes: after a mutation field that changes
// what anonymous readers see (declared on the field: @ChangesCache(CacheEffect.PUBLIC_DATA)) has
// answered, this process empties its response cache at once and tells every other process
// (NOTIFY); each process, on hearing it, empties its own. What counts is what executed — a field
// inside a fragment too — not the document's top level. A change of the reference data
// (a seed run) makes every process read regions and taxonomy again.
import type { ApolloServerPlugin } from '@apollo/server';
import { ChangeFeed, publishChange } from '../db/change-feed';
import type { Sql } from '../db/sql';
import type { Logger } from '../logger';
import { CacheEffect, cacheEffectOf } from '../schema/field-policy';
import type { RequestContext } from './context';
import type { ReferenceData } from './reference-data';
import type { ResponseCache } from './response-cache';

export interface NetworkChanges {
  plugin: ApolloServerPlugin<RequestContext>;
  close(): Promise<void>;
}

export async function watchNetworkChanges(options: {
  sql: Sql;
  log: Logger;
  cache: ResponseCache;
  reference: ReferenceData;
}): Promise<NetworkChanges> {
  const { sql, log, cache, reference } = options;
  const feed = await ChangeFeed.open(sql.url, log);
  feed.on((topic) => {
    if (topic === 'network') cache.clear();
    if (topic === 'reference') {
      reference.invalidate();
      cache.clear();
    }
  });

  const plugin: ApolloServerPlugin<RequestContext> = {
    async requestDidStart() {
      let wrote = false;
      return {
        // Queries get no per-field hook: only a mutation's fields are watched.
        async executionDidStart({ operation }) {
          if (operation?.operation !== 'mutation') return;
          return {
            willResolveField({ info }) {
              const field = info.parentType.getFields()[info.fieldName];
              if (cacheEffectOf(field) !== CacheEffect.PUBLIC_DATA) return;
              // A write that was refused changed nothing: only a field that answered counts.
              return (error, result) => {
                if (!error && result != null) wrote = true;
              };
            },
          };
        },
        async willSendResponse() {
          if (!wrote) return;
          cache.clear();
          await publishChange(sql, 'network').catch((error: Error) =>
            log.warn('could not tell other processes of a network change', {
              error: error.message,
            }),
          );
        },
      };
    },
  };
  return { plugin, close: () => feed.close() };
}
