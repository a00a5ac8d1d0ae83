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

// Text that people read and copy into spreadsheets (names, addresses, descriptions) must look
// like what it is: no control characters (a line break only where text may have lines), no
// invisible marks that reorder or hide characters (U+202E makes "exe.doc" read "cod.exe"), no
// U+FFFD (the mark of text decoded with the wrong encoding: what it stood for is lost), and no
// leading =, +, - or @, which Excel and WPS run as a formula when the directory is exported
// (OWASP's "CSV injection"). Refused rather than neutralised: a quote prefixed to a name would
// be shown by every client, and a name never needs to start with one of them.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
// eslint-disable-next-line no-control-regex -- the same, with tab, LF and CR allowed
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const INVISIBLE = /[\u061C\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/;
const FORMULA_START = /^[=+\-@]/;

const codePoint = (character: string) =>
  `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** `text` as given, or BAD_USER_INPUT naming the field and the character at fault. */
export function shownText(
  text: string | null,
  field: string,
  options: { lines?: boolean } = {},
): string | null {
  if (text === null) return null;
  const control = (options.lines ? CONTROL_BUT_LINES : CONTROL).exec(text);
  if (control)
    throw badInput(
      `${field} holds the control character ${codePoint(control[0])} at position ${control.index + 1}: ${options.lines ? 'only line breaks and tabs are allowed' : 'use one line of plain text'}`,
      field,
    );
  const invisible = INVISIBLE.exec(text);
  if (invisible)
    throw badInput(
      `${field} holds the invisible mark ${codePoint(invisible[0])} at position ${invisible.index + 1}, which reorders or hides what is shown: remove it`,
      field,
    );
  const lost = text.indexOf('\uFFFD');
  if (lost >= 0)
    throw badInput(
      `${field} holds U+FFFD at position ${lost + 1}, the mark of text decoded with the wrong encoding (e.g. GBK read as UTF-8): send the original text`,
      field,
    );
  if (FORMULA_START.test(text))
    throw badInput(
      `${field} starts with '${text[0]}', which a spreadsheet runs as a formula: begin with the text itself`,
      field,
    );
  return text;
}
