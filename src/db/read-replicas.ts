// Streaming replicas that serve reads. A monitor asks the primary for its WAL position and each
// replica for what it has replayed, four times a second, and works out how far behind each one
// is. A read goes to a replica that is up and at most `maxLagMs` behind — and, for a client that
// wrote, one that has replayed that client's last write — or else to the primary. PostgreSQL's own
// streaming replication does the copying; this only chooses where to read.
import type { Logger } from '../logger';
import type { Sql } from './sql';

const POLL_MS = 250;
/** Primary positions remembered, to tell how long ago a replica's position was the primary's. */
const HISTORY_MS = 10 * 60_000;

/** A position in the write-ahead log, in bytes from its start. */
export type WalPosition = bigint;

export interface ReplicaHealth {
  name: string;
  up: boolean;
  /** How long ago the primary was where this replica is now; null while unknown. */
  lagMs: number | null;
  replayed: WalPosition | null;
  /** Statements requests have sent to it. */
  served: number;
  error?: string;
}

interface Replica {
  name: string;
  /** Serves requests (counted with the primary's statements). */
  sql: Sql;
  /** Asks for the replay position, outside any request. */
  monitor: Sql;
  health: ReplicaHealth;
}

export interface ReplicaOptions {
  name: string;
  sql: Sql;
  monitor: Sql;
}

/** SQL for the primary's WAL position now, in bytes. */
export const WAL_POSITION = `(pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint`;

export class ReadReplicas {
  private readonly replicas: Replica[];
  private readonly history: { at: number; position: WalPosition }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private polling = false;
  private next = 0;

  private constructor(
    replicas: ReplicaOptions[],
    private readonly primaryMonitor: Sql,
    private readonly maxLagMs: number,
    private readonly log: Logger,
  ) {
    this.replicas = replicas.map((replica) => ({
      ...replica,
      health: { name: replica.name, up: false, lagMs: null, replayed: null, served: 0 },
    }));
  }

  /** Starts watching; resolves once every replica has been asked once. */
  static async watch(
    replicas: ReplicaOptions[],
    primaryMonitor: Sql,
    maxLagMs: number,
    log: Logger,
  ): Promise<ReadReplicas> {
    const set = new ReadReplicas(replicas, primaryMonitor, maxLagMs, log);
    await set.poll();
    set.timer = setInterval(() => void set.poll(), POLL_MS);
    set.timer.unref();
    return set;
  }

  /**
   * A replica to read from: up, at most maxLagMs behind, and past `atLeast` (the reader's last
   * write) when given; replicas take turns. Null: read from the primary.
   */
  choose(atLeast: WalPosition | null): Sql | null {
    for (let tried = 0; tried < this.replicas.length; tried++) {
      const replica = this.replicas[(this.next + tried) % this.replicas.length];
      const { up, lagMs, replayed } = replica.health;
      if (!up || lagMs === null || lagMs > this.maxLagMs) continue;
      if (atLeast !== null && (replayed === null || replayed < atLeast)) continue;
      this.next = (this.next + tried + 1) % this.replicas.length;
      return replica.sql;
    }
    return null;
  }

  health(): ReplicaHealth[] {
    return this.replicas.map((replica) => ({
      ...replica.health,
      served: replica.sql.sentByPool,
    }));
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    for (const replica of this.replicas) {
      if (replica.sql.dataSource.isInitialized) await replica.sql.dataSource.destroy();
    }
  }

  private async poll(): Promise<void> {
    // A poll that waits on a replica that does not answer is not overtaken by the next one.
    if (this.polling) return;
    this.polling = true;
    try {
      await this.pollAll(Date.now());
    } finally {
      this.polling = false;
    }
  }

  private async pollAll(now: number): Promise<void> {
    try {
      const [{ position }] = await this.primaryMonitor.rows<{ position: string }>(
        `SELECT ${WAL_POSITION} AS position`,
      );
      this.history.push({ at: now, position: BigInt(position) });
      while (this.history.length && this.history[0].at < now - HISTORY_MS) this.history.shift();
    } catch {
      // The primary does not answer: replicas keep their last known state.
    }
    await Promise.all(this.replicas.map((replica) => this.pollReplica(replica, now)));
  }

  private async pollReplica(replica: Replica, now: number): Promise<void> {
    try {
      const { dataSource } = replica.monitor;
      if (!dataSource.isInitialized) await dataSource.initialize();
      const [row] = await replica.monitor.rows<{ recovering: boolean; replayed: string | null }>(
        `SELECT pg_is_in_recovery() AS recovering,
                (pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::bigint AS replayed`,
      );
      if (!row.recovering || row.replayed === null) {
        throw new Error('not a streaming replica (not in recovery)');
      }
      const replayed = BigInt(row.replayed);
      // The oldest primary position not yet replayed: the replica is that far behind in time.
      const behind = this.history.find((seen) => seen.position > replayed);
      const wasUp = replica.health.up;
      replica.health = {
        name: replica.name,
        up: true,
        replayed,
        lagMs: behind ? now - behind.at : 0,
        served: 0,
      };
      if (!wasUp) this.log.info('read replica serving', { replica: replica.name });
    } catch (error) {
      if (replica.health.up) {
        this.log.warn('read replica skipped', {
          replica: replica.name,
          error: (error as Error).message,
        });
      }
      replica.health = {
        name: replica.name,
        up: false,
        lagMs: null,
        replayed: null,
        served: 0,
        error: (error as Error).message,
      };
    }
  }
}
