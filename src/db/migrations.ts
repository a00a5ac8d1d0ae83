import type { DataSource } from 'typeorm';

/** Applies pending migrations, each in its own transaction; returns their names. */
export async function runPendingMigrations(dataSource: DataSource): Promise<string[]> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((migration) => migration.name);
}

/** Migrations the code knows that the database has not applied (one cheap query). */
export async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  const known = dataSource.migrations.map(
    (migration) => migration.name ?? migration.constructor.name,
  );
  let applied: Set<string>;
  try {
    const rows: { name: string }[] = await dataSource.query('SELECT name FROM migrations');
    applied = new Set(rows.map((row) => row.name));
  } catch (error) {
    // 42P01: no migrations table yet, so every migration is pending.
    if ((error as { code?: string }).code === '42P01') return known;
    throw error;
  }
  return known.filter((name) => !applied.has(name));
}
