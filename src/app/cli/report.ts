// npm run report [-- --pilots] [-- --out FILE]: draws the coverage of the network by province, from
// networkStatistics, as an SVG chart (by default reports/coverage-by-province.svg, untracked: the
// chart the README shows, docs/coverage-by-province.svg, is drawn from the seeded network and a
// test keeps it so, so a report of an imported network must not overwrite it unasked).
// With --pilots it draws each pilot city's enterprises by stage instead, from pilotCities (by
// default reports/pilot-progress.svg; the README's is docs/pilot-progress.svg).
// Works on DATABASE_URL, the embedded cluster `npm start` is running, or one started for it.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config';
import { createLogger } from '../../logger';
import { coverageChart } from '../coverage-report';
import { pilotChart } from '../pilot-report';
import { createReferenceData } from '../reference-data';
import { withToolDatabase } from './tool-database';

const DEFAULT_REPORT = 'reports/coverage-by-province.svg';
const DEFAULT_PILOT_REPORT = 'reports/pilot-progress.svg';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { out: { type: 'string' }, pilots: { type: 'boolean', default: false } },
  });
  const out = values.out ?? (values.pilots ? DEFAULT_PILOT_REPORT : DEFAULT_REPORT);
  const config = loadConfig();
  const log = createLogger(config.logLevel, undefined, config.logFormat);
  await withToolDatabase({ config, log, applicationName: 'sme-network-report' }, async (sql) => {
    const reference = createReferenceData(sql);
    const svg = values.pilots
      ? await pilotChart(sql, reference)
      : await coverageChart(sql, reference);
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, svg);
    console.log(`wrote ${out}`);
  });
}

main().catch((error: Error) => {
  console.error(`report failed: ${error.message}`);
  process.exit(1);
});
