// Name search in Chinese or English: substring (ILIKE) or fuzzy (pg_trgm word similarity, which
// tolerates a typo or two in a Latin name), ranked by relevance. The trigram GIN indexes of the
// searched columns serve both.
import type { SqlParameters } from '../db/rows';
import { badInput } from './errors';
import type { CursorShape } from './pagination';

/** Cursors of searched lists: the negated relevance, then the row id. */
export const BY_RELEVANCE: CursorShape = ['float', 'int'];

const MAX_SEARCH_LENGTH = 100;

/** The search text to use, or null when there is none to apply. */
export function searchText(input: string | null | undefined, field = 'search'): string | null {
  const text = input?.trim() ?? '';
  if (text.length === 0) return null;
  if (text.length > MAX_SEARCH_LENGTH) {
    throw badInput(
      `${field} is ${text.length} characters long: use at most ${MAX_SEARCH_LENGTH}`,
      field,
    );
  }
  return text;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`);

/** SQL matching `text` in any of `columns`, and a relevance score (higher is better). */
export function textMatch(
  columns: string[],
  text: string,
  params: SqlParameters,
): { condition: string; score: string } {
  const query = `${params.add(text)}::text`;
  const pattern = `${params.add(`%${escapeLike(text)}%`)}::text`;
  const substring = columns.map((column) => `${column} ILIKE ${pattern}`).join(' OR ');
  const fuzzy = columns.map((column) => `${query} <% ${column}`).join(' OR ');
  const greatest = (fn: string) =>
    `GREATEST(${columns.map((column) => `${fn}(${query}, coalesce(${column}, ''))`).join(', ')})`;
  return {
    condition: `(${substring} OR ${fuzzy})`,
    // Substring hits first; then how well the text matches a part, then the whole name.
    score: `((CASE WHEN ${substring} THEN 1 ELSE 0 END) + ${greatest('word_similarity')} + ${greatest('similarity')})::float8`,
  };
}
