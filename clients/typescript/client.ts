// A small typed client for partner apps: POSTs a typed document node to /graphql with the API
// key and returns its data typed by the operation, or throws with every error's code.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

export interface ClientOptions {
  /** The API's GraphQL endpoint, e.g. https://api.example.cn/graphql. */
  url: string;
  /** A PARTNER (or ADMIN) key: sent as Authorization: Bearer <key>. */
  apiKey?: string;
  /** Another fetch (tests, proxies); the global one by default. */
  fetch?: typeof fetch;
}

export interface GraphQLErrorEntry {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; field?: string; [key: string]: unknown };
}

/** The API answered with errors (or not with GraphQL at all). */
export class GraphQLRequestError extends Error {
  constructor(
    readonly errors: GraphQLErrorEntry[],
    readonly status: number,
  ) {
    super(
      errors.map((error) => `${error.extensions?.code ?? 'ERROR'}: ${error.message}`).join('; '),
    );
  }

  /** The code of the first error: BAD_USER_INPUT, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT … */
  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }
}

export interface Client {
  request<TResult, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TResult, TVariables>,
    ...variables: Record<string, never> extends TVariables ? [TVariables?] : [TVariables]
  ): Promise<TResult>;
}

export function createClient({ url, apiKey, fetch: send = fetch }: ClientOptions): Client {
  const printed = new WeakMap<object, string>();
  return {
    async request(document, ...[variables]) {
      let query = printed.get(document);
      if (!query) printed.set(document, (query = print(document)));
      const response = await send(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      let body: { data?: unknown; errors?: GraphQLErrorEntry[] };
      try {
        body = (await response.json()) as typeof body;
      } catch {
        throw new GraphQLRequestError(
          [{ message: `the API answered ${response.status} without a GraphQL body` }],
          response.status,
        );
      }
      if (body.errors?.length) throw new GraphQLRequestError(body.errors, response.status);
      return body.data as never;
    },
  };
}
