// A PostgreSQL advisory lock held around some work, so that of many processes starting together
// (migrations, the seed) one does it at a time: the others wait, then find it done.
import type { PooledConnection } from './sql-pool';

const POLL_MS = 100;

/**
 * Runs `work` while `connection` holds the advisory lock `lockKey`. `work` uses other connections
 * freely (so the pool needs at least two).
 */
export async function withAdvisoryLock<T>(
  connection: PooledConnection,
  lockKey: number,
  work: () => Promise<T>,
): Promise<T> {
  // Polled rather than waited for in one statement, so that no statement timeout of the pool
  // cuts the wait short while another process migrates.
  for (;;) {
    const { rows } = await connection.send<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock($1) AS locked',
      [lockKey],
    );
    if (rows[0].locked) break;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  try {
    return await work();
  } finally {
    await connection.send('SELECT pg_advisory_unlock($1)', [lockKey]).catch(() => undefined);
  }
}
