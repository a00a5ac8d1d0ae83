import { englishPlaceName, romanise } from '../../src/seed/place-names';

describe('English place names', () => {
  it.each([
    ['东莞市', 'Dongguan'],
    ['东城区', 'Dongcheng District'],
    ['博罗县', 'Boluo County'],
    ['西安市', "Xi'an"],
    ['神农架林区', 'Shennongjia Forestry District'],
    ['延边朝鲜族自治州', 'Yanbian Autonomous Prefecture'],
    ['黔东南苗族侗族自治州', 'Qiandongnan Autonomous Prefecture'],
    ['阿拉善盟', 'Alashan League'],
    ['阿克苏地区', 'Akesu Prefecture'],
    ['石家庄高新技术产业开发区', 'Shijiazhuang High-tech Industrial Development Zone'],
  ])('%s → %s', (chinese, english) => {
    expect(englishPlaceName(chinese)).toBe(english);
  });

  it('marks syllable boundaries before a vowel', () => {
    expect(romanise('六安')).toBe("Lu'an");
  });
});
