// Applying TypeORM migrations, and telling which are still pending (for /readyz).
import type { DataSource } from 'typeorm';
import type { Sql } from './sql';

/**
 * The advisory lock under which start-up work (migrations, the seed, tables libraries create)
 * runs, so that of many processes starting together one does it and the others wait.
 */
export const START_UP_LOCK = 0x534d45; // "SME"

/** Applies pending migrations, each in its own transaction; returns their names. */
export async function runPendingMigrations(dataSource: DataSource): Promise<string[]> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((migration) => migration.name);
}

/** Migrations the code knows that the database has not applied (one cheap query). */
export async function pendingMigrations(sql: Sql): Promise<string[]> {
  const known = sql.dataSource.migrations.map(
    (migration) => migration.name ?? migration.constructor.name,
  );
  let applied: Set<string>;
  try {
    const rows = await sql.rows<{ name: string }>('SELECT name FROM migrations');
    applied = new Set(rows.map((row) => row.name));
  } catch (error) {
    // 42P01: no migrations table yet, so every migration is pending.
    if ((error as { code?: string }).code === '42P01') return known;
    throw error;
  }
  return known.filter((name) => !applied.has(name));
}
