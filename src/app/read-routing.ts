// Where a request's statements go. Mutations, and anything before the operation is known, use
// the primary; queries use a streaming replica from DATABASE_READ_URLS that is up, at most
// MAX_REPLICA_LAG_MS behind and — for a key that wrote — has replayed the key's last write, so
// that a client always reads its own writes. After a key's mutation the primary's WAL position is
// kept on the key (one statement, only when replicas are configured).
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLField } from 'graphql';
import type { Config } from '../config';
import { ReadReplicas, WAL_POSITION } from '../db/read-replicas';
import { Sql } from '../db/sql';
import { executedRootFields } from '../schema/executed-fields';
import { timeoutOf } from '../schema/field-policy';
import type { Logger } from '../logger';
import type { RequestContext, SessionChooser } from './context';
import { createNetworkDataSource } from './data-source';

/** Replicas for the server's reads, or null when DATABASE_READ_URLS names none. */
export async function watchReadReplicas(
  config: Config,
  primary: Sql,
  log: Logger,
): Promise<ReadReplicas | null> {
  if (config.readUrls.length === 0) return null;
  const replicas = config.readUrls.map((url, index) => {
    const dataSource = createNetworkDataSource({
      url,
      poolSize: config.poolSize,
      applicationName: 'sme-network-api-replica',
      statementTimeoutMs: config.limits.statementTimeoutMs,
      poolWaitMs: config.limits.poolWaitMs,
    });
    return {
      name: `replica ${index + 1}`,
      sql: new Sql(dataSource, primary.observer),
      monitor: new Sql(dataSource),
    };
  });
  return ReadReplicas.watch(replicas, new Sql(primary.dataSource), config.maxReplicaLagMs, log);
}

/** Chooses each request's session: a replica for queries when one may serve, else the primary. */
export function sessionChooser(
  primary: Sql,
  replicas: ReadReplicas | null,
  limits: Config['limits'],
): SessionChooser {
  const session = { concurrency: limits.connectionsPerRequest, timeoutMs: limits.requestTimeoutMs };
  return (routing, viewer) => {
    const replica =
      routing.operation === 'query' && replicas ? replicas.choose(viewer.lastWritePosition) : null;
    routing.fromReplica = replica !== null;
    return (replica ?? primary).session(
      routing.timeoutMs ? { ...session, timeoutMs: routing.timeoutMs } : session,
    );
  };
}

/**
 * A mutation whose every field declares a time limit of its own (@LongRunning: an import checks
 * and writes a whole province's directory in one request) runs under the longest of them.
 */
function ownTimeLimit(fields: readonly GraphQLField<unknown, unknown>[] | null): number | null {
  const limits = (fields ?? []).map(timeoutOf);
  if (limits.length === 0 || limits.some((limit) => limit === undefined)) return null;
  return Math.max(...(limits as number[]));
}

/**
 * Tells the request its operation before its first statement, and after a key's mutation keeps
 * the primary's WAL position on the key (read-your-writes across replicas and processes).
 */
export function readRoutingPlugin(
  primary: Sql,
  replicas: ReadReplicas | null,
  log: Logger,
): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue }) {
          contextValue.routing.operation = operation?.operation ?? null;
          if (operation?.operation === 'mutation') {
            contextValue.routing.timeoutMs = ownTimeLimit(
              executedRootFields(schema, document, operation, request.variables ?? {}),
            );
          }
        },
        async willSendResponse({ operation, contextValue }) {
          const keyId = contextValue.viewer.apiKeyId;
          if (!replicas || operation?.operation !== 'mutation' || keyId === null) return;
          try {
            await primary.run(
              `UPDATE api_key SET last_write_position =
                 GREATEST(coalesce(last_write_position, 0), ${WAL_POSITION}) WHERE id = $1`,
              [keyId],
            );
          } catch (error) {
            log.warn('could not record a key’s write position', {
              error: (error as Error).message,
            });
          }
        },
      };
    },
  };
}
