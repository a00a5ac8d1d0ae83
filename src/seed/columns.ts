// The seed writes rows in bulk, one array per column passed to unnest(): this turns rows into
// those arrays.

/** The values of one field of every row, in row order. */
export function column<T, K extends keyof T>(rows: readonly T[], key: K): T[K][] {
  return rows.map((row) => row[key]);
}
