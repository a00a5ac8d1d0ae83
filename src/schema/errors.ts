// The one place where errors become what clients read: a GraphQL error with `extensions.code`,
// the HTTP status that goes with the code, and a message that says what was wrong and what would
// be right. SQL, stack traces and personal data never leave; a bad value is quoted by its start.
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DatabaseTimeoutError, DatabaseUnavailableError } from '../db/sql';
import type { Logger } from '../logger';

export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'SERVICE_UNAVAILABLE'
  | 'TIMEOUT';

/** HTTP status of an answer whose errors carry these codes (others keep Apollo's status). */
export const HTTP_STATUS: Partial<Record<string, number>> = {
  UNAUTHENTICATED: 401,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
  TIMEOUT: 503,
};

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The input field the error is about, e.g. `regionCode`. */
    readonly field?: string,
    /** More for clients to act on, e.g. `reason` or `retryAfterSeconds`. */
    readonly details: Record<string, unknown> = {},
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

const QUOTED_LENGTH = 40;

/**
 * A client's value inside a message: quoted, and cut after 40 characters so that a huge bad
 * input does not come back as a huge error.
 */
export function quote(value: string): string {
  const shown = [...value];
  return shown.length <= QUOTED_LENGTH
    ? `'${value}'`
    : `'${shown.slice(0, QUOTED_LENGTH).join('')}…' (${shown.length} characters)`;
}

/** Database conditions a client can do something about, in its words. */
function databaseError(error: unknown): DomainError | null {
  if (error instanceof DatabaseUnavailableError) {
    return new DomainError(
      'SERVICE_UNAVAILABLE',
      error.reason === 'busy'
        ? 'the service is busy: every database connection is in use. Retry in a moment.'
        : 'the database does not answer right now. Retry in a moment.',
      undefined,
      { retryAfterSeconds: error.reason === 'busy' ? 1 : 5 },
    );
  }
  if (error instanceof DatabaseTimeoutError) {
    return new DomainError(
      'TIMEOUT',
      error.limit === 'request'
        ? 'the request ran out of its time for database work: ask for less (smaller pages, fewer aliases, a shorter search) or split it'
        : 'a database statement took too long: ask for less (smaller pages, a shorter search) or split the request',
      undefined,
      { retryAfterSeconds: 1 },
    );
  }
  return null;
}

/**
 * Apollo's formatError hook. Domain errors keep their code and message; GraphQL's own
 * validation errors pass through; anything else is logged and reported as an internal error.
 */
export function formatError(log: Logger, exposeDetails: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const thrown = unwrapResolverError(error);
    const original = databaseError(thrown) ?? thrown;
    if (original instanceof DomainError) {
      return {
        message: original.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: {
          code: original.code,
          ...(original.field ? { field: original.field } : {}),
          ...original.details,
        },
      };
    }
    const code = formatted.extensions?.code;
    if (code === 'INTERNAL_SERVER_ERROR' && refusedAsMalformed(original)) {
      const { extensions } = withoutStacktrace(formatted);
      return { ...formatted, extensions: { ...extensions, code: 'BAD_REQUEST' } };
    }
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

/**
 * Apollo refuses some requests it cannot take — a persisted-query extension of an unknown version,
 * a hash that is not the query's — with a 4xx status but without a code, which normalizing turns
 * into INTERNAL_SERVER_ERROR: the client's mistake, not a fault of ours.
 */
function refusedAsMalformed(error: unknown): boolean {
  if (!(error instanceof GraphQLError)) return false;
  const status = (error.extensions.http as { status?: number } | undefined)?.status;
  return status !== undefined && status >= 400 && status < 500;
}

function withoutStacktrace(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!formatted.extensions?.stacktrace) return formatted;
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { stacktrace, ...extensions } = formatted.extensions;
  return { ...formatted, extensions };
}

/**
 * Gives an answer the HTTP status of its errors' codes (429, 503 …) and a Retry-After header
 * when an error says how long to wait.
 */
export function errorStatusPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) {
            const status = HTTP_STATUS[String(error.extensions?.code)];
            if (status) response.http.status = status;
            const wait = error.extensions?.retryAfterSeconds;
            if (typeof wait === 'number') response.http.headers.set('retry-after', String(wait));
          }
        },
      };
    },
  };
}
