// Which unique constraint a failed statement ran into, so that a command can answer CONFLICT
// for the one it expects and let any other surface as the fault it is.
/** PostgreSQL's SQLSTATE for unique_violation (Appendix A of its manual). */
const UNIQUE_VIOLATION = '23505';

/**
 * Whether `error` is PostgreSQL refusing a row that would break `constraint` (the constraint's or
 * unique index's name). pg's DatabaseError carries both fields; nothing else does.
 */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const failed = error as { code?: unknown; constraint?: unknown };
  return failed.code === UNIQUE_VIOLATION && failed.constraint === constraint;
}
