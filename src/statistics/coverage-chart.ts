// The picture of coverage by province (npm run report, docs/coverage-by-province.svg): for each
// province, the share of its real prefectures with a municipal centre and of its county-level
// divisions with a county centre, as bars, with the national figure as a line. A pure function of
// the figures networkStatistics answers, so the chart is exactly what the API says.

export interface ProvinceCoverage {
  code: string;
  name: string;
  nameEn: string;
  prefectures: { regions: number; covered: number };
  counties: { regions: number; covered: number };
}

export interface CoverageChartData {
  country: {
    prefectures: { regions: number; covered: number };
    counties: { regions: number; covered: number };
  };
  provinces: ProvinceCoverage[];
}

const WIDTH = 880;
const ROW = 24;
const TOP = 92;
const LABEL = 240;
const BAR = 420;
const PREFECTURE_COLOUR = '#1f6fb2';
const COUNTY_COLOUR = '#9cc3e4';

/** Text as SVG shows it. */
export const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`,
  );
const percent = (covered: number, regions: number) =>
  regions === 0 ? 0 : Math.round((covered / regions) * 1000) / 10;

export function renderCoverageChart({ country, provinces }: CoverageChartData): string {
  const height = TOP + provinces.length * ROW + 40;
  const national = percent(country.prefectures.covered, country.prefectures.regions);
  const nationalX = LABEL + (BAR * national) / 100;
  const rows = provinces.map((province, index) => {
    const y = TOP + index * ROW;
    const prefecture = percent(province.prefectures.covered, province.prefectures.regions);
    const county = percent(province.counties.covered, province.counties.regions);
    const label = `<text x="${LABEL - 8}" y="${y + 14}" text-anchor="end">${escape(province.name)} <tspan fill="#666">${escape(province.nameEn)}</tspan></text>`;
    const prefectureBar =
      province.prefectures.regions === 0
        ? `<text x="${LABEL + 4}" y="${y + 11}" fill="#666" font-size="10">no real prefectures: counties belong to the province</text>`
        : `<rect x="${LABEL}" y="${y + 2}" width="${((BAR * prefecture) / 100).toFixed(1)}" height="11" fill="${PREFECTURE_COLOUR}"><title>${escape(province.name)}: ${province.prefectures.covered} of ${province.prefectures.regions} prefectures (${prefecture} %)</title></rect>`;
    const countyBar = `<rect x="${LABEL}" y="${y + 14}" width="${((BAR * county) / 100).toFixed(1)}" height="6" fill="${COUNTY_COLOUR}"><title>${escape(province.name)}: ${province.counties.covered} of ${province.counties.regions} counties (${county} %)</title></rect>`;
    const figures = `<text x="${LABEL + BAR + 10}" y="${y + 14}">${
      province.prefectures.regions === 0
        ? '—'
        : `${province.prefectures.covered}/${province.prefectures.regions} · ${prefecture} %`
    } <tspan fill="#666">(counties ${county} %)</tspan></text>`;
    return `  <g>${label}${prefectureBar}${countyBar}${figures}</g>`;
  });
  const ticks = [0, 25, 50, 75, 100].map((tick) => {
    const x = LABEL + (BAR * tick) / 100;
    return `  <line x1="${x}" y1="${TOP - 6}" x2="${x}" y2="${height - 36}" stroke="#ddd"/><text x="${x}" y="${TOP - 10}" text-anchor="middle" fill="#666" font-size="10">${tick} %</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif" font-size="12">
  <rect width="${WIDTH}" height="${height}" fill="#fff"/>
  <text x="16" y="26" font-size="16" font-weight="bold">Coverage of the SME service network by province · 中小企业公共服务网络覆盖率</text>
  <text x="16" y="46" fill="#444">Real prefectures with a municipal centre: ${country.prefectures.covered} of ${country.prefectures.regions} (${national} %) · county-level divisions with a county centre: ${country.counties.covered} of ${country.counties.regions} (${percent(country.counties.covered, country.counties.regions)} %)</text>
  <rect x="16" y="58" width="12" height="10" fill="${PREFECTURE_COLOUR}"/><text x="32" y="67">prefectures covered</text>
  <rect x="160" y="60" width="12" height="6" fill="${COUNTY_COLOUR}"/><text x="176" y="67">counties covered</text>
  <text x="320" y="67" fill="#b22">┆ national prefecture coverage</text>
${ticks.join('\n')}
${rows.join('\n')}
  <line x1="${nationalX.toFixed(1)}" y1="${TOP - 6}" x2="${nationalX.toFixed(1)}" y2="${height - 36}" stroke="#b22" stroke-dasharray="4 3"/>
  <text x="16" y="${height - 12}" fill="#888" font-size="10">From networkStatistics (npm run report): active PUBLIC centres; GB/T 2260 divisions, pseudo-prefectures not counted.</text>
</svg>
`;
}
