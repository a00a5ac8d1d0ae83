// Reading the audit trail: newest first, by keyset on the row id (which only grows), filtered by
// record, action and time. The filter's texts are checked here: bounded, and refused when they
// could not name anything.
import { entityPage, type KeysetPage } from '../db/entity-pages';
import type { KeysetWindow, PageSource, SortColumn } from '../db/page-query';
import { SqlParameters } from '../db/rows';
import type { SqlRunner } from '../db/sql';
import { badInput, quote } from '../schema/errors';
import { optionalText } from '../schema/input';
import type { CursorShape } from '../schema/pagination';
import { AuditEntry } from './audit-entry.entity';
import type { AuditFilter } from './audit.inputs';

/** Newest first: the row id, negated since sort keys ascend. */
const NEWEST_FIRST: SortColumn[] = [{ sql: '-t.id', type: 'int' }];
export const AUDIT_CURSOR: CursorShape = ['int'];

const ACTION = /^[a-z_]+(\.[a-z_]+)*(\.\*)?$/;

function auditSource(filter: AuditFilter | null, params: SqlParameters): PageSource {
  const where: string[] = [];
  const entityCode = optionalText(filter?.entityCode, 'filter.entityCode', 100);
  if (entityCode) where.push(`t.entity_code = ${params.add(entityCode)}`);
  const action = optionalText(filter?.action, 'filter.action', 100);
  if (action) {
    if (!ACTION.test(action)) {
      throw badInput(
        `filter.action ${quote(action)} is not an action: use one such as institution.move, or institution.* for every institution action`,
        'filter.action',
      );
    }
    where.push(
      action.endsWith('.*')
        ? `t.action LIKE ${params.add(`${action.slice(0, -1)}%`)}`
        : `t.action = ${params.add(action)}`,
    );
  }
  const { from, to } = filter ?? {};
  if (from && to && from.getTime() >= to.getTime()) {
    throw badInput(
      `filter.from (${from.toISOString()}) must be before filter.to (${to.toISOString()})`,
      'filter.to',
    );
  }
  if (from) where.push(`t.at >= ${params.add(from)}`);
  if (to) where.push(`t.at < ${params.add(to)}`);
  return { from: 'audit_entry t', where, sort: NEWEST_FIRST };
}

export function listAuditEntries(
  sql: SqlRunner,
  filter: AuditFilter | null,
  window: KeysetWindow,
): Promise<KeysetPage<AuditEntry>> {
  // Checked once up front, so that a bad filter fails before any statement.
  auditSource(filter, new SqlParameters());
  return entityPage({ sql }, AuditEntry, (params) => auditSource(filter, params), window);
}

/** One entry by row id, or null. */
export async function auditEntryByKey(sql: SqlRunner, key: number): Promise<AuditEntry | null> {
  const [row] = await sql.rows('SELECT * FROM audit_entry WHERE id = $1', [key]);
  return row ? sql.hydrator(AuditEntry)(row) : null;
}
