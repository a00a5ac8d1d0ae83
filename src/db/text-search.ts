// Name search in Chinese or English: substring (ILIKE) or fuzzy (pg_trgm word similarity, which
// tolerates a typo or two in a Latin name), ranked by relevance. The trigram GIN indexes of the
// searched columns serve both.
import type { SqlParameters } from './rows';

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
