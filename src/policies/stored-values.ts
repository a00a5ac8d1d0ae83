// How a policy row's money and days come back from PostgreSQL through pg: numeric as text (exact
// yuan, never a binary fraction on the way) and date as a JS Date at local midnight. Both are
// turned into what the API answers here, in one place.

/** A numeric(14,2) column's text as a number of yuan; null stays null. */
export const yuan = (stored: string | number | null): number | null =>
  stored === null ? null : Number(stored);

/** A date column's value as YYYY-MM-DD (pg made it local midnight of that day). */
export function calendarDate(stored: Date | string): string;
export function calendarDate(stored: Date | string | null): string | null;
export function calendarDate(stored: Date | string | null): string | null {
  if (stored === null) return null;
  if (typeof stored === 'string') return stored.slice(0, 10);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${stored.getFullYear()}-${pad(stored.getMonth() + 1)}-${pad(stored.getDate())}`;
}
