// Checks of free-text input shared by every mutation: trimmed, bounded, and refused with
// BAD_USER_INPUT naming the field.
import { badInput, quote } from './errors';

const CODE = /^[A-Z][A-Z0-9-]{1,39}$/;

/** Trimmed text, null when empty. */
export function optionalText(
  value: string | null | undefined,
  field: string,
  max: number,
): string | null {
  const trimmed = value?.trim() ?? '';
  if (trimmed.length > max)
    throw badInput(`${field} is ${trimmed.length} characters long: use at most ${max}`, field);
  return trimmed || null;
}

export function requiredText(value: string | null | undefined, field: string, max: number): string {
  const trimmed = optionalText(value, field, max);
  if (!trimmed) throw badInput(`${field} must not be empty`, field);
  return trimmed;
}

/** A public code of an institution or service: capitals, digits and dashes. */
export function publicCode(code: string, field = 'code'): string {
  const trimmed = code.trim();
  if (!CODE.test(trimmed)) {
    throw badInput(
      `${field} ${quote(code)} is not a code: use capital letters, digits and dashes, e.g. M-441900-05`,
      field,
    );
  }
  return trimmed;
}

const MAX_SEARCH_LENGTH = 100;

/** The search text to use, or null when there is none to apply. */
export function searchText(input: string | null | undefined, field = 'search'): string | null {
  return optionalText(input, field, MAX_SEARCH_LENGTH);
}
