// The picture of the digital-transformation pilots (npm run report -- --pilots,
// docs/pilot-progress.svg): one row per pilot city, grouped by batch, its enterprises as a bar
// split by the stage each stands at — accepted, in transformation, diagnosed, enrolled,
// withdrawn — against the city's target. A pure function of the figures pilotCities answers.
import { escape } from './coverage-chart';

export interface PilotCityProgress {
  code: string;
  name: string;
  nameEn: string;
  batch: number;
  targetEnterprises: number;
  progress: {
    enrolled: number;
    diagnosed: number;
    inTransformation: number;
    accepted: number;
    withdrawn: number;
    subsidyPaidYuan: number;
  };
}

const WIDTH = 900;
const ROW = 14;
const TOP = 84;
const BATCH_GAP = 22;
const LABEL = 230;
const BAR = 480;

/** The stages as the bar shows them, from the furthest: each city's count of those standing there. */
const STAGES = [
  { name: 'accepted', colour: '#1a7f37', count: (p: PilotCityProgress['progress']) => p.accepted },
  {
    name: 'in transformation',
    colour: '#4c9be8',
    count: (p: PilotCityProgress['progress']) => p.inTransformation - p.accepted,
  },
  {
    name: 'diagnosed',
    colour: '#a9cdf2',
    count: (p: PilotCityProgress['progress']) => p.diagnosed - p.inTransformation,
  },
  {
    name: 'enrolled',
    colour: '#d9d9d9',
    count: (p: PilotCityProgress['progress']) => p.enrolled - p.diagnosed,
  },
  {
    name: 'withdrawn',
    colour: '#e8a0a0',
    count: (p: PilotCityProgress['progress']) => p.withdrawn,
  },
] as const;

export function renderPilotChart(cities: readonly PilotCityProgress[]): string {
  const sorted = [...cities].sort((a, b) => a.batch - b.batch || a.code.localeCompare(b.code));
  // The longest bar (enrolled and withdrawn, or the target) fills the track.
  const scale = Math.max(
    1,
    ...sorted.map((c) => Math.max(c.targetEnterprises, c.progress.enrolled + c.progress.withdrawn)),
  );
  const px = (n: number) => (BAR * n) / scale;
  const rows: string[] = [];
  let y = TOP;
  let batch: number | null = null;
  for (const city of sorted) {
    if (city.batch !== batch) {
      batch = city.batch;
      y += batch === sorted[0].batch ? 0 : BATCH_GAP / 2;
      const count = sorted.filter((c) => c.batch === batch).length;
      rows.push(
        `  <text x="16" y="${y + 10}" font-weight="bold">Batch ${batch} · ${count} cities</text>`,
      );
      y += BATCH_GAP - 6;
    }
    let x = LABEL;
    const segments = STAGES.map((stage) => {
      const n = stage.count(city.progress);
      const width = px(n);
      const rect = `<rect x="${x.toFixed(1)}" y="${y + 2}" width="${width.toFixed(1)}" height="10" fill="${stage.colour}"><title>${escape(city.name)}: ${n} ${stage.name}</title></rect>`;
      x += width;
      return rect;
    }).join('');
    const target = `<line x1="${(LABEL + px(city.targetEnterprises)).toFixed(1)}" y1="${y}" x2="${(LABEL + px(city.targetEnterprises)).toFixed(1)}" y2="${y + ROW}" stroke="#333"/>`;
    const label = `<text x="${LABEL - 8}" y="${y + 11}" text-anchor="end">${escape(city.name)} <tspan fill="#666">${escape(city.nameEn)}</tspan></text>`;
    const figures = `<text x="${LABEL + BAR + 10}" y="${y + 11}" fill="#444">${city.progress.accepted}/${city.targetEnterprises} accepted · ¥${(city.progress.subsidyPaidYuan / 1e6).toFixed(1)}M</text>`;
    rows.push(`  <g>${label}${segments}${target}${figures}</g>`);
    y += ROW;
  }
  const height = y + 36;
  const legend = STAGES.map(
    (stage, i) =>
      `<rect x="${16 + i * 130}" y="56" width="12" height="10" fill="${stage.colour}"/><text x="${32 + i * 130}" y="65">${stage.name}</text>`,
  ).join('');
  const totals = (count: (c: PilotCityProgress) => number) =>
    sorted.reduce((sum, c) => sum + count(c), 0);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif" font-size="11">
  <rect width="${WIDTH}" height="${height}" fill="#fff"/>
  <text x="16" y="24" font-size="16" font-weight="bold">Digital-transformation pilot cities · 中小企业数字化转型试点城市</text>
  <text x="16" y="44" fill="#444">${sorted.length} cities · ${totals((c) => c.progress.enrolled)} enterprises enrolled, ${totals((c) => c.progress.accepted)} accepted, ${totals((c) => c.progress.withdrawn)} withdrawn · the black tick is each city’s target</text>
  ${legend}
${rows.join('\n')}
  <text x="16" y="${height - 12}" fill="#888" font-size="10">From pilotCities (npm run report -- --pilots): each enterprise counted at the stage it stands at.</text>
</svg>
`;
}
