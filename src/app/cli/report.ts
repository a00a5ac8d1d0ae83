// npm run report [-- --out FILE]: draws the coverage of the network by province, from
// networkStatistics, as an SVG chart (by default reports/coverage-by-province.svg, untracked: the
// chart the README shows, docs/coverage-by-province.svg, is drawn from the seeded network and a
// test keeps it so, so a report of an imported network must not overwrite it unasked).
// Works on DATABASE_URL, the embedded cluster `npm start` is running, or one started for it.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config';
import { createLogger } from '../../logger';
import { coverageChart } from '../coverage-report';
import { createReferenceData } from '../reference-data';
import { withToolDatabase } from './tool-database';

const DEFAULT_REPORT = 'reports/coverage-by-province.svg';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string', default: DEFAULT_REPORT } } });
  const config = loadConfig();
  const log = createLogger(config.logLevel, undefined, config.logFormat);
  await withToolDatabase({ config, log, applicationName: 'sme-network-report' }, async (sql) => {
    const svg = await coverageChart(sql, createReferenceData(sql));
    await mkdir(path.dirname(values.out!), { recursive: true });
    await writeFile(values.out!, svg);
    console.log(`wrote ${values.out}`);
  });
}

main().catch((error: Error) => {
  console.error(`report failed: ${error.message}`);
  process.exit(1);
});
