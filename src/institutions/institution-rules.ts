// The one rule set of what an institution may be, used by every writer: createInstitution and
// updateInstitution, the network import (row by row, with the CSV's column names) and the seed.
// Each rule takes the name of the field it checks, as the writer's client knows it
// (`contact.phone` in GraphQL, `phone` in a CSV), and throws BAD_USER_INPUT naming it.
import { EmailAddressResolver } from 'graphql-scalars';
import type { Region } from '../regions/region.entity';
import { badInput, quote } from '../schema/errors';
import { optionalText, requiredText, shownText } from '../schema/input';
import { InstitutionKind, InstitutionTier } from './institution-enums';
import { TIER_OF_REGION_LEVEL } from './tree-rules';

/** Chinese landlines (0769-22123456, extension allowed), 400/800 hotlines, mobiles. */
const PHONE = /^(0\d{2,3}-\d{7,8}(-\d{1,6})?|[48]00-?\d{3}-?\d{4}|1[3-9]\d{9})$/;

const MAX_NAME = 200;
const MAX_ADDRESS = 300;
/** Longer web addresses are tracking links, not an institution's site. */
const MAX_WEBSITE = 300;

/** The official (Chinese) name: required, one line of plain text. */
export function institutionName(value: string | null | undefined, field = 'name'): string {
  return shownText(requiredText(value, field, MAX_NAME), field)!;
}

/** The English name: optional, one line of plain text. */
export function institutionNameEn(value: string | null | undefined, field = 'nameEn') {
  return shownText(optionalText(value, field, MAX_NAME), field);
}

export function institutionAddress(value: string | null | undefined, field = 'address') {
  return shownText(optionalText(value, field, MAX_ADDRESS), field);
}

export function institutionPhone(value: string | null | undefined, field = 'phone') {
  const phone = value?.trim() || null;
  if (phone && !PHONE.test(phone))
    throw badInput(
      `${field} ${quote(phone)} is not a Chinese phone number: use 0769-22123456, 400-123-4567 or 13812345678`,
      field,
    );
  return phone;
}

export function institutionEmail(value: string | null | undefined, field = 'email') {
  const email = value?.trim() || null;
  if (email === null) return null;
  try {
    return EmailAddressResolver.parseValue(email) as string;
  } catch {
    throw badInput(
      `${field} ${quote(email)} is not an e-mail address: use one such as service@gdsme.org.cn`,
      field,
    );
  }
}

/**
 * An http(s) address with a host name: what a reader can open. The GraphQL URL scalar hands a
 * parsed URL (its text is the normalised address); a CSV hands the text as written.
 */
export function institutionWebsite(value: string | URL | null | undefined, field = 'website') {
  const website = value?.toString().trim() || null;
  if (website === null) return null;
  let url: URL | null = null;
  try {
    url = new URL(website);
  } catch {
    // not an address at all: refused below like any other
  }
  if (
    !url ||
    (url.protocol !== 'https:' && url.protocol !== 'http:') ||
    !url.hostname.includes('.') ||
    website.length > MAX_WEBSITE
  )
    throw badInput(
      `${field} ${quote(website)} is not a web address: use an http(s) address of at most ${MAX_WEBSITE} characters, such as https://www.gdsme.org.cn`,
      field,
    );
  return website;
}

/** How to reach an institution, each part checked by its rule. */
export interface InstitutionContact {
  phone: string | null;
  email: string | null;
  website: string | null;
  address: string | null;
}

/** The field names of a writer's client, e.g. `contact.phone` or `phone`. */
export type ContactFields = Record<keyof InstitutionContact, string>;

export function institutionContact(
  contact: {
    phone?: string | null;
    email?: string | null;
    website?: string | URL | null;
    address?: string | null;
  },
  fields: ContactFields,
): InstitutionContact {
  return {
    phone: institutionPhone(contact.phone, fields.phone),
    email: institutionEmail(contact.email, fields.email),
    website: institutionWebsite(contact.website, fields.website),
    address: institutionAddress(contact.address, fields.address),
  };
}

/** The tier must be the one that serves the region's level. */
export function tierFitsRegion(tier: InstitutionTier, region: Region, field = 'tier'): void {
  const fitting = TIER_OF_REGION_LEVEL[region.level];
  if (fitting !== tier)
    throw badInput(
      `tier ${tier} does not fit ${region.name} (${region.code}), a ${region.level}: use ${fitting}`,
      field,
    );
}

/** The national centre is PUBLIC, serves no region and has no parent: each way it is not. */
export function nationalCentreProblems(
  given: { kind: InstitutionKind | null; regionCode: string | null; parentCode: string | null },
  fields: { kind: string; regionCode: string; parentCode: string },
): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (given.regionCode)
    problems.push({
      field: fields.regionCode,
      message: `the national centre serves no region: leave ${fields.regionCode} empty`,
    });
  if (given.parentCode)
    problems.push({
      field: fields.parentCode,
      message: `the national centre has no parent: leave ${fields.parentCode} empty`,
    });
  if (given.kind === InstitutionKind.MARKET)
    problems.push({
      field: fields.kind,
      message: 'the national centre is PUBLIC: use kind PUBLIC',
    });
  return problems;
}

/**
 * A parent given must be the one the tree rules prescribe (tree-rules.ts `parentPlace`); left
 * out, it is that one.
 */
export function prescribedParentCode(
  given: string | null | undefined,
  prescribed: { code: string; name?: string },
  institution: { kind: InstitutionKind; tier: InstitutionTier; regionCode: string },
  field = 'parentCode',
): string {
  const written = given?.trim();
  if (written && written !== prescribed.code)
    throw badInput(
      `${field} must be ${prescribed.code}${prescribed.name ? ` (${prescribed.name})` : ''}: the tree rules hang a ${institution.kind} ${institution.tier} institution of ${institution.regionCode} there (or leave ${field} out)`,
      field,
    );
  return prescribed.code;
}
