// Where the data lives: DATABASE_URL when set, otherwise the embedded cluster under .data/.
import { Client } from 'pg';
import type { Config } from '../config';
import { timed, type Logger } from '../logger';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';

/** Name of the database `npm start` uses inside the embedded cluster. */
export const EMBEDDED_DATABASE = 'sme_network';

export interface Database {
  url: string;
  /** For logs: which server, never the password. */
  description: string;
  /** Stops the embedded cluster; does nothing for an external server. */
  stop(): Promise<void>;
}

export async function openDatabase(config: Config, log: Logger): Promise<Database> {
  if (config.databaseUrl) {
    return {
      url: config.databaseUrl,
      description: `external PostgreSQL ${redact(config.databaseUrl)}`,
      stop: async () => {},
    };
  }
  const cluster = await timed(log, 'embedded PostgreSQL start', () =>
    startEmbeddedPostgres({ ...config.embeddedPostgres, log }),
  );
  try {
    await ensureDatabase(cluster.adminUrl, EMBEDDED_DATABASE);
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return embeddedDatabase(cluster, config.embeddedPostgres.dataDir);
}

function embeddedDatabase(cluster: EmbeddedPostgres, dataDir: string): Database {
  const url = cluster.databaseUrl(EMBEDDED_DATABASE);
  return {
    url,
    description: `embedded PostgreSQL ${redact(url)} (data in ${dataDir})`,
    stop: () => cluster.stop(),
  };
}

async function isAnswering(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/**
 * For command-line tools (keys, migrations): like openDatabase, but when `npm start` already
 * runs the embedded cluster, use it (and leave it running) instead of starting another.
 */
export async function openDatabaseForTool(config: Config, log: Logger): Promise<Database> {
  if (!config.databaseUrl) {
    const running = `postgres://postgres:postgres@127.0.0.1:${config.embeddedPostgres.port}`;
    if (await isAnswering(`${running}/postgres`)) {
      await ensureDatabase(`${running}/postgres`, EMBEDDED_DATABASE);
      const url = `${running}/${EMBEDDED_DATABASE}`;
      return {
        url,
        description: `running embedded PostgreSQL ${redact(url)}`,
        stop: async () => {},
      };
    }
  }
  return openDatabase(config, log);
}

/** CREATE DATABASE unless it exists (PostgreSQL has no IF NOT EXISTS for databases). */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (existing.rowCount === 0)
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

export function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
