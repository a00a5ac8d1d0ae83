// Where a request's statements go. Mutations, and anything before the operation is known, use
// the primary; queries use a streaming replica from DATABASE_READ_URLS that is up, at most
// MAX_REPLICA_LAG_MS behind and — for a key that wrote — has replayed the key's last write, so
// that a client always reads its own writes. After a key's mutation the primary's WAL position is
// kept on the key (one statement, only when replicas are configured).
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind } from 'graphql';
import type { Config } from '../config';
import { ReadReplicas, WAL_POSITION } from '../db/read-replicas';
import { Sql } from '../db/sql';
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

/**
 * Mutation fields that, sent alone, get a deadline of their own instead of REQUEST_TIMEOUT_MS
 * (an import: a whole province's directory is checked and written in one request). The domains
 * declare them; src/app/schema.ts gathers them.
 */
export interface LongRunningMutations {
  fields: ReadonlySet<string>;
  timeoutMs: number;
}

/** Chooses each request's session: a replica for queries when one may serve, else the primary. */
export function sessionChooser(
  primary: Sql,
  replicas: ReadReplicas | null,
  limits: Config['limits'],
  longRunningMutations: LongRunningMutations,
): SessionChooser {
  const session = { concurrency: limits.connectionsPerRequest, timeoutMs: limits.requestTimeoutMs };
  const longRunning = { ...session, timeoutMs: longRunningMutations.timeoutMs };
  return (routing, viewer) => {
    const replica =
      routing.operation === 'query' && replicas ? replicas.choose(viewer.lastWritePosition) : null;
    routing.fromReplica = replica !== null;
    return (replica ?? primary).session(routing.longRunning ? longRunning : session);
  };
}

/**
 * Tells the request its operation before its first statement, and after a key's mutation keeps
 * the primary's WAL position on the key (read-your-writes across replicas and processes).
 */
export function readRoutingPlugin(
  primary: Sql,
  replicas: ReadReplicas | null,
  log: Logger,
  longRunningMutations: LongRunningMutations,
): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          contextValue.routing.operation = operation?.operation ?? null;
          const fields = operation?.selectionSet.selections ?? [];
          contextValue.routing.longRunning =
            operation?.operation === 'mutation' &&
            fields.length > 0 &&
            fields.every(
              (field) =>
                field.kind === Kind.FIELD &&
                (field.name.value === '__typename' ||
                  longRunningMutations.fields.has(field.name.value)),
            );
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
