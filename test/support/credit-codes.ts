// Unified Social Credit Codes for tests, written from the standards and not from
// src/referrals/credit-code.ts, so that a test of that module never checks it against itself.
//
// GB 32100-2015: 18 characters from 0-9 A-H J-N P-R T U W-Y (31 characters, valued 0..30 in that
// order); the 18th is the check character C18 = 31 - (Σ value(i) × 3^i mod 31) mod 31 over the
// first 17 (i from 0), where 31 stands for 0. Characters 9-17 are the organisation code of
// GB 11714-1997: 8 characters and their own check character, 11 - (Σ value × [3,7,9,10,5,8,4,2]
// mod 11), where 10 is written X and 11 is written 0 (letters are valued A=10 … Z=35).
import { createHash } from 'node:crypto';

const GB32100_CHARACTERS = [
  ...'0123456789',
  ...'ABCDEFGH',
  ...'JKLMN',
  ...'PQR',
  ...'TU',
  ...'WXY',
].join('');

/** The GB 32100-2015 check character of the first 17 characters of a code. */
export function gb32100CheckCharacter(first17: string): string {
  if (first17.length !== 17) throw new Error(`expected 17 characters, got '${first17}'`);
  let sum = 0;
  let weight = 1; // 3^0
  for (const character of first17) {
    const value = GB32100_CHARACTERS.indexOf(character);
    if (value < 0) throw new Error(`'${character}' is not a GB 32100 character`);
    sum += value * weight;
    weight = (weight * 3) % 31;
  }
  return GB32100_CHARACTERS[(31 - (sum % 31)) % 31];
}

/** The GB 11714-1997 check character of an 8-character organisation code body. */
export function gb11714CheckCharacter(body8: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  [...body8].forEach((character, index) => {
    sum += parseInt(character, 36) * weights[index];
  });
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/** True when both check characters of a code are right (the code may still be unassigned). */
export function isWellFormedCreditCode(code: string): boolean {
  return (
    code.length === 18 &&
    gb32100CheckCharacter(code.slice(0, 17)) === code[17] &&
    gb11714CheckCharacter(code.slice(8, 16)) === code[16]
  );
}

/**
 * Codes printed on the business licences of well-known companies (国家企业信用信息公示系统),
 * and the worked example of GB 32100-2015. Both check characters of each are verified by the
 * functions above in test/referrals/credit-code.test.ts.
 */
export const PUBLISHED_CREDIT_CODES: readonly [code: string, holder: string][] = [
  ['91350100M000100Y43', 'the worked example of GB 32100-2015'],
  ['914403001922038216', '华为技术有限公司'],
  ['9144030071526726XG', '深圳市腾讯计算机系统有限公司'],
  ['91330100799655058B', '阿里巴巴（中国）有限公司'],
  ['91110108551385082Q', '小米科技有限责任公司'],
  ['91110000802100433B', '北京百度网讯科技有限公司'],
  ['911101085923662400', '北京字节跳动科技有限公司'],
  ['91440300192317458F', '比亚迪股份有限公司'],
  ['91350900587527783P', '宁德时代新能源科技股份有限公司'],
  ['914403007954257495', '深圳市大疆创新科技有限公司'],
  ['9144030027939873X7', '中兴通讯股份有限公司'],
  ['91440400192548256N', '珠海格力电器股份有限公司'],
  ['91440606722473344C', '美的集团股份有限公司'],
  ['91370200264574251E', '海尔智家股份有限公司'],
  ['91310000132260250X', '上海汽车集团股份有限公司'],
  ['91440300192181490G', '万科企业股份有限公司'],
  ['91520000214434146R', '贵州茅台酒股份有限公司'],
  ['91440300100012316L', '中国平安保险（集团）股份有限公司'],
  ['9144030010001686XA', '招商银行股份有限公司'],
  ['91100000100003962T', '中国工商银行股份有限公司'],
  ['911100001000044477', '中国建设银行股份有限公司'],
  ['911000001000013428', '中国银行股份有限公司'],
  ['911100001000054748', '中国农业银行股份有限公司'],
  ['91110000710926094P', '中国石油化工股份有限公司'],
];

const ORGANISATION_CHARACTERS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/**
 * A well-formed code (a company registered in Dongguan) that belongs to `owner` alone: its
 * organisation code is derived from a hash of `owner` and `n`, so that test files, and tests
 * within a file, each upsert enterprises of their own.
 */
export function creditCodeFor(owner: string, n: number | string = 0): string {
  const digest = createHash('sha256').update(`${owner}#${n}`).digest();
  const body = [...digest.subarray(0, 8)]
    .map((byte) => ORGANISATION_CHARACTERS[byte % ORGANISATION_CHARACTERS.length])
    .join('');
  const first17 = `91441900${body}${gb11714CheckCharacter(body)}`;
  return first17 + gb32100CheckCharacter(first17);
}
