// Bounds on the size of what a request sends, checked before anything parses, validates or walks
// it: a document's tokens and bracket nesting, and how deep its variables nest. Parsing and
// validation are recursive and, for same-named fields, quadratic; past these bounds a document is
// refused for its size alone. Both checks are loops, never recursion, and stop at the bound.
import { GraphQLError, Lexer, Source, TokenKind } from 'graphql';
import { LRUCache } from 'lru-cache';

export const DOCUMENT_LIMITS = {
  /** Lexical tokens of a document (comments and whitespace are not tokens). */
  tokens: 5_000,
  /** Brackets — selection sets, arguments, lists, objects — open at once in a document. */
  nesting: 64,
  /** Levels of lists and objects in one variable's value. */
  variablesNesting: 32,
};

type Limit = 'tokens' | 'nesting' | 'variablesNesting';

function refusal(
  limit: Limit,
  message: string,
  details: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code: 'BAD_USER_INPUT',
      limit,
      max: DOCUMENT_LIMITS[limit],
      ...details,
      http: { status: 400 },
    },
  });
}

const OPENING = new Set<TokenKind>([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const CLOSING = new Set<TokenKind>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);

/**
 * Documents already found within bounds. Clients send the same few documents again and again, and
 * Apollo parses each once (its document cache): lexing every request's document again here would
 * be the one per-request pass over its text left. Bounded by the characters kept.
 */
const withinBounds = new LRUCache<string, true>({
  maxSize: 4 * 1024 * 1024,
  sizeCalculation: (_value, query) => Math.max(1, query.length),
});

/**
 * Why `query` is too large to parse, or null. graphql-js's own lexer reads it, so strings and
 * comments count as they will when it is parsed; a syntax error is left to the parser to report.
 */
export function documentRefusal(query: string): GraphQLError | null {
  if (withinBounds.has(query)) return null;
  const refused = lexedRefusal(query);
  if (!refused) withinBounds.set(query, true);
  return refused;
}

function lexedRefusal(query: string): GraphQLError | null {
  const lexer = new Lexer(new Source(query));
  let tokens = 0;
  let nesting = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if (++tokens > DOCUMENT_LIMITS.tokens) {
        return refusal(
          'tokens',
          `the document has more than ${DOCUMENT_LIMITS.tokens} tokens: ask for fewer fields, or send values as variables`,
        );
      }
      if (OPENING.has(token.kind) && ++nesting > DOCUMENT_LIMITS.nesting) {
        return refusal(
          'nesting',
          `the document nests more than ${DOCUMENT_LIMITS.nesting} brackets deep: ask for fewer nested levels`,
        );
      }
      if (CLOSING.has(token.kind)) nesting--;
    }
  } catch {
    return null;
  }
  return null;
}

/** Why `variables` nest too deep to be walked, or null; names the variable. */
export function variablesRefusal(variables: unknown): GraphQLError | null {
  if (!variables || typeof variables !== 'object') return null;
  for (const [name, value] of Object.entries(variables)) {
    const pending: [unknown, number][] = [[value, 1]];
    while (pending.length) {
      const [inner, level] = pending.pop()!;
      if (!inner || typeof inner !== 'object') continue;
      if (level > DOCUMENT_LIMITS.variablesNesting) {
        return refusal(
          'variablesNesting',
          `variable $${name} nests lists and objects more than ${DOCUMENT_LIMITS.variablesNesting} levels deep, deeper than any input of this API`,
          { field: name },
        );
      }
      for (const item of Object.values(inner)) pending.push([item, level + 1]);
    }
  }
  return null;
}
