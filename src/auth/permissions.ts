// Who may do what: the one place that compares a caller's role. A field declares the roles that
// may call it (@Allow, checked by `authChecker` before its resolver runs); rules that depend on the
// row (staff of THIS institution, the key that made THIS referral) call the functions below, so
// every refusal is worded and coded the same way.
import type { GraphQLField } from 'graphql';
import { Authorized, Extensions, type AuthChecker } from 'type-graphql';
import { regionCodeRange } from '../regions/region-code';
import { forbidden } from '../schema/errors';
import { Role } from './role';
import type { Viewer } from './viewer';

/**
 * The keys that work the network's services — partners, staff, ADMIN: a field any of them may
 * call. AUTHORITY keys govern the programmes; they are named where they may act.
 */
export const ANY_KEY = [Role.PARTNER, Role.INSTITUTION_STAFF, Role.ADMIN] as const;

/** How a refusal names who may: `who` replaces "<ROLES> keys", `why` follows the refusal. */
export interface Refusal {
  who?: string;
  why?: string;
}

/** An access policy as it sits on a field of the schema (extensions.access). */
export interface AccessPolicy extends Refusal {
  roles: readonly Role[];
  /** What the caller wants to do, as the refusal says it: "create referrals". */
  action: string;
}

const listed = (roles: readonly Role[]) =>
  roles.length === 1 ? roles[0] : `${roles.slice(0, -1).join(', ')} or ${roles[roles.length - 1]}`;
const article = (word: string) => (/^[AEIOU]/.test(word) ? 'an' : 'a');

/**
 * FORBIDDEN unless the viewer's role is one of `roles`. Anonymous callers are told to send a key
 * (and which); keys of another role, who may.
 */
export function requireRole(
  viewer: Viewer,
  roles: readonly Role[],
  action: string,
  refusal: Refusal = {},
): void {
  if (roles.includes(viewer.role)) return;
  const names = listed(roles);
  if (viewer.role === Role.PUBLIC) {
    throw forbidden(
      `to ${action} send ${article(names)} ${names} key: Authorization: Bearer <key>`,
    );
  }
  const why = refusal.why ? `: ${refusal.why}` : '';
  throw forbidden(`only ${refusal.who ?? `${names} keys`} may ${action}${why}`);
}

export function requireAdmin(viewer: Viewer, action: string): void {
  requireRole(viewer, [Role.ADMIN], action);
}

export const isAdmin = (viewer: Viewer) => viewer.role === Role.ADMIN;

/** Staff of that institution (by row id). */
export const isStaffOf = (viewer: Viewer, institutionId: number | null) =>
  viewer.role === Role.INSTITUTION_STAFF && viewer.institutionId === institutionId;

/** The PARTNER key that made the row (by the row's api_key_id). */
export const isPartnerOwning = (viewer: Viewer, apiKeyId: number | null) =>
  viewer.role === Role.PARTNER && apiKeyId !== null && viewer.apiKeyId === apiKeyId;

export const isPartner = (viewer: Viewer) => viewer.role === Role.PARTNER;
export const isStaff = (viewer: Viewer) => viewer.role === Role.INSTITUTION_STAFF;
export const isAnonymous = (viewer: Viewer) => viewer.role === Role.PUBLIC;

export const isAuthority = (viewer: Viewer) => viewer.role === Role.AUTHORITY;

/** An AUTHORITY key whose region is, or contains, the region of that code (six digits). */
export function isAuthorityOver(viewer: Viewer, regionCode: string): boolean {
  if (viewer.role !== Role.AUTHORITY || viewer.regionCode === null) return false;
  const [low, high] = regionCodeRange(viewer.regionCode);
  return regionCode >= low && regionCode <= high;
}

/** ADMIN, or an AUTHORITY over that region: who governs what lies there. */
export const governs = (viewer: Viewer, regionCode: string) =>
  isAdmin(viewer) || isAuthorityOver(viewer, regionCode);

/**
 * FORBIDDEN unless the viewer governs the region `what` lies in (ADMIN, or an AUTHORITY whose
 * region contains it); an AUTHORITY of another region is told whose it is.
 */
export function requireGovernorOf(
  viewer: Viewer,
  regionCode: string,
  action: string,
  what = 'it',
): void {
  if (governs(viewer, regionCode)) return;
  requireRole(viewer, [Role.AUTHORITY, Role.ADMIN], action);
  throw forbidden(
    `may not ${action}: ${what} lies in ${regionCode}, outside this key's region ${viewer.regionCode} — only ADMIN keys or an AUTHORITY key of a region containing ${regionCode} may`,
  );
}

/** Keys that send large documents (an imported directory, a published list of 5,000 rows). */
export const sendsLargeBodies = (viewer: Viewer) =>
  viewer.role === Role.ADMIN || viewer.role === Role.AUTHORITY;

/** FORBIDDEN unless the viewer is an admin or staff of that institution. */
export function requireAdminOrStaffOf(
  viewer: Viewer,
  institutionId: number | null,
  action: string,
  refusal: Refusal = {},
): void {
  if (isAdmin(viewer) || isStaffOf(viewer, institutionId)) return;
  if (isAnonymous(viewer)) requireRole(viewer, [Role.INSTITUTION_STAFF, Role.ADMIN], action);
  throw forbidden(
    `only ${refusal.who ?? 'ADMIN keys, or staff of the institution,'} may ${action}`,
  );
}

/**
 * Who may call the field: type-graphql's @Authorized with the roles, and the policy on the
 * field's extensions, where `authChecker` words its refusal and tests find it.
 */
export function Allow(roles: readonly Role[], action: string, refusal: Refusal = {}) {
  const access: AccessPolicy = { roles, action, ...refusal };
  const authorized = Authorized<Role>([...roles]);
  const extensions = Extensions({ access });
  return (target: object, property: string | symbol, descriptor?: PropertyDescriptor) => {
    authorized(target, property, descriptor!);
    extensions(target, property, descriptor!);
  };
}

/** The access policy a field declares (undefined: anyone may call it). */
export const accessOf = (field: GraphQLField<unknown, unknown> | undefined) =>
  (field?.extensions as { access?: AccessPolicy } | undefined)?.access;

/** type-graphql's check of @Authorized fields: refuses as requireRole does, with the field's words. */
export const authChecker: AuthChecker<{ viewer: Viewer }, Role> = ({ context, info }, roles) => {
  const access = accessOf(info.parentType.getFields()[info.fieldName]);
  requireRole(context.viewer, roles, access?.action ?? `use ${info.fieldName}`, access);
  return true;
};
