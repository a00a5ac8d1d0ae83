import {
  CREDIT_CODE_ALPHABET,
  creditCodeCheckCharacter,
  parseCreditCode,
} from '../../src/referrals/credit-code';
import { validCreditCode } from '../support/referral-fixtures';

// Published codes of well-known companies (business licences, 国家企业信用信息公示系统).
const PUBLISHED = [
  '914403001922038216', // 华为技术有限公司
  '9144030071526726XG', // 深圳市腾讯计算机系统有限公司
  '91330100799655058B', // 阿里巴巴（中国）有限公司
  '91350100M000100Y43', // the example printed in GB 32100-2015
];

const computed = Array.from({ length: 40 }, (_, seed) => validCreditCode(seed + 1));

describe('Unified Social Credit Code (GB 32100-2015)', () => {
  it.each([...PUBLISHED, ...computed])('accepts %s', (code) => {
    expect(parseCreditCode(code)).toBe(code);
  });

  it('accepts lower case and surrounding spaces, answering in canonical form', () => {
    expect(parseCreditCode(' 9144030071526726xg ')).toBe('9144030071526726XG');
  });

  it('rejects every single-character corruption of a valid code', () => {
    for (const code of [...PUBLISHED, ...computed.slice(0, 5)]) {
      for (let position = 0; position < 18; position++) {
        for (const replacement of CREDIT_CODE_ALPHABET) {
          if (replacement === code[position]) continue;
          const corrupted = code.slice(0, position) + replacement + code.slice(position + 1);
          expect(() => parseCreditCode(corrupted)).toThrow(/check character should be/);
        }
      }
    }
  });

  it('says when the length is wrong', () => {
    expect(() => parseCreditCode('91440300192203821')).toThrow(
      'creditCode must be 18 characters (GB 32100-2015), got 17',
    );
  });

  it.each(['I', 'O', 'Z', 'S', 'V', '-'])(
    'says which character is outside the alphabet (%s)',
    (character) => {
      const code = `91440300192203821${character}`;
      expect(() => parseCreditCode(code)).toThrow(`creditCode has '${character}' at position 18`);
    },
  );

  it('computes the check character with the weights of the standard', () => {
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
  });
});
