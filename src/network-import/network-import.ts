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
import { checkRow, type InstitutionDraft, type ServiceDraft } from './row-checks';

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
  errors: ImportProblem[];
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
  const reading = readCsv(options.csv);
  const errors = [...reading.problems];
  const [regions, taxonomy] = await Promise.all([
    options.regions.all(),
    options.taxonomy.current(),
  ]);
  const institutions: InstitutionDraft[] = [];
  const services: ServiceDraft[] = [];
  for (const row of reading.rows) {
    const { draft, problems } = checkRow(row, { regions, taxonomy });
    errors.push(...problems);
    if (draft?.type === RecordType.INSTITUTION) institutions.push(draft.draft);
    else if (draft?.type === RecordType.SERVICE) services.push(draft.draft);
  }
  const rows = reading.rows.length;
  if (rows === 0 && errors.length > 0) {
    return { dryRun, rows, created: 0, updated: 0, unchanged: 0, errors };
  }
  const report = (plan: ImportPlan | null, problems: ImportProblem[]): ImportResult => ({
    dryRun,
    rows,
    created: plan ? plan.institutions.create.length + plan.services.create.length : 0,
    updated: plan ? plan.institutions.update.length + plan.services.update.length : 0,
    unchanged: plan?.unchanged ?? 0,
    errors: problems.sort((a, b) => a.line - b.line),
  });

  try {
    return await sql.transaction(async (transaction) => {
      await transaction.run(`SELECT set_config('statement_timeout', $1, true)`, [
        String(IMPORT_TIME_LIMIT_MS),
      ]);
      const institutionCodes = [
        ...new Set([...institutions.map((d) => d.code), ...services.map((d) => d.institutionCode)]),
      ];
      const plan = planImport(institutions, services, {
        regions,
        institutions: await institutionsByCode(transaction, institutionCodes),
        services: await servicesByCode(
          transaction,
          services.map((d) => d.code),
        ),
        centres: await publicCentres(transaction),
      });
      const result = report(plan, [...errors, ...plan.problems]);
      // Nothing is written when any row has a problem, on a dry run, or when nothing changed.
      if (result.errors.length > 0) throw new NothingToWrite(report(null, result.errors));
      if (dryRun || result.created + result.updated === 0) throw new NothingToWrite(result);

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
