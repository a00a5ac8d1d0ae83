// Load generators: autocannon against a GraphQL endpoint over HTTP (the API's or the peer's, with
// the same code), and the same SQL replayed straight through pg (the limit). Both keep
// `concurrency` requests in flight for `seconds` and record every latency, so percentiles are
// exact and all are measured alike.
import autocannon from 'autocannon';
import type { Pool } from 'pg';
import { statementName } from '../src/db/sql';
import type { LoggedStatement } from '../src/db/statement-log';
import { percentile } from './stats';

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

function summarise(latencies: number[], errors: number, seconds: number): LoadResult {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: sorted.length,
    requestsPerSecond: sorted.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    errors,
  };
}

/** POSTs the bodies in turn to a GraphQL endpoint from `concurrency` connections. */
export async function loadGraphql(
  url: string,
  bodies: string[],
  concurrency: number,
  seconds: number,
): Promise<LoadResult> {
  let next = 0;
  let errors = 0;
  const latencies: number[] = [];
  let finish!: (result: autocannon.Result) => void;
  let fail!: (error: Error) => void;
  const done = new Promise<autocannon.Result>(
    (resolve, reject) => ((finish = resolve), (fail = reject)),
  );
  const instance = autocannon(
    {
      url,
      connections: concurrency,
      duration: seconds,
      requests: [
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          setupRequest: (request: autocannon.Request) => ({
            ...request,
            body: bodies[next++ % bodies.length],
          }),
          onResponse: (status: number, body: string) => {
            if (status !== 200 || body.startsWith('{"errors"') || body.includes('"errors":['))
              errors++;
          },
        },
      ],
    },
    (error, result) => (error ? fail(error) : finish(result)),
  );
  instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  const result = await done;
  return summarise(latencies, errors + result.errors + result.non2xx, seconds);
}

/** Runs each request's statements one after the other, like the API, but with no API around them. */
export async function loadRaw(
  pool: Pool,
  requests: LoggedStatement[][],
  concurrency: number,
  seconds: number,
): Promise<LoadResult> {
  const deadline = performance.now() + seconds * 1000;
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      const statements = requests[next++ % requests.length];
      const started = performance.now();
      try {
        for (const statement of statements) {
          // Prepared like the API's own statements (src/db/sql.ts), so both plan once.
          await pool.query({
            name: statementName(statement.sql),
            text: statement.sql,
            values: statement.parameters as unknown[] | undefined,
          });
        }
        latencies.push(performance.now() - started);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return summarise(latencies, errors, seconds);
}
