import { ConfigError, loadConfig } from '../src/config';

describe('configuration', () => {
  it('needs no variable at all: embedded PostgreSQL, port 4000', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config).toMatchObject({
      port: 4000,
      databaseUrl: undefined,
      embeddedPostgres: { dataDir: '/srv/app/.data/postgres', port: 54329 },
      poolSize: 10,
      seedOnStart: true,
      exposeErrorDetails: false,
      logLevel: 'info',
      responseCacheSeconds: 30,
    });
  });

  it('switches to an external server with DATABASE_URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/sme' }).databaseUrl).toBe(
      'postgres://u:p@db:5432/sme',
    );
  });

  it('shows stack traces in development only', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).exposeErrorDetails).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).exposeErrorDetails).toBe(false);
  });

  it.each([
    [{ PORT: 'http' }, "PORT='http' is not valid: use a whole number from 0 to 65535"],
    [{ PORT: '70000' }, "PORT='70000' is not valid: use a whole number from 0 to 65535"],
    [
      { DATABASE_URL: 'mysql://db/sme' },
      "DATABASE_URL uses 'mysql:': use postgres://user:password@host:5432/database",
    ],
    [{ SEED_ON_START: 'maybe' }, "SEED_ON_START='maybe' is not valid: use true or false"],
    [
      { LOG_LEVEL: 'loud' },
      "LOG_LEVEL='loud' is not valid: use one of debug, info, warn, error, silent",
    ],
  ])('refuses %p with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });
});
