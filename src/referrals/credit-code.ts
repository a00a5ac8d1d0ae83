// The Unified Social Credit Code of GB 32100-2015: 18 characters from a 31-character alphabet
// (digits and capitals without I, O, Z, S, V), the last one a check character computed with
// weights 3^(i) mod 31 over the first 17 (modulus 31).
import { badInput } from '../schema/errors';

export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character for the first 17 characters of a code. */
export function creditCodeCheckCharacter(first17: string): string {
  const sum = [...first17].reduce(
    (total, character, index) => total + CREDIT_CODE_ALPHABET.indexOf(character) * WEIGHTS[index],
    0,
  );
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31];
}

/** The code in canonical form (trimmed, upper case); BAD_USER_INPUT saying what is wrong. */
export function parseCreditCode(input: string, field = 'creditCode'): string {
  const code = input.trim().toUpperCase();
  if (code.length !== 18) {
    throw badInput(`${field} must be 18 characters (GB 32100-2015), got ${code.length}`, field);
  }
  const foreign = [...code].findIndex((character) => !CREDIT_CODE_ALPHABET.includes(character));
  if (foreign >= 0) {
    throw badInput(
      `${field} has '${code[foreign]}' at position ${foreign + 1}: a credit code uses digits and capital letters except I, O, Z, S and V`,
      field,
    );
  }
  const expected = creditCodeCheckCharacter(code.slice(0, 17));
  if (code[17] !== expected) {
    throw badInput(
      `${field} ends in '${code[17]}' but its check character should be '${expected}': the code is mistyped`,
      field,
    );
  }
  return code;
}
