// The store of automatic persisted queries, shared by every process of a deployment: a client
// that registered a document through one worker or machine may send only its hash to any other.
// Anyone may register, so the store is bounded in bytes everywhere: a document over
// PERSISTED_QUERY_LIMITS.documentBytes is answered but not kept (its client is told
// PERSISTED_QUERY_NOT_FOUND and sends it whole, as the protocol provides); the in-process LRU is
// bounded by bytes; the table is trimmed to PERSISTED_QUERIES_MAX_BYTES and MAX_DOCUMENTS (least
// recently used out first) each time this process has written a sixteenth of that, and hourly,
// when documents unused for 30 days go too.
import { LRUCache } from 'lru-cache';
import type { Sql } from '../db/sql';

export const PERSISTED_QUERY_LIMITS = {
  /** Bytes of one document that is kept; the largest documents clients really send are ~2 kB. */
  documentBytes: 16 * 1024,
  /** Bytes of documents one process keeps in memory. */
  cachedBytes: 8 * 2 ** 20,
  /** Documents in the table. */
  documents: 100_000,
};
const SWEEP_EVERY_MS = 60 * 60_000;

/** Apollo's key-value cache, as its persisted-query option takes it. */
export interface PersistedQueries {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<boolean | void>;
  /** Bytes of documents this process holds in memory. */
  cachedBytes(): number;
  close(): void;
}

/** `maxBytes`: what the table may hold in all (PERSISTED_QUERIES_MAX_BYTES). */
export function persistedQueryStore(sql: Sql, maxBytes: number): PersistedQueries {
  const recent = new LRUCache<string, string>({
    max: 2_000,
    maxSize: PERSISTED_QUERY_LIMITS.cachedBytes,
    sizeCalculation: (query, key) => Buffer.byteLength(query) + key.length,
  });
  /** Bytes this process has inserted since it last trimmed the table. */
  let written = 0;
  let trimming: Promise<void> | null = null;
  /** Asked for while a trim ran: inserts it may not have seen wait for one more. */
  let again = false;
  const trim = (): Promise<void> => {
    if (trimming) {
      again = true;
      return trimming;
    }
    written = 0;
    // octet_length reads a stored value's size without decompressing it.
    trimming = sql
      .run(
        `DELETE FROM persisted_query WHERE used_at < now() - interval '30 days'
            OR key IN (
              SELECT key FROM (
                SELECT key, row_number() OVER newest AS documents,
                       sum(octet_length(query)) OVER newest AS bytes
                  FROM persisted_query
                WINDOW newest AS (ORDER BY used_at DESC, key)
              ) AS kept
              WHERE documents > $1 OR bytes > $2)`,
        [PERSISTED_QUERY_LIMITS.documents, maxBytes],
      )
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        trimming = null;
        if (again) {
          again = false;
          void trim();
        }
      });
    return trimming;
  };
  const timer = setInterval(() => void trim(), SWEEP_EVERY_MS);
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
      const bytes = Buffer.byteLength(value);
      if (bytes > PERSISTED_QUERY_LIMITS.documentBytes) return;
      recent.set(key, value);
      await sql.run(
        'INSERT INTO persisted_query (key, query) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING',
        [key, value],
      );
      written += bytes;
      if (written > maxBytes / 16) await trim();
    },
    async delete(key) {
      recent.delete(key);
      await sql.run('DELETE FROM persisted_query WHERE key = $1', [key]);
    },
    cachedBytes: () => recent.calculatedSize,
    close: () => clearInterval(timer),
  };
}
