// Charges to one budget that arrive together reach the store in few writes, and each charge gets
// exactly the answer it would have had alone: the oracle is the same limiter charged one by one.
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { batchedBudget } from '../../src/app/budget-batches';

const LIMIT = 100;

/** A real in-memory limiter that counts the writes it is asked for. */
class CountingStore extends RateLimiterMemory {
  writes = 0;
  failNext = false;
  /** Answers as the PostgreSQL store does for a holder it blocks in memory: refused, nothing counted. */
  blocked = false;
  constructor() {
    super({ points: LIMIT, duration: 60 });
  }
  override consume(key: string | number, points?: number, options?: object) {
    this.writes++;
    if (this.failNext) {
      this.failNext = false;
      return Promise.reject(new Error('store unreachable'));
    }
    if (this.blocked) return Promise.reject(new RateLimiterRes(0, 30_000));
    return super.consume(key, points, options);
  }
}

type Outcome = { admitted: boolean; remaining: number; consumed: number };

const outcome = (admitted: boolean, result: RateLimiterRes): Outcome => ({
  admitted,
  remaining: Math.max(0, result.remainingPoints),
  consumed: result.consumedPoints,
});

async function settle(charge: Promise<RateLimiterRes>): Promise<Outcome> {
  try {
    return outcome(true, await charge);
  } catch (refusal) {
    if (!(refusal instanceof RateLimiterRes)) throw refusal;
    return outcome(false, refusal);
  }
}

/** Charges of 1 to 9 points, more than the budget holds in all. */
const CHARGES = Array.from({ length: 30 }, (_, i) => 1 + ((i * 7) % 9));

describe('charges batched per budget holder', () => {
  it('answer every charge as if it had been charged alone, in arrival order', async () => {
    const alone = new RateLimiterMemory({ points: LIMIT, duration: 60 });
    const expected: Outcome[] = [];
    for (const points of CHARGES) expected.push(await settle(alone.consume('client', points)));

    const budget = batchedBudget(new CountingStore());
    const together = await Promise.all(
      CHARGES.map((points) => settle(budget.consume('client', points))),
    );

    expect(together).toEqual(expected);
    expect(together.filter((result) => result.admitted).length).toBeGreaterThan(0);
    expect(together.filter((result) => !result.admitted).length).toBeGreaterThan(0);
  });

  it('write a burst of 30 charges in two writes: the first, then all that came meanwhile', async () => {
    const store = new CountingStore();
    const budget = batchedBudget(store);
    await Promise.all(CHARGES.map((points) => settle(budget.consume('client', points))));
    expect(store.writes).toBe(2);
  });

  it('keep holders apart: one client’s charges never share a write with another’s', async () => {
    const store = new CountingStore();
    const budget = batchedBudget(store);
    const [a, b] = await Promise.all([
      settle(budget.consume('a', 60)),
      settle(budget.consume('b', 60)),
      settle(budget.consume('a', 60)),
    ]);
    expect(a).toEqual({ admitted: true, remaining: 40, consumed: 60 });
    expect(b).toEqual({ admitted: true, remaining: 40, consumed: 60 });
    expect(store.writes).toBe(3); // a's first, b's first, then a's second
  });

  it('fail every charge of a write the store could not take, and go on with the next', async () => {
    const store = new CountingStore();
    const budget = batchedBudget(store);
    store.failNext = true;
    await expect(budget.consume('client', 5)).rejects.toThrow('store unreachable');
    await expect(budget.consume('client', 5)).resolves.toMatchObject({ consumedPoints: 5 });
  });

  it('refuse every charge of a write the store refused without counting (a blocked holder)', async () => {
    const store = new CountingStore();
    const budget = batchedBudget(store);
    store.blocked = true;
    const answers = await Promise.all(
      [1, 2, 3].map((points) => settle(budget.consume('c', points))),
    );
    expect(answers.map((answer) => answer.admitted)).toEqual([false, false, false]);
  });
});
