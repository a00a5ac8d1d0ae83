// English names of places: the official romanisations of the 31 provinces, reviewed overrides and
// pinyin for the rest, with the generic part translated (区 District, 自治州 Autonomous Prefecture …).
import { pinyin } from 'pinyin-pro';
import { PLACE_NAME_OVERRIDES } from './place-name-overrides';

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

// pinyin-pro (3.29) has no place-name mode. Its word dictionary reads many place names right (成都
// Chengdu, 六安 Lu'an, 番禺 Panyu, 铅山 Yanshan), not all (乐清 Leqing, 宁都 Ningdou). Its surname
// mode fixes 32 of the wrong polyphonic names (乐清, 单县, the 都 dū names) but breaks as many right
// ones (乐山 Yueshan, 东莞 Dongwan, 六盘水 Lupanshui), and `segmentit` changes none. `customPinyin`
// could take the readings but is global to the process and cannot say Harbin: hence the reviewed
// table of place-name-overrides.ts.
/** 东莞 → Dongguan, 西安 → Xi'an (apostrophe before a syllable starting with a vowel). */
export function romanise(chinese: string): string {
  const syllables = pinyin(chinese, { toneType: 'none', type: 'array' });
  const joined = syllables
    .map((syllable, index) => (index > 0 && /^[aoe]/.test(syllable) ? `'${syllable}` : syllable))
    .join('');
  return joined.charAt(0).toUpperCase() + joined.slice(1);
}

// 碑林区 is Beilin District and 清新区 Qingxin District: these places end in 林 and 新, which must
// not be read as 林区 (a forestry district, only 神农架林区) or 新区 (a new area).
const PLACES_ENDING_LIKE_A_GENERIC_PART = new Set([
  '万柏林',
  '金林',
  '北林',
  '新林',
  '碑林',
  '清新',
]);

/** Splits 黔东南苗族侗族自治州 into the place (黔东南) and its generic part (自治州). */
export function splitPlaceName(name: string): { place: string; generic: string } {
  const generic = genericPartOf(name);
  const place = name.slice(0, name.length - generic.length);
  return { place: generic.startsWith('自治') ? withoutPeoples(place) : place, generic };
}

function genericPartOf(name: string): string {
  if (PLACES_ENDING_LIKE_A_GENERIC_PART.has(name.slice(0, -1))) return name.slice(-1);
  const generic = GENERIC_PARTS.find(
    ([suffix]) => name.endsWith(suffix) && name.length > suffix.length,
  );
  return generic?.[0] ?? '';
}

/**
 * 黔东南苗族侗族 → 黔东南; 伊犁哈萨克 → 伊犁 (蒙古, 哈萨克, 柯尔克孜, 塔吉克 and 锡伯 come without 族
 * in a few names); 鄂温克族 → 鄂温克 (the people is the place).
 */
function withoutPeoples(place: string): string {
  for (let index = 1; index < place.length; index++) {
    const rest = place.slice(index);
    if (PEOPLES.some((people) => rest.startsWith(`${people}族`) || rest === people))
      return place.slice(0, index);
  }
  return place.replace(/族$/, '');
}

/**
 * 东城区 → Dongcheng District, 延边朝鲜族自治州 → Yanbian Autonomous Prefecture; the reviewed
 * overrides first: 乐清市 → Yueqing, 哈尔滨市 → Harbin, 兴安盟 → Hinggan League.
 */
export function englishPlaceName(name: string): string {
  const { place, generic } = splitPlaceName(name);
  const translated = GENERIC_PARTS.find(([suffix]) => suffix === generic)?.[1] ?? '';
  const placeEn = PLACE_NAME_OVERRIDES[name] ?? PLACE_NAME_OVERRIDES[place] ?? romanise(place);
  return [placeEn, translated].filter(Boolean).join(' ');
}
