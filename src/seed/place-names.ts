// English names of places: the official romanisations of the 31 provinces, pinyin for the rest
// with the generic part translated (区 District, 县 County, 自治州 Autonomous Prefecture …).
import { pinyin } from 'pinyin-pro';

export const PROVINCE_NAMES_EN: Record<string, string> = {
  '11': 'Beijing',
  '12': 'Tianjin',
  '13': 'Hebei',
  '14': 'Shanxi',
  '15': 'Inner Mongolia',
  '21': 'Liaoning',
  '22': 'Jilin',
  '23': 'Heilongjiang',
  '31': 'Shanghai',
  '32': 'Jiangsu',
  '33': 'Zhejiang',
  '34': 'Anhui',
  '35': 'Fujian',
  '36': 'Jiangxi',
  '37': 'Shandong',
  '41': 'Henan',
  '42': 'Hubei',
  '43': 'Hunan',
  '44': 'Guangdong',
  '45': 'Guangxi',
  '46': 'Hainan',
  '50': 'Chongqing',
  '51': 'Sichuan',
  '52': 'Guizhou',
  '53': 'Yunnan',
  '54': 'Tibet',
  '61': 'Shaanxi',
  '62': 'Gansu',
  '63': 'Qinghai',
  '64': 'Ningxia',
  '65': 'Xinjiang',
};

// Longest first, so that 自治县 wins over 县. The development zones are county-level units of
// the NBS statistical codes (e.g. 130171 石家庄高新技术产业开发区).
const GENERIC_PARTS: [string, string][] = [
  ['高新技术产业开发区', 'High-tech Industrial Development Zone'],
  ['经济技术开发区', 'Economic and Technological Development Zone'],
  ['综合改革示范区', 'Comprehensive Reform Demonstration Zone'],
  ['循环化工园区', 'Circular Chemical Industry Park'],
  ['经济开发区', 'Economic Development Zone'],
  ['工业园区', 'Industrial Park'],
  ['开发区', 'Development Zone'],
  ['管理区', 'Administrative Zone'],
  ['示范区', 'Demonstration Zone'],
  ['新城', 'New Town'],
  ['自治州', 'Autonomous Prefecture'],
  ['自治县', 'Autonomous County'],
  ['自治旗', 'Autonomous Banner'],
  ['林区', 'Forestry District'],
  ['特区', 'Special District'],
  ['地区', 'Prefecture'],
  ['新区', 'New Area'],
  ['区', 'District'],
  ['县', 'County'],
  ['旗', 'Banner'],
  ['盟', 'League'],
  ['市', ''],
];

// Peoples named in the names of autonomous areas (黔东南苗族侗族自治州 → 黔东南).
const PEOPLES = [
  '蒙古',
  '维吾尔',
  '哈萨克',
  '柯尔克孜',
  '塔吉克',
  '达斡尔',
  '鄂温克',
  '鄂伦春',
  '土家',
  '布依',
  '朝鲜',
  '傈僳',
  '拉祜',
  '纳西',
  '景颇',
  '仫佬',
  '毛南',
  '仡佬',
  '东乡',
  '撒拉',
  '保安',
  '裕固',
  '锡伯',
  '普米',
  '独龙',
  '哈尼',
  '回',
  '藏',
  '苗',
  '彝',
  '壮',
  '满',
  '侗',
  '瑶',
  '白',
  '傣',
  '黎',
  '佤',
  '畲',
  '水',
  '土',
  '羌',
  '布朗',
  '怒',
  '各',
];

/** 东莞 → Dongguan, 西安 → Xi'an (apostrophe before a syllable starting with a vowel). */
export function romanise(chinese: string): string {
  const syllables = pinyin(chinese, { toneType: 'none', type: 'array' });
  const joined = syllables
    .map((syllable, index) => (index > 0 && /^[aoe]/.test(syllable) ? `'${syllable}` : syllable))
    .join('');
  return joined.charAt(0).toUpperCase() + joined.slice(1);
}

/** Splits 黔东南苗族侗族自治州 into the place (黔东南) and its generic part (自治州). */
export function splitPlaceName(name: string): { place: string; generic: string } {
  const generic = GENERIC_PARTS.find(
    ([suffix]) => name.endsWith(suffix) && name.length > suffix.length,
  );
  if (!generic) return { place: name, generic: '' };
  let place = name.slice(0, name.length - generic[0].length);
  if (generic[0].startsWith('自治')) {
    const cut = firstPeopleIndex(place);
    if (cut > 0) place = place.slice(0, cut);
  }
  return { place, generic: generic[0] };
}

function firstPeopleIndex(name: string): number {
  for (let index = 1; index < name.length; index++) {
    if (PEOPLES.some((people) => name.startsWith(`${people}族`, index))) return index;
  }
  return -1;
}

/** 东城区 → Dongcheng District, 东莞市 → Dongguan, 延边朝鲜族自治州 → Yanbian Autonomous Prefecture. */
export function englishPlaceName(name: string): string {
  const { place, generic } = splitPlaceName(name);
  const translated = GENERIC_PARTS.find(([suffix]) => suffix === generic)?.[1] ?? '';
  return [romanise(place), translated].filter(Boolean).join(' ');
}
