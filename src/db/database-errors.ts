// What the database's failures mean to the API: pg's and PostgreSQL's errors for "cannot serve
// now" turned into two errors of our own, which the GraphQL layer maps to a code and a message a
// client can act on. Every other error passes through unchanged.

/** The database cannot take the statement now: every connection is busy, or it is down. */
export class DatabaseUnavailableError extends Error {
  constructor(readonly reason: 'busy' | 'down') {
    super(
      reason === 'busy'
        ? 'every database connection is busy'
        : 'the database does not answer right now',
    );
  }
}

/** The request ran past its deadline, or one statement past the statement timeout. */
export class DatabaseTimeoutError extends Error {
  constructor(readonly limit: 'request' | 'statement') {
    super(`database work ran past the ${limit} timeout`);
  }
}

/** PostgreSQL error codes that mean the server went away or is not accepting connections. */
const DOWN = /^(08|57P0[1-3])/;

/** Errors that say the database cannot serve now, in words the API layer can map to a code. */
export function translated(error: unknown): unknown {
  const { code, message } = error as { code?: string; message?: string };
  // 57014: query_canceled, which statement_timeout raises.
  if (code === '57014') return new DatabaseTimeoutError('statement');
  // 53300: too_many_connections, the server's max_connections reached.
  if (message === 'timeout exceeded when trying to connect' || code === '53300') {
    return new DatabaseUnavailableError('busy');
  }
  if (
    (code && DOWN.test(code)) ||
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    message === 'Connection terminated unexpectedly' ||
    message === 'Connection terminated'
  ) {
    return new DatabaseUnavailableError('down');
  }
  return error;
}
