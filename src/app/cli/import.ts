// npm run import -- <file.csv> [--dry-run]: creates or updates institutions and services from a
// CSV file (layout: README, "Importing the real directory") with the engine importNetwork uses —
// UTF-8 or GB18030/GBK, as Excel and WPS save CSV on Chinese systems (csv-encoding.ts);
// nothing is written if any row fails, and the first 100 problems are printed by line and column
// (with the count of the rest). Works on DATABASE_URL, the embedded cluster `npm start` is
// running, or a cluster started for it.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { consoleActor } from '../../db/audit-trail';
import { loadConfig } from '../../config';
import { createLogger } from '../../logger';
import { decodeImportFile, type ImportText } from '../../network-import/csv-encoding';
import { importNetwork } from '../../network-import/network-import';
import { createReferenceData } from '../reference-data';
import { migrateUnderLock, withToolDatabase } from './tool-database';

const USAGE = 'usage: npm run import -- <file.csv> [--dry-run]';

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean', default: false } },
  });
  if (positionals.length !== 1) {
    console.error(USAGE);
    return 2;
  }
  const file = positionals[0];
  const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new Error(
      `cannot read ${file} (${error.code ?? error.message}): give the path of a CSV file`,
    );
  });
  let decoded: ImportText;
  try {
    decoded = decodeImportFile(bytes);
  } catch (error) {
    console.error(`${file}: ${(error as Error).message}`);
    return 1;
  }
  // Said, so that a file that was not meant to be Chinese (Latin-1, say) is noticed on a dry run.
  if (decoded.encoding !== 'UTF-8')
    console.log(`${file}: read as ${decoded.encoding} (GBK), not UTF-8`);
  const config = loadConfig();
  const log = createLogger(config.logLevel, undefined, config.logFormat);
  return withToolDatabase({ config, log, applicationName: 'sme-network-import' }, async (sql) => {
    await migrateUnderLock(sql);
    const reference = createReferenceData(sql);
    const started = Date.now();
    const report = await importNetwork({
      sql,
      regions: reference.regions,
      taxonomy: reference.taxonomy,
      actor: consoleActor('import'),
      csv: decoded.text,
      dryRun: values['dry-run'] ?? false,
      source: path.basename(file),
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    for (const error of report.errors) {
      console.error(
        `${file}:${error.line}${error.field ? ` ${error.field}` : ''}: ${error.message}`,
      );
    }
    if (report.unlistedErrors > 0)
      console.error(`${file}: … and ${report.unlistedErrors} more problem(s) not listed`);
    const problems = report.errors.length + report.unlistedErrors;
    const outcome =
      problems > 0
        ? `${problems} problem(s): nothing written`
        : report.dryRun
          ? 'dry run: nothing written'
          : report.created + report.updated === 0
            ? 'nothing to change: the network is already as the file says'
            : 'written in one transaction';
    console.log(
      `${report.rows} rows: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged — ${outcome} (${seconds} s)`,
    );
    return problems > 0 ? 1 : 0;
  });
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`import failed: ${error.message}`);
    process.exit(1);
  },
);
