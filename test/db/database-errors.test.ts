// What the database's failures mean to the API: "busy" and "down" become 503s a client may retry,
// a statement past its timeout a TIMEOUT; anything else is left for the generic handler.
import {
  DatabaseTimeoutError,
  DatabaseUnavailableError,
  translated,
} from '../../src/db/database-errors';

const pgError = (code: string, message = 'from PostgreSQL') =>
  Object.assign(new Error(message), { code });

describe('a database failure, as the API reads it', () => {
  it('is busy when the pool waited too long or the server has no connection left', () => {
    for (const error of [
      new Error('timeout exceeded when trying to connect'),
      pgError('53300', 'sorry, too many clients already'),
    ]) {
      expect(translated(error)).toEqual(new DatabaseUnavailableError('busy'));
      expect((translated(error) as DatabaseUnavailableError).reason).toBe('busy');
    }
  });

  it('is down when the server went away or refuses connections', () => {
    for (const error of [
      pgError('57P01', 'terminating connection due to administrator command'),
      pgError('08006'),
      pgError('ECONNREFUSED'),
      new Error('Connection terminated unexpectedly'),
    ]) {
      expect((translated(error) as DatabaseUnavailableError).reason).toBe('down');
    }
  });

  it('is a statement timeout when PostgreSQL cancelled the statement', () => {
    expect((translated(pgError('57014')) as DatabaseTimeoutError).limit).toBe('statement');
  });

  it('passes every other error through unchanged', () => {
    const unique = pgError('23505', 'duplicate key value violates unique constraint');
    expect(translated(unique)).toBe(unique);
  });
});
