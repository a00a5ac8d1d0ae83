// The size of a GraphQL request, checked once its body is read and before Apollo parses,
// validates or walks any of it (src/schema/document-bounds.ts): a refusal is answered here as
// GraphQL-shaped JSON — 400, BAD_USER_INPUT, the limit — charged one point like any request
// refused before it was measured, with the budget headers and the request id.
import type { ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';
import type { Viewer } from '../auth/viewer';
import { documentRefusal, variablesRefusal } from '../schema/document-bounds';
import type { RequestOrigin } from './context';
import { budgetHeaders, budgetHolder, type Budgets, type BudgetState } from './budgets';
import { sendJson } from './http-hygiene';

/** What Apollo will run: a POST's JSON body, or a GET's URL (a batch is Apollo's to refuse). */
function operationOf(
  method: string,
  body: unknown,
  search: URLSearchParams,
): { query?: unknown; variables?: unknown } {
  if (method !== 'GET') return (body ?? {}) as Record<string, unknown>;
  const query = search.get('query') ?? undefined;
  const variables = search.get('variables');
  if (variables === null) return { query };
  try {
    return { query, variables: JSON.parse(variables) };
  } catch {
    return { query };
  }
}

/** Why the request is too large to analyse, or null. */
export function boundsRefusal(
  method: string,
  body: unknown,
  search: URLSearchParams,
): GraphQLError | null {
  const { query, variables } = operationOf(method, body, search);
  return variablesRefusal(variables) ?? (typeof query === 'string' ? documentRefusal(query) : null);
}

/** Answers a refusal of boundsRefusal, charging the client's budget one point. */
export async function answerBoundsRefusal(
  refusal: GraphQLError,
  asker: { viewer: Viewer; origin: RequestOrigin },
  response: ServerResponse,
  budgets: Budgets | null,
): Promise<void> {
  let status = 400;
  let error: GraphQLError = refusal;
  let state: BudgetState | null = null;
  if (budgets) {
    try {
      state = await budgets.charge(budgetHolder(asker), 1);
      for (const [name, value] of budgetHeaders(state)) response.setHeader(name, value);
    } catch (spent) {
      if (!(spent instanceof GraphQLError)) throw spent;
      // Over budget: the budget's refusal (429, Retry-After) comes first, as for any request.
      error = spent;
      status = 429;
      const { headers } = spent.extensions.http as { headers: Map<string, string> };
      for (const [name, value] of headers) response.setHeader(name, value);
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { http, ...extensions } = error.extensions;
  sendJson(
    response,
    status,
    JSON.stringify({
      errors: [
        {
          message: error.message,
          extensions: { ...extensions, requestId: asker.origin.requestId },
        },
      ],
      ...(state ? { extensions: { budget: state } } : {}),
    }),
  );
}
