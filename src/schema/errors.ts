// The one place where domain errors become GraphQL errors with `extensions.code`. Messages
// say what was wrong and what would be right; SQL, stack traces and personal data never leave.
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from '../logger';

export type ErrorCode =
  'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The input field the error is about, e.g. `regionCode`. */
    readonly field?: string,
  ) {
    super(message);
  }
}

export const badInput = (message: string, field?: string) =>
  new DomainError('BAD_USER_INPUT', message, field);
export const notFound = (message: string, field?: string) =>
  new DomainError('NOT_FOUND', message, field);
export const conflict = (message: string) => new DomainError('CONFLICT', message);
export const forbidden = (message: string) => new DomainError('FORBIDDEN', message);
export const unauthenticated = (message: string) => new DomainError('UNAUTHENTICATED', message);

/**
 * Apollo's formatError hook. Known domain errors keep their code and message; GraphQL's own
 * validation errors pass through; anything else is logged and reported as an internal error.
 */
export function formatError(log: Logger, exposeDetails: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof DomainError) {
      return {
        message: original.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: original.code, ...(original.field ? { field: original.field } : {}) },
      };
    }
    const code = formatted.extensions?.code;
    if (
      original instanceof GraphQLError ||
      (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR')
    ) {
      return exposeDetails ? formatted : withoutStacktrace(formatted);
    }
    log.error('unexpected error while resolving', {
      path: formatted.path?.join('.'),
      error: original instanceof Error ? `${original.name}: ${original.message}` : String(original),
    });
    if (exposeDetails) return formatted;
    return {
      message: 'Internal server error: the failure was logged; please retry or report it.',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

function withoutStacktrace(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!formatted.extensions?.stacktrace) return formatted;
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { stacktrace, ...extensions } = formatted.extensions;
  return { ...formatted, extensions };
}
