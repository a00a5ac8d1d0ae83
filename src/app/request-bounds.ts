// The size of a GraphQL request, checked once its body is read and before Apollo parses,
// validates or walks any of it (src/schema/document-bounds.ts): a refusal is answered here as
// GraphQL-shaped JSON — 400, BAD_USER_INPUT, the limit — charged one point like any request
// refused before it was measured, with the budget headers and the request id.
import type { Request, RequestHandler, Response } from 'express';
import { GraphQLError } from 'graphql';
import type { Viewer } from '../auth/viewer';
import type { Logger } from '../logger';
import { documentRefusal, variablesRefusal } from '../schema/document-bounds';
import { budgetHeaders, budgetHolder, type Budgets, type BudgetState } from './budgets';
import { requestIdOf } from './http-hygiene';

/** What a GET request carries in its URL, or a POST in its JSON body (a batch is Apollo's to refuse). */
function operationOf(request: Request): { query?: unknown; variables?: unknown } {
  if (request.method !== 'GET') return (request.body ?? {}) as Record<string, unknown>;
  const { query, variables } = request.query as Record<string, unknown>;
  if (typeof variables !== 'string') return { query };
  try {
    return { query, variables: JSON.parse(variables) };
  } catch {
    return { query };
  }
}

function refusalOf(request: Request): GraphQLError | null {
  const { query, variables } = operationOf(request);
  return variablesRefusal(variables) ?? (typeof query === 'string' ? documentRefusal(query) : null);
}

async function answer(
  refusal: GraphQLError,
  request: Request,
  response: Response,
  budgets: Budgets | null,
): Promise<void> {
  const requestId = requestIdOf(request);
  let status = 400;
  let error: GraphQLError = refusal;
  let state: BudgetState | null = null;
  if (budgets) {
    const viewer = await (response.locals.viewer as Promise<Viewer>);
    const holder = budgetHolder({
      viewer,
      origin: { requestId, address: request.ip ?? 'unknown' },
    });
    try {
      state = await budgets.charge(holder, 1);
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
  response
    .status(status)
    .type('application/json')
    .send(
      JSON.stringify({
        errors: [{ message: error.message, extensions: { ...extensions, requestId } }],
        ...(state ? { extensions: { budget: state } } : {}),
      }),
    );
}

/**
 * Refuses a GraphQL request too large to analyse. Runs after the key is checked (a refused key is
 * answered 401 by Apollo before any of the document is read) and the body is parsed.
 */
export function requestBounds(budgets: Budgets | null, log: Logger): RequestHandler {
  return (request, response, next) => {
    const refusal = refusalOf(request);
    if (!refusal) return next();
    (response.locals.viewer as Promise<Viewer>).then(
      () => {
        log.info('graphql request refused by its size', {
          requestId: requestIdOf(request),
          limit: refusal.extensions.limit,
        });
        answer(refusal, request, response, budgets).catch(next);
      },
      // The key is refused: Apollo answers that, without parsing the document.
      () => next(),
    );
  };
}
