// SQL for lists of institutions. Pages are keyset-cut on the row id, which only grows.
import type { DataSource } from 'typeorm';
import { SqlParameters, hydrator } from '../db/rows';
import { pageWindow, toConnection, type PageArgs } from '../schema/pagination';
import type { InstitutionConnection } from './institution.connection';
import { Institution } from './institution.entity';

export async function listInstitutions(
  dataSource: DataSource,
  page: PageArgs,
): Promise<InstitutionConnection> {
  const window = pageWindow(page);
  const params = new SqlParameters();
  const conditions: string[] = [];
  if (window.after) conditions.push(`id > ${params.add(window.after[0])}`);
  if (window.before) conditions.push(`id < ${params.add(window.before[0])}`);
  const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
  const rows: Record<string, unknown>[] = await dataSource.query(
    `SELECT * FROM institution ${where} ORDER BY id ${window.backward ? 'DESC' : 'ASC'} LIMIT ${window.size + 1}`,
    params.values,
  );
  const institutions = rows.map(hydrator(dataSource, Institution));
  if (window.backward) institutions.reverse();
  return toConnection(
    institutions,
    window,
    (institution) => [institution.key],
    async () => {
      const [{ count }] = await dataSource.query('SELECT count(*)::int AS count FROM institution');
      return count;
    },
  );
}
