// Unified Social Credit Codes (GB 32100-2015), checked against codes companies really carry and
// against a check-character implementation written in test/support/credit-codes.ts from the
// standard, never against the production function itself.
import { createHash } from 'node:crypto';
import { creditCodeCheckCharacter, parseCreditCode } from '../../src/referrals/credit-code';
import {
  PUBLISHED_CREDIT_CODES,
  gb11714CheckCharacter,
  gb32100CheckCharacter,
  isWellFormedCreditCode,
} from '../support/credit-codes';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const PUBLISHED = PUBLISHED_CREDIT_CODES.map(([code]) => code);

/** `count` deterministic strings of `length` characters of the alphabet (from SHA-256, not Math.random). */
function bodies(count: number, length: number, salt: string): string[] {
  return Array.from({ length: count }, (_, n) => {
    const digest = createHash('sha256').update(`${salt}${n}`).digest();
    return Array.from({ length }, (_, i) => ALPHABET[digest[i] % 31]).join('');
  });
}

/** Well-formed codes made by the independent implementation, of every kind of organisation. */
const GENERATED = bodies(200, 17, 'generated').map(
  (first17) => first17 + gb32100CheckCharacter(first17),
);

describe('the oracle of these tests', () => {
  it('computes the worked example of GB 32100-2015 (91350100M000100Y4 → 3)', () => {
    expect(gb32100CheckCharacter('91350100M000100Y4')).toBe('3');
    expect(gb11714CheckCharacter('M000100Y')).toBe('4');
  });

  it.each(PUBLISHED_CREDIT_CODES)('finds both check characters of %s (%s) right', (code) => {
    expect(isWellFormedCreditCode(code)).toBe(true);
  });
});

describe('parseCreditCode', () => {
  it.each(PUBLISHED_CREDIT_CODES)('accepts the published code %s (%s)', (code) => {
    expect(parseCreditCode(code)).toBe(code);
  });

  it('accepts every code whose check character the standard’s algorithm gives', () => {
    for (const code of GENERATED) expect([code, parseCreditCode(code)]).toEqual([code, code]);
  });

  it('agrees with the standard on the check character of any 17 characters', () => {
    for (const first17 of bodies(2000, 17, 'differential'))
      expect([first17, creditCodeCheckCharacter(first17)]).toEqual([
        first17,
        gb32100CheckCharacter(first17),
      ]);
  });

  it('computes 0 as the check character when the weighted sum is a multiple of 31', () => {
    expect(gb32100CheckCharacter('91110108592366240')).toBe('0');
    expect(creditCodeCheckCharacter('91110108592366240')).toBe('0');
    expect(parseCreditCode('911101085923662400')).toBe('911101085923662400');
  });

  it('accepts lower case and surrounding spaces, answering in canonical form', () => {
    expect(parseCreditCode(' 9144030071526726xg ')).toBe('9144030071526726XG');
    expect(parseCreditCode('\t91350100m000100y43\n')).toBe('91350100M000100Y43');
  });

  it('rejects every single-character corruption of a valid code, naming the right check character', () => {
    for (const code of [...PUBLISHED, ...GENERATED.slice(0, 5)]) {
      for (let position = 0; position < 18; position++) {
        for (const replacement of ALPHABET) {
          if (replacement === code[position]) continue;
          const corrupted = code.slice(0, position) + replacement + code.slice(position + 1);
          const expected = gb32100CheckCharacter(corrupted.slice(0, 17));
          expect(() => parseCreditCode(corrupted)).toThrow(
            `creditCode ends in '${corrupted[17]}' but its check character should be '${expected}': the code is mistyped`,
          );
        }
      }
    }
  });

  it('rejects every swap of two neighbouring, different characters among the first 17', () => {
    for (const code of [...PUBLISHED, ...GENERATED.slice(0, 20)]) {
      for (let position = 0; position < 16; position++) {
        if (code[position] === code[position + 1]) continue;
        const swapped =
          code.slice(0, position) + code[position + 1] + code[position] + code.slice(position + 2);
        expect(() => parseCreditCode(swapped)).toThrow(/check character should be/);
      }
    }
  });

  it.each([
    ['91440300192203821', 17],
    ['9144030019220382166', 19],
    ['', 0],
    ['   ', 0],
  ])('says when the length is wrong (%p)', (code, length) => {
    expect(() => parseCreditCode(code)).toThrow(
      `creditCode must be 18 characters (GB 32100-2015), got ${length}`,
    );
  });

  it.each([
    ['I14403001922038216', 'I', 1],
    ['9144030019220382O6', 'O', 17],
    ['91440300192203821Z', 'Z', 18],
    ['9144S3001922038216', 'S', 5],
    ['91440300V922038216', 'V', 9],
    ['914403001922-38216', '-', 13],
  ])('says which character is outside the alphabet (%s)', (code, character, position) => {
    expect(() => parseCreditCode(code)).toThrow(
      `creditCode has '${character}' at position ${position}: a credit code uses digits and capital letters except I, O, Z, S and V`,
    );
  });

  it('names the field it was given, as BAD_USER_INPUT', () => {
    const refusal = (input: string) => {
      try {
        parseCreditCode(input, 'enterprise.creditCode');
      } catch (error) {
        return error as { message: string; code: string; field: string };
      }
      throw new Error(`${input} was accepted`);
    };
    for (const input of ['123', '91440300192203821I', '914403001922038217']) {
      const error = refusal(input);
      expect(error.message).toMatch(/^enterprise\.creditCode /);
      expect({ code: error.code, field: error.field }).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'enterprise.creditCode',
      });
    }
  });
});
