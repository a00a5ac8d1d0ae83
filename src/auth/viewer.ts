// Who a request is from, decided once per request from its Authorization header.
import { GraphQLError } from 'graphql';
import { Field, ObjectType } from 'type-graphql';
import type { Sql } from '../db/sql';
import { checkKey } from './api-keys';
import { Role } from './role';

export interface Viewer {
  role: Role;
  /** The API client's name; null for anonymous access. */
  name: string | null;
  /** Row id of the key: a partner's referrals are the ones its key made. */
  apiKeyId: number | null;
  /** The key's public id (printed inside the key), for logs; never the key itself. */
  keyId: string | null;
  /** Cost points per minute this key may spend; null for the default. */
  budgetPerMinute: number | null;
  /** The primary's WAL position after the key's last write: reads must see at least that. */
  lastWritePosition: bigint | null;
  /** Row id of the institution a staff key is bound to. */
  institutionId: number | null;
  /** The region an AUTHORITY key governs, six digits (with everything below it). */
  regionCode: string | null;
}

export const PUBLIC_VIEWER: Viewer = {
  role: Role.PUBLIC,
  name: null,
  apiKeyId: null,
  keyId: null,
  budgetPerMinute: null,
  lastWritePosition: null,
  institutionId: null,
  regionCode: null,
};

/** Who made a change, as a record's history shows it: the API client's name, else its role. */
export const actorName = (viewer: Viewer): string => viewer.name ?? viewer.role;

@ObjectType('Viewer', { description: 'Who the API sees behind the request.' })
export class ViewerType {
  @Field(() => Role, { description: 'PUBLIC without a key, else the role of the key.' })
  role!: Role;

  @Field(() => String, {
    nullable: true,
    description: 'API client or account name; null for anonymous access.',
  })
  name!: string | null;

  // `institution` is declared by the institutions domain (viewer-institution.resolver.ts);
  // `region` by viewer-region.resolver.ts.
}

function unauthenticated(reason: string): GraphQLError {
  return new GraphQLError(
    `Authorization: ${reason}. Send no Authorization header for public access.`,
    {
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    },
  );
}

/**
 * No header: PUBLIC. An empty header, or a bad, unknown or revoked key: UNAUTHENTICATED, never
 * silently PUBLIC.
 */
export async function viewerFromHeader(
  sql: Sql,
  authorization: string | undefined,
): Promise<Viewer> {
  if (authorization === undefined) return PUBLIC_VIEWER;
  if (authorization.trim() === '') throw unauthenticated('the header is empty');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) throw unauthenticated('expected "Bearer <API key>"');
  const check = await checkKey(sql, match[1]);
  if (!check.ok) throw unauthenticated(check.reason);
  const { apiKey } = check;
  return {
    role: apiKey.role,
    name: apiKey.name,
    apiKeyId: apiKey.id,
    keyId: apiKey.publicId,
    budgetPerMinute: apiKey.budgetPerMinute,
    lastWritePosition: apiKey.lastWritePosition === null ? null : BigInt(apiKey.lastWritePosition),
    institutionId: apiKey.institutionId,
    regionCode: apiKey.regionCode,
  };
}
