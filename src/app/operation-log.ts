// One log line per GraphQL operation (name, client, duration, error codes), and at debug level
// its variables with personal data (contact names, phones, emails) blanked out.
import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from '../logger';
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
    async requestDidStart({ request }) {
      const started = performance.now();
      return {
        async willSendResponse({ contextValue, errors }) {
          const codes = [
            ...new Set(
              (errors ?? []).map((error) =>
                String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
              ),
            ),
          ];
          log.info('graphql', {
            operation: request.operationName ?? 'anonymous',
            client: contextValue.viewer?.name ?? 'public',
            ms: Math.round(performance.now() - started),
            errors: codes.join(',') || undefined,
          });
          if (request.variables)
            log.debug('graphql variables', {
              variables: JSON.stringify(redactPersonalData(request.variables)),
            });
        },
      };
    },
  };
}
