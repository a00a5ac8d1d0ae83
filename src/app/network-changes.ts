// Keeps every process's copies right when the network changes: after a mutation that changes what
// anonymous readers see, this process empties its response cache at once and tells every other
// process (NOTIFY); each process, on hearing it, empties its own. A change of the reference data
// (a seed run) makes every process read regions and taxonomy again.
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind } from 'graphql';
import { ChangeFeed, publishChange } from '../db/change-feed';
import type { Sql } from '../db/sql';
import type { Logger } from '../logger';
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
  publicWrites: ReadonlySet<string>;
}): Promise<NetworkChanges> {
  const { sql, log, cache, reference, publicWrites } = options;
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
      return {
        async willSendResponse({ operation, response }) {
          if (operation?.operation !== 'mutation' || response.body.kind !== 'single') return;
          // A write that was refused changed nothing: only fields that answered count.
          const data = response.body.singleResult.data ?? {};
          const wrote = operation.selectionSet.selections.some(
            (selection) =>
              selection.kind === Kind.FIELD &&
              publicWrites.has(selection.name.value) &&
              data[(selection.alias ?? selection.name).value] != null,
          );
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
