// GB/T 2260 codes as clients type them, and the code ranges that stand for "this region and below".
import { normalizeRegionCode, regionCodeRange } from '../../src/regions/region-code';

function refusal(input: string, field?: string) {
  try {
    normalizeRegionCode(input, field);
  } catch (error) {
    const {
      code,
      field: named,
      message,
    } = error as { code: string; field: string; message: string };
    return { code, field: named, message };
  }
  throw new Error(`'${input}' was accepted`);
}

describe('normalizeRegionCode', () => {
  it.each([
    ['44', '440000'],
    ['4419', '441900'],
    ['441900', '441900'],
    ['110101', '110101'],
    ['10', '100000'],
    ['99', '990000'],
    ['9999', '999900'],
    [' 4419 ', '441900'],
    ['\t650102\n', '650102'],
  ])('reads %p as %s', (input, code) => {
    expect(normalizeRegionCode(input)).toBe(code);
  });

  it.each([
    '',
    ' ',
    '4',
    '441',
    '44190',
    '4419001',
    '04',
    '0419',
    '000000',
    '4a',
    '44 19',
    'x44',
    '44x',
    '４４',
    '44.0',
  ])('refuses %p, saying what a code looks like', (input) => {
    expect(refusal(input)).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'code',
      message: `code '${input}' is not a GB/T 2260 code: use 2, 4 or 6 digits, e.g. 44, 4419 or 441900`,
    });
  });

  it('names the field it was given', () => {
    expect(refusal('4419001', 'filter.regionCode')).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'filter.regionCode',
      message:
        "filter.regionCode '4419001' is not a GB/T 2260 code: use 2, 4 or 6 digits, e.g. 44, 4419 or 441900",
    });
  });
});

describe('regionCodeRange', () => {
  it.each([
    ['440000', ['440000', '449999']],
    ['110000', ['110000', '119999']],
    ['441900', ['441900', '441999']],
    ['650100', ['650100', '650199']],
    ['650102', ['650102', '650102']],
    ['429004', ['429004', '429004']],
    ['441910', ['441910', '441910']],
    ['440100', ['440100', '440199']],
  ])('covers %s with %p', (code, range) => {
    expect(regionCodeRange(code)).toEqual(range);
  });
});
