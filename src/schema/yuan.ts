// Amounts of money as clients send them: yuan, a GraphQL Float, with at most two decimals (fen).
// A number with more decimals is refused, never rounded: the amount a person typed is the amount
// kept. The checked amount travels to PostgreSQL as decimal text into a numeric column, so no
// binary fraction reaches the books.
import { badInput } from './errors';

/** numeric(14, 2) holds less than a trillion yuan. */
export const MAX_YUAN = 999_999_999_999.99;

/**
 * The amount as exact decimal text ('1234.5'), or BAD_USER_INPUT naming `field`: not a finite
 * number, below `min`, above MAX_YUAN, or with more than two decimals.
 */
export function yuan(amount: number, field: string, min = 0): string {
  if (!Number.isFinite(amount)) throw badInput(`${field} must be a number of yuan`, field);
  if (amount < min) throw badInput(`${field} must be at least ${min} yuan, got ${amount}`, field);
  if (amount > MAX_YUAN) {
    throw badInput(`${field} is ${amount} yuan: at most ${MAX_YUAN} can be recorded`, field);
  }
  // The shortest decimal that reads back as this double (ECMAScript's Number::toString): what
  // the client wrote, as JSON carried it. Below 1e21 it is never in exponent form for amounts
  // of at least 1e-6; smaller positive amounts have more than two decimals anyway.
  const text = String(amount);
  if (!/^\d+(\.\d{1,2})?$/.test(text)) {
    throw badInput(
      `${field} is ${text} yuan: amounts are in yuan with at most two decimals (fen), e.g. 1234.56 — it is not rounded for you`,
      field,
    );
  }
  return text;
}

/** A numeric column's text as a GraphQL Float. */
export const yuanOf = (value: string | null): number | null =>
  value === null ? null : Number(value);
