// The roles a caller can have, in TypeScript, GraphQL and PostgreSQL alike.
import { registerEnumType } from 'type-graphql';

/** Who is asking: PUBLIC without a key, otherwise the role of the API key. */
export enum Role {
  PUBLIC = 'PUBLIC',
  PARTNER = 'PARTNER',
  INSTITUTION_STAFF = 'INSTITUTION_STAFF',
  AUTHORITY = 'AUTHORITY',
  ADMIN = 'ADMIN',
}

/** Roles an API key can carry (PUBLIC is the absence of a key). */
export const KEY_ROLES = [
  Role.PARTNER,
  Role.INSTITUTION_STAFF,
  Role.AUTHORITY,
  Role.ADMIN,
] as const;
export type KeyRole = (typeof KEY_ROLES)[number];

registerEnumType(Role, {
  name: 'Role',
  description: 'What a caller may see and do.',
  valuesConfig: {
    PUBLIC: { description: 'No API key: the directory only.' },
    PARTNER: { description: 'A third-party app: submits referrals and sees its own.' },
    INSTITUTION_STAFF: { description: 'Staff of one institution: works the referrals to it.' },
    AUTHORITY: {
      description:
        "A government department's key, bound to one province or prefecture-level division (Viewer.region): it governs the programmes there and below.",
    },
    ADMIN: { description: 'Sees and may do everything.' },
  },
});
