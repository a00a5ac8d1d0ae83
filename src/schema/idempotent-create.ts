// One idempotent create for every mutation that takes an `idempotencyKey` (referrals, event
// registrations, and the programmes' to come): a retry of a request that went through gets what
// the first one made; the same key with a different request gets CONFLICT; of two concurrent
// twins, the one that loses the unique index's race answers as the retry it is. The row's table
// keeps the key and the request's hash under a unique (caller, key) constraint, and the insert
// says `ON CONFLICT ON CONSTRAINT … DO NOTHING`.
import { createHash } from 'node:crypto';
import type { Sql, SqlRunner, SqlTransaction } from '../db/sql';
import { conflict, quote } from './errors';

/** What makes a retry the same request: everything it asks for but the idempotency key itself. */
export const requestHash = (request: unknown): string =>
  createHash('sha256').update(JSON.stringify(request)).digest('hex');

export interface IdempotentRequest<T> {
  /** What the request creates, as the refusal names it: `referral`. */
  subject: string;
  idempotencyKey: string;
  /** `requestHash` of the request. */
  requestHash: string;
  /** The row this caller's key made, if any (read again once a concurrent twin has won). */
  existing(runner: SqlRunner): Promise<T | undefined>;
}

/** Thrown inside the transaction when a concurrent twin with the same key committed first. */
class LostIdempotencyRace extends Error {}

/**
 * Runs `create` in a transaction. It is handed `replay`, which turns a row the key already made
 * into the answer (or CONFLICT for a different request), and returns the row it made, or null
 * when its insert found the key taken: then its transaction rolls back, and the twin's row is
 * the answer.
 */
export async function createIdempotently<T extends { requestHash: string | null }>(
  sql: Sql,
  request: IdempotentRequest<T>,
  create: (transaction: SqlTransaction, replay: (existing: T) => T) => Promise<T | null>,
): Promise<T> {
  const replay = (existing: T): T => {
    if (existing.requestHash !== request.requestHash) {
      throw conflict(
        `idempotencyKey ${quote(request.idempotencyKey)} was already used for a different ${request.subject}: use a new key for a new request`,
      );
    }
    return existing;
  };
  try {
    return await sql.transaction(async (transaction) => {
      const created = await create(transaction, replay);
      if (created === null) throw new LostIdempotencyRace();
      return created;
    });
  } catch (error) {
    if (!(error instanceof LostIdempotencyRace)) throw error;
    return replay((await request.existing(sql))!);
  }
}
