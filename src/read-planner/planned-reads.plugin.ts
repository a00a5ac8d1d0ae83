// Serves a query the read planner covers entirely with one statement whose JSON is the answer's
// `data`, the way Hasura and PostGraphile serve reads: Apollo skips execution (this plugin answers
// in `responseForOperation`). It runs after every check a request passes before execution — the
// viewer, the document's bounds, the query limits and costs, the budgets (their plugins refuse in
// `didResolveOperation`, before this hook) — and after the response cache (an earlier plugin:
// its hit answers first, and it keeps this answer as it keeps an executed one). The statement
// goes through the request's SQL session, so the pool gates, the statement and request time
// limits, replica routing and read-your-writes apply as to any read. Anything the planner does
// not cover, and a statement that fails, is left to execution, which answers as it always has.
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import type { Sql } from '../db/sql';
import { planOperation } from './plan-operation';

/** What a request must offer the planner. */
export interface PlannerContext {
  sql: Sql;
  categoryKeys(code: string, field: string): Promise<number[]>;
}

/**
 * Distinct planned texts a process prepares by name. A text follows the shape of the selection,
 * which clients choose: past this many shapes, a planned statement runs unnamed (parsed each
 * time), so that clients cannot crowd the project's own statements out of MAX_PREPARED_TEXTS.
 */
export const MAX_PREPARED_PLANS = 100;

export function plannedReadsPlugin<Context extends PlannerContext>(): ApolloServerPlugin<Context> {
  const prepared = new Set<string>();
  const keepPrepared = (text: string) => {
    if (prepared.has(text)) return true;
    if (prepared.size >= MAX_PREPARED_PLANS) return false;
    prepared.add(text);
    return true;
  };
  return {
    async requestDidStart() {
      return {
        async responseForOperation({ schema, document, operation, request, contextValue }) {
          if (!operation) return null;
          const plan = await planOperation(
            schema,
            document,
            operation,
            request.variables ?? {},
            contextValue.categoryKeys,
          );
          if (!plan) return null;
          let data: Record<string, unknown>;
          try {
            [{ data }] = await contextValue.sql.rows<{ data: Record<string, unknown> }>(
              plan.text,
              plan.values,
              { prepared: keepPrepared(plan.text) },
            );
          } catch {
            // Execution runs the same reads through the resolvers and answers with their errors.
            return null;
          }
          return {
            http: { headers: new HeaderMap() },
            body: { kind: 'single', singleResult: { data } },
          };
        },
      };
    },
  };
}
