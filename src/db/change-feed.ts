// Tells every process of a deployment that data they keep in memory changed: a write publishes
// a topic with NOTIFY (delivered when its transaction commits), and each process LISTENs on one
// connection of its own (application_name `sme-network-listener`, outside the request pool) and
// empties what depends on that topic. Lost connections are re-established; while one is down,
// the caches' time limits still bound how stale an answer can be.
import { Client } from 'pg';
import type { Logger } from '../logger';
import type { SqlRunner } from './sql';

const CHANNEL = 'sme_network_changes';
const RECONNECT_MS = 1000;

/** What changed: the public network (institutions, services, events) or the reference data. */
export type ChangeTopic = 'network' | 'reference';

/** Publishes a change; inside a transaction, it is delivered when the transaction commits. */
export async function publishChange(sql: SqlRunner, topic: ChangeTopic): Promise<void> {
  await sql.run('SELECT pg_notify($1, $2)', [CHANNEL, topic]);
}

export class ChangeFeed {
  private client: Client | null = null;
  private closed = false;
  private readonly listeners: ((topic: ChangeTopic) => void)[] = [];
  private retry: NodeJS.Timeout | undefined;

  private constructor(
    private readonly url: string,
    private readonly log: Logger,
  ) {}

  /** Listens from now on; resolves once the first connection listens. */
  static async open(url: string, log: Logger): Promise<ChangeFeed> {
    const feed = new ChangeFeed(url, log);
    await feed.connect();
    return feed;
  }

  on(listener: (topic: ChangeTopic) => void): void {
    this.listeners.push(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: this.url,
      application_name: 'sme-network-listener',
      connectionTimeoutMillis: 5000,
      keepAlive: true,
    });
    client.on('notification', ({ payload }) => {
      for (const listener of this.listeners) listener(payload as ChangeTopic);
    });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    if (this.closed) {
      await client.end();
      return;
    }
    this.client = client;
  }

  private lost(client: Client): void {
    if (this.closed || this.client !== client) return;
    this.client = null;
    this.log.warn('change feed connection lost: reconnecting');
    // Whatever changed meanwhile was not heard: treat it as a change of everything.
    for (const listener of this.listeners) {
      listener('network');
      listener('reference');
    }
    const again = () => {
      this.retry = setTimeout(() => {
        if (this.closed) return;
        this.connect().catch(again);
      }, RECONNECT_MS);
      this.retry.unref();
    };
    again();
  }
}
