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

  describe('connections and stores', () => {
    it('keeps idle connections longer than clients and load balancers do, up to a cap', () => {
      expect(loadConfig({}).http).toMatchObject({
        keepAliveTimeoutMs: 65_000,
        headersTimeoutMs: 10_000,
        maxConnections: 1_000,
      });
      expect(loadConfig({ HTTP_MAX_CONNECTIONS: '5000' }).http.maxConnections).toBe(5000);
    });

    it('bounds the persisted-query table in bytes', () => {
      expect(loadConfig({}).persistedQueriesMaxBytes).toBe(64 * 2 ** 20);
      expect(loadConfig({ PERSISTED_QUERIES_MAX_BYTES: '200000' }).persistedQueriesMaxBytes).toBe(
        200_000,
      );
    });

    it.each([
      [
        { HTTP_MAX_CONNECTIONS: '0' },
        "HTTP_MAX_CONNECTIONS='0' is not valid: use a whole number from 10 to 1000000",
      ],
      [
        { PERSISTED_QUERIES_MAX_BYTES: '1kb' },
        "PERSISTED_QUERIES_MAX_BYTES='1kb' is not valid: use a whole number from 100000 to 17179869184",
      ],
    ])('refuses %p', (env, message) => {
      expect(() => loadConfig(env)).toThrow(new ConfigError(message));
    });
  });

  describe('webhooks', () => {
    const key = Buffer.alloc(32, 9);

    it('takes WEBHOOK_SECRET_KEY as base64 or hex, and refuses anything but 32 bytes', () => {
      expect(loadConfig({ WEBHOOK_SECRET_KEY: key.toString('base64') }).webhooks.secretKey).toEqual(
        key,
      );
      expect(loadConfig({ WEBHOOK_SECRET_KEY: key.toString('hex') }).webhooks.secretKey).toEqual(
        key,
      );
      for (const bad of [
        'short',
        Buffer.alloc(16).toString('base64'),
        `${key.toString('hex')}00`,
      ]) {
        expect(() => loadConfig({ WEBHOOK_SECRET_KEY: bad })).toThrow(
          /WEBHOOK_SECRET_KEY is not valid: use 32 random bytes/,
        );
      }
    });

    it('uses the public development key outside production only; production without a key has no webhooks', () => {
      const development = loadConfig({}).webhooks;
      expect(development).toMatchObject({
        developmentKey: true,
        requireHttps: false,
        allowPrivateTargets: false,
      });
      expect(development.secretKey).toHaveLength(32);
      const production = loadConfig({ NODE_ENV: 'production' }).webhooks;
      expect(production).toMatchObject({
        secretKey: null,
        developmentKey: false,
        requireHttps: true,
      });
      expect(
        loadConfig({ NODE_ENV: 'production', WEBHOOK_SECRET_KEY: key.toString('base64') }).webhooks,
      ).toMatchObject({ secretKey: key, developmentKey: false });
    });

    it('documents its retry defaults: 10 attempts, a first retry after 30–60 s, steps up to an hour', () => {
      expect(loadConfig({}).webhooks).toMatchObject({
        maxAttempts: 10,
        retryBaseMs: 60_000,
        retryMaxMs: 3_600_000,
        timeoutMs: 10_000,
        concurrency: 8,
      });
    });
  });
});
