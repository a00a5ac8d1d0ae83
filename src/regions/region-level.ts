// The three GB/T 2260 levels, spelled the same in TypeScript, GraphQL and PostgreSQL.
import { registerEnumType } from 'type-graphql';

/** GB/T 2260 level of an administrative division. */
export enum RegionLevel {
  PROVINCE = 'PROVINCE',
  PREFECTURE = 'PREFECTURE',
  COUNTY = 'COUNTY',
}

registerEnumType(RegionLevel, {
  name: 'RegionLevel',
  description: 'GB/T 2260 level: province, prefecture-level division or county-level division.',
  valuesConfig: {
    PROVINCE: { description: 'Province, autonomous region or municipality (e.g. 440000 广东省).' },
    PREFECTURE: {
      description:
        'Real prefecture-level division (e.g. 441900 东莞市); pseudo-prefectures are not regions.',
    },
    COUNTY: { description: 'County-level division (e.g. 110101 东城区, 429004 仙桃市).' },
  },
});
