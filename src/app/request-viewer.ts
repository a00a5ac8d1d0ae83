// Who is asking: the viewer of a request's Authorization header, with failed keys counted per
// address, so that guessing keys from one address is throttled.
import { GraphQLError } from 'graphql';
import { viewerFromHeader, type Viewer } from '../auth/viewer';
import type { Sql } from '../db/sql';
import type { Logger } from '../logger';
import type { Budgets } from './budgets';
import { clientNetwork } from './client-network';
import type { RequestOrigin } from './context';

function rateLimited(seconds: number): GraphQLError {
  return new GraphQLError(
    `too many failed authentications from this address: retry in ${seconds} s with a valid key, or send no Authorization header for public access`,
    {
      extensions: {
        code: 'RATE_LIMITED',
        retryAfterSeconds: seconds,
        http: { status: 429, headers: new Map([['retry-after', String(seconds)]]) },
      },
    },
  );
}

/**
 * The request's viewer. A key that authenticates is always taken: behind a shared address (an
 * office's NAT) one client's failures must not lock every partner out. Failures are counted per
 * address (an IPv6 /64 as one); past the limit, a key that fails is answered 429 for the rest of the
 * minute instead of 401 — checking it still costs one indexed read, what any anonymous request
 * costs. A failure to check the key is reported without details.
 */
export async function requestViewer(
  sql: Sql,
  authorization: string | undefined,
  origin: RequestOrigin,
  budgets: Budgets | null,
  log: Logger,
): Promise<Viewer> {
  try {
    return await viewerFromHeader(sql, authorization);
  } catch (error) {
    if (error instanceof GraphQLError) {
      const address = clientNetwork(origin.address);
      const wait = budgets
        ? budgets.authenticationWait(address) || (await budgets.authenticationFailed(address))
        : 0;
      throw wait > 0 ? rateLimited(wait) : error;
    }
    log.error('API key check failed', {
      requestId: origin.requestId,
      error: (error as Error).message,
    });
    throw new GraphQLError(
      'Internal server error: the API key could not be checked; please retry.',
      { extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } } },
    );
  }
}
