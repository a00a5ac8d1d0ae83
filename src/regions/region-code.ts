// GB/T 2260 codes as clients type them: 44 (province), 4419 (prefecture) or 441900 all name
// divisions; the API answers with the six-digit form.
import { badInput, quote } from '../schema/errors';

const REGION_CODE = /^[1-9][0-9](?:[0-9]{2}){0,2}$/;

/** '44' → '440000', '4419' → '441900'; BAD_USER_INPUT naming `field` for anything else. */
export function normalizeRegionCode(input: string, field = 'code'): string {
  const code = input.trim();
  if (!REGION_CODE.test(code)) {
    throw badInput(
      `${field} ${quote(input)} is not a GB/T 2260 code: use 2, 4 or 6 digits, e.g. 44, 4419 or 441900`,
      field,
    );
  }
  return code.padEnd(6, '0');
}

/**
 * The codes of a region and every region below it, as an inclusive range: 440000 covers
 * 440000–449999, 441900 covers 441900–441999, a county only itself. Counties under a
 * pseudo-prefecture (4290xx) still fall in their province's range.
 */
export function regionCodeRange(code: string): [string, string] {
  if (code.endsWith('0000')) return [code, `${code.slice(0, 2)}9999`];
  if (code.endsWith('00')) return [code, `${code.slice(0, 4)}99`];
  return [code, code];
}

/**
 * regionCodeRange in SQL: whether the region coded `outer` (a province, a prefecture or a county)
 * is or contains the region coded `inner` (SQL expressions; false for a null `inner`).
 */
export const regionContainsSql = (outer: string, inner: string) =>
  `CASE WHEN ${outer} LIKE '__0000' THEN left(${inner}, 2) = left(${outer}, 2)
        WHEN ${outer} LIKE '____00' THEN left(${inner}, 4) = left(${outer}, 4)
        ELSE ${inner} = ${outer} END`;

/** The whole country as an area of the statistics: every region, and rows with none. */
export const WHOLE_COUNTRY = '000000';

/** An area's range of region codes: WHOLE_COUNTRY covers them all, a region as regionCodeRange. */
export function areaCodeRange(area: string): [string, string] {
  return area === WHOLE_COUNTRY ? [WHOLE_COUNTRY, '999999'] : regionCodeRange(area);
}
