// Transactions: only `sql.transaction()` hands out a SqlTransaction (a function that relies on
// its row locks cannot be given the pool), and the statements of one transaction reach its
// connection one at a time, however the work starts them.
import type { DataSource } from 'typeorm';
import { Sql, type SqlTransaction } from '../../src/db/sql';
import { watchBusyClients } from '../support/busy-clients';
import { connectTestDatabase } from '../support/test-database';

let dataSource: DataSource;
let sql: Sql;

beforeAll(async () => {
  dataSource = await connectTestDatabase({ applicationName: 'jest-transactions' });
  sql = new Sql(dataSource);
});
afterAll(() => dataSource.destroy());

/** Locks a row until the transaction ends: meaningless on the pool, where it ends at once. */
const lockedOne = (transaction: SqlTransaction) =>
  transaction.rows<{ code: string }>('SELECT code FROM region ORDER BY code LIMIT 1 FOR UPDATE');

describe('a transaction', () => {
  it('is a type only sql.transaction() makes: neither the pool nor a session passes for one', async () => {
    // Checked by `npm run typecheck` (which covers test/): each line below must fail to
    // compile, or @ts-expect-error is itself an error. Never called.
    const refused = () => [
      // @ts-expect-error the pool-level runner: each statement on whichever connection is free
      lockedOne(sql),
      // @ts-expect-error a request's session, the same
      lockedOne(sql.session({ concurrency: 2, timeoutMs: 10_000 })),
      // @ts-expect-error nor does something shaped like one
      lockedOne({
        rows: sql.rows.bind(sql),
        run: sql.run.bind(sql),
        hydrator: sql.hydrator.bind(sql),
      }),
    ];
    expect(refused).toBeInstanceOf(Function);

    const rows = await sql.transaction((transaction) => lockedOne(transaction));
    expect(rows).toHaveLength(1);
  });

  it('hands its connection one statement at a time, even when the work starts several', async () => {
    const busy = watchBusyClients();
    try {
      const numbers = await sql.transaction((transaction) =>
        Promise.all(
          [1, 2, 3].map(async (n) => {
            const [row] = await transaction.rows<{ n: number }>(
              'SELECT $1::int AS n FROM pg_sleep(0.05)',
              [n],
            );
            return row.n;
          }),
        ),
      );
      expect(numbers).toEqual([1, 2, 3]);
      // A failing statement among them: the others finish and then the ROLLBACK is sent.
      await expect(
        sql.transaction((transaction) =>
          Promise.all([
            transaction.rows('SELECT 1 FROM pg_sleep(0.05)'),
            transaction.rows('SELECT 1 / 0'),
            transaction.rows('SELECT 1 FROM pg_sleep(0.05)'),
          ]),
        ),
      ).rejects.toThrow(/division by zero/);
    } finally {
      busy.stop();
    }
    expect(busy.sentWhileBusy).toBe(0);
  });
});
