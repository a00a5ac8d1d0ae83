// The store of automatic persisted queries, shared by every process of a deployment: a client
// that registered a document through one worker or machine may send only its hash to any other.
// Documents are kept in PostgreSQL behind a small in-process LRU (most lookups cost nothing);
// documents unused for 30 days are swept, and the table never holds more than MAX_DOCUMENTS.
import { LRUCache } from 'lru-cache';
import type { Sql } from '../db/sql';

const MAX_DOCUMENTS = 100_000;
const SWEEP_EVERY_MS = 60 * 60_000;

/** Apollo's key-value cache, as its persisted-query option takes it. */
export interface PersistedQueries {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<boolean | void>;
  close(): void;
}

export function persistedQueryStore(sql: Sql): PersistedQueries {
  const recent = new LRUCache<string, string>({ max: 2_000 });
  const sweep = () =>
    sql
      .run(
        `DELETE FROM persisted_query WHERE used_at < now() - interval '30 days'
            OR key IN (SELECT key FROM persisted_query ORDER BY used_at DESC OFFSET $1)`,
        [MAX_DOCUMENTS],
      )
      .catch(() => undefined);
  const timer = setInterval(() => void sweep(), SWEEP_EVERY_MS);
  timer.unref();
  return {
    async get(key) {
      const known = recent.get(key);
      if (known !== undefined) return known;
      const [row] = await sql.rows<{ query: string }>(
        'UPDATE persisted_query SET used_at = now() WHERE key = $1 RETURNING query',
        [key],
      );
      if (row) recent.set(key, row.query);
      return row?.query;
    },
    async set(key, value) {
      recent.set(key, value);
      await sql.run(
        'INSERT INTO persisted_query (key, query) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING',
        [key, value],
      );
    },
    async delete(key) {
      recent.delete(key);
      await sql.run('DELETE FROM persisted_query WHERE key = $1', [key]);
    },
    close: () => clearInterval(timer),
  };
}
