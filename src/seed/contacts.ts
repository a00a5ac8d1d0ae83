// Contact details in the real Chinese formats: landlines as 0AA(A)-NNNNNNNN with the provincial
// capital's area code for provincial centres, 400 service hotlines elsewhere, .org.cn addresses.
import { between, pick } from './deterministic';

/** Area code and city-centre coordinates of each provincial capital. */
export const PROVINCIAL_CAPITALS: Record<
  string,
  { areaCode: string; latitude: number; longitude: number }
> = {
  '11': { areaCode: '010', latitude: 39.9042, longitude: 116.4074 },
  '12': { areaCode: '022', latitude: 39.0842, longitude: 117.2009 },
  '13': { areaCode: '0311', latitude: 38.0428, longitude: 114.5149 },
  '14': { areaCode: '0351', latitude: 37.8706, longitude: 112.5489 },
  '15': { areaCode: '0471', latitude: 40.8414, longitude: 111.7519 },
  '21': { areaCode: '024', latitude: 41.8057, longitude: 123.4315 },
  '22': { areaCode: '0431', latitude: 43.8171, longitude: 125.3235 },
  '23': { areaCode: '0451', latitude: 45.8038, longitude: 126.5349 },
  '31': { areaCode: '021', latitude: 31.2304, longitude: 121.4737 },
  '32': { areaCode: '025', latitude: 32.0603, longitude: 118.7969 },
  '33': { areaCode: '0571', latitude: 30.2741, longitude: 120.1551 },
  '34': { areaCode: '0551', latitude: 31.8206, longitude: 117.2272 },
  '35': { areaCode: '0591', latitude: 26.0745, longitude: 119.2965 },
  '36': { areaCode: '0791', latitude: 28.6829, longitude: 115.8582 },
  '37': { areaCode: '0531', latitude: 36.6512, longitude: 117.1201 },
  '41': { areaCode: '0371', latitude: 34.7466, longitude: 113.6254 },
  '42': { areaCode: '027', latitude: 30.5928, longitude: 114.3055 },
  '43': { areaCode: '0731', latitude: 28.2282, longitude: 112.9388 },
  '44': { areaCode: '020', latitude: 23.1291, longitude: 113.2644 },
  '45': { areaCode: '0771', latitude: 22.817, longitude: 108.3665 },
  '46': { areaCode: '0898', latitude: 20.044, longitude: 110.1999 },
  '50': { areaCode: '023', latitude: 29.563, longitude: 106.5516 },
  '51': { areaCode: '028', latitude: 30.5728, longitude: 104.0668 },
  '52': { areaCode: '0851', latitude: 26.647, longitude: 106.6302 },
  '53': { areaCode: '0871', latitude: 25.0389, longitude: 102.7183 },
  '54': { areaCode: '0891', latitude: 29.652, longitude: 91.1721 },
  '61': { areaCode: '029', latitude: 34.3416, longitude: 108.9398 },
  '62': { areaCode: '0931', latitude: 36.0611, longitude: 103.8343 },
  '63': { areaCode: '0971', latitude: 36.6171, longitude: 101.7782 },
  '64': { areaCode: '0951', latitude: 38.4872, longitude: 106.2309 },
  '65': { areaCode: '0991', latitude: 43.8256, longitude: 87.6168 },
};

const STREETS = [
  '人民路',
  '中山路',
  '解放路',
  '建设路',
  '新华路',
  '和平路',
  '文化路',
  '长江路',
  '世纪大道',
  '友谊路',
  '迎宾大道',
  '科技路',
];

export function landline(areaCode: string, key: string): string {
  return `${areaCode}-${between(`${key}:landline`, 2, 8)}${String(between(`${key}:line`, 0, 9_999_999)).padStart(7, '0')}`;
}

export function hotline(key: string): string {
  return `400-${between(`${key}:hotline-a`, 100, 999)}-${String(between(`${key}:hotline-b`, 0, 9999)).padStart(4, '0')}`;
}

export function streetAddress(place: string, key: string): string {
  return `${place}${pick(`${key}:street`, STREETS)}${between(`${key}:number`, 1, 399)}号`;
}
