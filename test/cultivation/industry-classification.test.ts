// GB/T 4754-2017 (with amendment 1) as the API ships it: the table's shape, the codes clients
// type, the refusals that tell them what to type instead, and membership under a prefix.
import {
  allIndustries,
  industryDivisions,
  industryOf,
  industrySections,
  isUnderPrefix,
  parseIndustryCode,
} from '../../src/cultivation/industry-classification';

function refusal(input: string, coarsest?: 'section' | 'division') {
  try {
    parseIndustryCode(input, 'industryCode', coarsest);
  } catch (error) {
    const { code, field, message } = error as { code: string; field: string; message: string };
    return { code, field, message };
  }
  throw new Error(`'${input}' was accepted`);
}

const codesAt = (level: string) =>
  allIndustries()
    .filter((industry) => industry.level === level)
    .map((industry) => industry.code);

describe('the GB/T 4754-2017 table', () => {
  it('has 20 sections, 97 divisions, 473 groups and 1,382 classes', () => {
    expect(['section', 'division', 'group', 'class'].map((level) => codesAt(level).length)).toEqual(
      [20, 97, 473, 1382],
    );
    expect(allIndustries()).toHaveLength(20 + 97 + 473 + 1382);
    expect(new Set(allIndustries().map((industry) => industry.code)).size).toBe(1972);
  });

  it('writes each level as the section letter and 0, 2, 3 or 4 digits', () => {
    const shapes = { section: /^[A-T]$/, division: /^[A-T]\d{2}$/, group: /^[A-T]\d{3}$/ };
    const misshapen = allIndustries().filter(
      ({ code, level }) => !(level === 'class' ? /^[A-T]\d{4}$/ : shapes[level]).test(code),
    );
    expect(misshapen).toEqual([]);
    expect(industrySections().map((section) => section.code)).toEqual([...'ABCDEFGHIJKLMNOPQRST']);
  });

  it('numbers the divisions 01 to 97 once each, in section order', () => {
    expect(industryDivisions().map((division) => division.code.slice(1))).toEqual(
      Array.from({ length: 97 }, (_, index) => String(index + 1).padStart(2, '0')),
    );
    expect(industryDivisions('C').map((division) => division.code)).toEqual(
      Array.from({ length: 31 }, (_, index) => `C${index + 13}`),
    );
    expect(industryDivisions('T').map((division) => division.code)).toEqual(['T97']);
  });

  it.each([
    ['C', 'section', '制造业'],
    ['C36', 'division', '汽车制造业'],
    ['C367', 'group', '汽车零部件及配件制造'],
    ['C3670', 'class', '汽车零部件及配件制造'],
    ['A0111', 'class', '稻谷种植'],
    ['A0171', 'class', '中草药种植'],
    ['I65', 'division', '软件和信息技术服务业'],
    ['I6513', 'class', '应用软件开发'],
    ['C3741', 'class', '飞机制造'],
    ['C15', 'division', '酒、饮料和精制茶制造业'],
    ['C339', 'group', '铸造及其他金属制品制造'],
    ['R87', 'division', '广播、电视、电影和录音制作业'],
    ['L7289', 'class', '其他会议、会展及相关服务'],
    ['M7517', 'class', '三维（3D）打印技术推广服务'],
    ['S923', 'group', '监察委员会、人民法院和人民检察院'],
    ['S9231', 'class', '监察委员会'],
    ['S9233', 'class', '人民检察院'],
    ['T9700', 'class', '国际组织'],
  ])('names %s (%s) %s', (code, level, name) => {
    expect(industryOf(code)).toMatchObject({ code, level, name });
  });

  it('gives every class a group, a division and a section above it', () => {
    const broken = codesAt('class').filter((code) => {
      const ancestors = industryOf(code)?.ancestors ?? [];
      return (
        ancestors.map((ancestor) => ancestor.level).join() !== 'section,division,group' ||
        ancestors.some((ancestor) => !code.startsWith(ancestor.code))
      );
    });
    expect(broken).toEqual([]);
    expect(industryOf('C3670')?.ancestors.map((ancestor) => ancestor.code)).toEqual([
      'C',
      'C36',
      'C367',
    ]);
    expect(industryOf('C')?.ancestors).toEqual([]);
  });

  it('leaves no section, division or group without something below it', () => {
    const parents = new Set(allIndustries().map((industry) => industry.parent));
    expect(allIndustries().filter((i) => i.level !== 'class' && !parents.has(i.code))).toEqual([]);
  });

  it('keeps names trimmed and in the standard’s full-width brackets', () => {
    const untidy = allIndustries().filter(({ name }) => /^\s|\s$|[()]/u.test(name) || name === '');
    expect(untidy).toEqual([]);
  });

  it('knows no code outside the standard', () => {
    expect(industryOf('C3679')).toBeUndefined();
    expect(industryOf('c3670')).toBeUndefined();
  });
});

