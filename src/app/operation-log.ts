// One log line per GraphQL operation — request id, operation, client, key id and role (never the key),
// duration, estimated cost, SQL statements, and the error codes the client got — and at debug
// level its variables with personal data (contact names, phones, emails) blanked out. Internal
// errors carry the request id, so that a report from a client leads to its log line.
import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from '../logger';
import { measuredCost } from '../schema/query-limits';
import type { RequestContext } from './context';

const PERSONAL = /^contact|phone|email/i;

export function redactPersonalData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactPersonalData);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        PERSONAL.test(key) && inner !== null ? '[redacted]' : redactPersonalData(inner),
      ]),
    );
  }
  return value;
}

export function operationLogPlugin(log: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ contextValue, response, operationName, request }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : [];
          const requestId = contextValue.origin.requestId;
          for (const error of errors ?? []) {
            if (error.extensions?.code === 'INTERNAL_SERVER_ERROR') {
              (error.extensions as Record<string, unknown>).requestId = requestId;
            }
          }
          const codes = [...new Set((errors ?? []).map((error) => String(error.extensions?.code)))];
          log.info('graphql', {
            requestId,
            operation: operationName ?? request.operationName ?? null,
            role: contextValue.viewer.role,
            client: contextValue.viewer.name ?? 'public',
            keyId: contextValue.viewer.keyId ?? undefined,
            status: response.http.status ?? 200,
            ms: Math.round(performance.now() - started),
            cost: measuredCost(contextValue),
            statements: contextValue.sql.statements,
            errors: codes.length ? codes : undefined,
          });
          if (request.variables)
            log.debug('graphql variables', {
              requestId,
              variables: redactPersonalData(request.variables),
            });
        },
      };
    },
  };
}
