// The import engine shared by `npm run import` and the importNetwork mutation: reads the file,
// checks every row, plans against the network as it stands and — only when no row has a problem
// and it is not a dry run — writes the whole file in one transaction with its audit entries (one
// `network.import`, one `network.import.row` per created or changed row). A file that changes
// nothing writes nothing, not even an audit entry, and says so in its report.
import { publishChange } from '../db/change-feed';
import { recordAudit, type AuditActor, type AuditRecord } from '../db/audit-trail';
import type { Sql } from '../db/sql';
import type { RegionDirectory } from '../regions/region-directory';
import type { TaxonomyCatalog } from '../services/taxonomy';
import { RecordType, type ImportProblem } from './csv-layout';
import { readCsv } from './csv-reading';
import { planImport, type ImportPlan } from './import-plan';
import {
  createInstitutions,
  createServices,
  institutionRecords,
  updateInstitutions,
  updateServices,
} from './network-import.commands';
import { institutionsByCode, publicCentres, servicesByCode } from './network-import.queries';
import { ImportProblems } from './import-problems';
import { checkRow, type InstitutionDraft, type ServiceDraft } from './row-checks';
import { TimeSlices } from './time-slices';

export interface ImportOptions {
  sql: Sql;
  regions: RegionDirectory;
  taxonomy: TaxonomyCatalog;
  actor: AuditActor;
  csv: string;
  dryRun: boolean;
  /** Where the file came from, for the audit trail (a file name, or "importNetwork"). */
  source: string;
}

export interface ImportResult {
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** The first MAX_LISTED_PROBLEMS problems by line. */
  errors: ImportProblem[];
  /** Problems found beyond those listed. */
  unlistedErrors: number;
}

/**
 * How long an import may take, for its statements and, through importNetwork, for the request:
 * a province's directory is checked and written in a few bulk statements that may each take
 * longer than a lookup's whole request.
 */
export const IMPORT_TIME_LIMIT_MS = 10 * 60_000;

/** Thrown inside the transaction to roll back a dry run or a file with problems. */
class NothingToWrite extends Error {
  constructor(readonly result: ImportResult) {
    super('nothing to write');
  }
}

export async function importNetwork(options: ImportOptions): Promise<ImportResult> {
  const { sql, actor, dryRun } = options;
  const slices = new TimeSlices();
  const reading = await readCsv(options.csv, slices);
  const problems = new ImportProblems();
  problems.add(reading.problems);
  const [regions, taxonomy] = await Promise.all([
    options.regions.all(),
    options.taxonomy.current(),
  ]);
  const institutions: InstitutionDraft[] = [];
  const services: ServiceDraft[] = [];
  for (const row of reading.rows) {
    await slices.pause();
    const { draft, problems: rowProblems } = checkRow(row, { regions, taxonomy });
    problems.add(rowProblems);
    if (draft?.type === RecordType.INSTITUTION) institutions.push(draft.draft);
    else if (draft?.type === RecordType.SERVICE) services.push(draft.draft);
  }
  const rows = reading.rows.length;
  const report = (plan: ImportPlan | null): ImportResult => {
    // With any problem nothing is written, and the plan's counts are not reported.
    const clean = plan !== null && problems.count === 0;
    return {
      dryRun,
      rows,
      created: clean ? plan.institutions.create.length + plan.services.create.length : 0,
      updated: clean ? plan.institutions.update.length + plan.services.update.length : 0,
      unchanged: clean ? plan.unchanged : 0,
      errors: problems.listed(),
      unlistedErrors: problems.count - problems.listed().length,
    };
  };
  if (rows === 0 && problems.count > 0) return report(null);

  try {
    return await sql.transaction(async (transaction) => {
      await transaction.run(`SELECT set_config('statement_timeout', $1, true)`, [
        String(IMPORT_TIME_LIMIT_MS),
      ]);
      const institutionCodes = [
        ...new Set([...institutions.map((d) => d.code), ...services.map((d) => d.institutionCode)]),
      ];
      const plan = await planImport(
        institutions,
        services,
        {
          regions,
          institutions: await institutionsByCode(transaction, institutionCodes),
          services: await servicesByCode(
            transaction,
            services.map((d) => d.code),
          ),
          centres: await publicCentres(transaction),
        },
        slices,
      );
      problems.add(plan.problems);
      const result = report(plan);
      // Nothing is written when any row has a problem, on a dry run, or when nothing changed.
      if (problems.count > 0 || dryRun || result.created + result.updated === 0)
        throw new NothingToWrite(result);

      await createInstitutions(transaction, institutionRecords(plan.institutions.create));
      await updateInstitutions(transaction, plan.institutions.update);
      await createServices(transaction, plan.services.create);
      await updateServices(transaction, plan.services.update);
      await recordAudit(transaction, actor, auditRecords(plan, result, options.source));
      await publishChange(transaction, 'network');
      return result;
    });
  } catch (error) {
    if (error instanceof NothingToWrite) return error.result;
    throw error;
  }
}

function auditRecords(plan: ImportPlan, result: ImportResult, source: string): AuditRecord[] {
  const summary: AuditRecord = {
    action: 'network.import',
    entityType: 'network',
    entityCode: source,
    changes: {
      rows: { before: null, after: result.rows },
      created: { before: null, after: result.created },
      updated: { before: null, after: result.updated },
      unchanged: { before: null, after: result.unchanged },
    },
  };
  const row = (entityType: string, change: { code: string; changes: AuditRecord['changes'] }) => ({
    action: 'network.import.row',
    entityType,
    entityCode: change.code,
    changes: change.changes,
  });
  return [
    summary,
    ...[...plan.institutions.create, ...plan.institutions.update].map((c) => row('institution', c)),
    ...[...plan.services.create, ...plan.services.update].map((c) => row('service', c)),
  ];
}