describe('parseIndustryCode', () => {
  it.each([
    ['C3670', 'C3670'],
    ['c3670', 'C3670'],
    [' C36 ', 'C36'],
    ['\ti6513\n', 'I6513'],
    ['a011', 'A011'],
    ['S9233', 'S9233'],
  ])('reads %p as %s', (input, code) => {
    expect(parseIndustryCode(input)).toBe(code);
  });

  it('takes a bare section only where the caller allows one, e.g. a cluster’s prefix', () => {
    expect(parseIndustryCode(' c ', 'prefixes', 'section')).toBe('C');
    expect(parseIndustryCode('C36', 'prefixes', 'section')).toBe('C36');
    expect(refusal('C').message).toBe(
      "industryCode 'C' is not a GB/T 4754-2017 code: write a section letter A–T followed by 2, 3 or 4 digits, e.g. C36, C367 or C3670",
    );
    expect(refusal('U', 'section').message).toBe(
      "industryCode 'U' is not a GB/T 4754-2017 code: section U does not exist: sections run A–T",
    );
  });

  it.each([
    '',
    ' ',
    '36',
    '3670',
    'C3',
    'C36701',
    'CC36',
    'C-36',
    'C 36',
    'C３６',
    'C36\0',
    '\0C36',
  ])('refuses %p as not shaped like a code', (input) => {
    expect(refusal(input)).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'industryCode',
      message: expect.stringContaining('write a section letter A–T followed by 2, 3 or 4 digits'),
    });
  });

  it('names the sections when the letter is not one', () => {
    expect(refusal('U36').message).toBe(
      "industryCode 'U36' is not a GB/T 4754-2017 code: section U does not exist: sections run A–T",
    );
  });

  it('says which divisions a section has when the division does not exist', () => {
    expect(refusal('C99').message).toBe(
      "industryCode 'C99' is not a GB/T 4754-2017 code: division 99 does not exist in section C (制造业), whose divisions run C13–C43",
    );
  });

  it('points a division of another section to the code it meant', () => {
    expect(refusal('C01').message).toBe(
      "industryCode 'C01' is not a GB/T 4754-2017 code: division 01 belongs to section A, not C: A01 (农业)",
    );
    expect(refusal('c0111').message).toBe(
      "industryCode 'c0111' is not a GB/T 4754-2017 code: division 01 belongs to section A, not C: A0111 (稻谷种植)",
    );
    expect(refusal('A36').message).toContain(
      'division 36 belongs to section C, not A: C36 (汽车制造业)',
    );
  });

  it('lists the groups or classes that do exist below the deepest code that does', () => {
    expect(refusal('C368').message).toBe(
      "industryCode 'C368' is not a GB/T 4754-2017 code: group C368 does not exist in division C36 (汽车制造业), whose groups are C361, C362, C363, C364, C365, C366, C367",
    );
    expect(refusal('C3679').message).toBe(
      "industryCode 'C3679' is not a GB/T 4754-2017 code: class C3679 does not exist in group C367 (汽车零部件及配件制造), whose classes are C3670",
    );
    expect(refusal('C3689').message).toContain('group C368 does not exist in division C36');
  });

  it('quotes only the start of a 10 kB value', () => {
    const { code, message } = refusal(`C36${'0'.repeat(10_000)}`);
    expect(code).toBe('BAD_USER_INPUT');
    expect(message).toContain(`'C36${'0'.repeat(37)}…' (10003 characters)`);
    expect(message.length).toBeLessThan(250);
  });

  it('names the field it was given', () => {
    expect(() => parseIndustryCode('C99', 'input.industryCode')).toThrow(
      expect.objectContaining({
        field: 'input.industryCode',
        message: expect.stringMatching(/^input\.industryCode 'C99'/),
      }),
    );
  });
});

describe('isUnderPrefix', () => {
  it.each(['C', 'C36', 'C367', 'C3670'])('puts C3670 under %s', (prefix) => {
    expect(isUnderPrefix('C3670', prefix)).toBe(true);
  });

  it.each(['A', 'C35', 'C37', 'C361', 'C3671', 'C3', 'c36', ''])(
    'keeps C3670 out of %p',
    (prefix) => {
      expect(isUnderPrefix('C3670', prefix)).toBe(false);
    },
  );

  it('puts nothing coarser under a finer prefix, and no unknown code under any', () => {
    expect(isUnderPrefix('C36', 'C3670')).toBe(false);
    expect(isUnderPrefix('C3679', 'C36')).toBe(false);
  });

  it('finds exactly the classes of a division under it', () => {
    const under = codesAt('class').filter((code) => isUnderPrefix(code, 'C36'));
    expect(under).toEqual(['C3611', 'C3612', 'C3620', 'C3630', 'C3640', 'C3650', 'C3660', 'C3670']);
  });
});
