// The industries of GB/T 4754-2017 国民经济行业分类 with its amendment 1 (2019): 20 sections
// (门类, A–T), 97 divisions (大类), 473 groups (中类) and 1,382 classes (小类), written as the
// section letter and 2, 3 or 4 digits (C, C36, C367, C3670). A code's digits extend its parent's,
// so "under a prefix" is a plain starts-with, in SQL too (`industry_code LIKE prefix || '%'`).
//
// gb-t-4754-2017.json was built on 2026-12-06 by a code-by-code vote among four independent
// public transcriptions of the standard (GitHub: qwer-of-div/1frontEnd, zmshe/capital,
// Czsx-525/Vue-init, Nightboys/Nightboys.github.io); names where they split were settled on the
// standard's 2017 wording, and amendment 1's supervisory commissions (S923: S9231 监察委员会,
// S9232 人民法院, S9233 人民检察院) were applied. No registry package ships the table.
import { badInput, quote } from '../schema/errors';
import table from './gb-t-4754-2017.json';

export type IndustryLevel = 'section' | 'division' | 'group' | 'class';

export interface Industry {
  /** Canonical: section letter in upper case and 0, 2, 3 or 4 digits, e.g. C3670. */
  readonly code: string;
  /** The standard's Chinese name, e.g. 汽车零部件及配件制造. */
  readonly name: string;
  readonly level: IndustryLevel;
  /** The code one level up; null for a section. */
  readonly parent: string | null;
}

export interface IndustryWithChain extends Industry {
  /** Section first, down to the parent; empty for a section. */
  readonly ancestors: readonly Industry[];
}

const INDUSTRIES = table as readonly Industry[];
const BY_CODE = new Map(INDUSTRIES.map((industry) => [industry.code, industry]));
const CHILDREN = new Map<string, Industry[]>();
for (const industry of INDUSTRIES) {
  if (industry.parent !== null) {
    CHILDREN.set(industry.parent, [...(CHILDREN.get(industry.parent) ?? []), industry]);
  }
}
const SECTIONS = INDUSTRIES.filter((industry) => industry.level === 'section');
const DIVISIONS = INDUSTRIES.filter((industry) => industry.level === 'division');

const LEVELS: readonly IndustryLevel[] = ['section', 'division', 'group', 'class'];
const DIGITS: Record<IndustryLevel, number> = { section: 0, division: 2, group: 3, class: 4 };

const named = (industry: Industry) => `${industry.code} (${industry.name})`;

function childrenIn(parent: Industry): string {
  const children = CHILDREN.get(parent.code) ?? [];
  const codes = children.map((child) => child.code);
  // A section has up to 31 divisions, numbered without gaps; groups and classes are few.
  return parent.level === 'section' ? `run ${codes[0]}–${codes.at(-1)}` : `are ${codes.join(', ')}`;
}

/** Why a well-formed code is not in the standard, naming the nearest codes that are. */
function missing(code: string): string {
  const section = BY_CODE.get(code[0]);
  if (!section) {
    return `section ${code[0]} does not exist: sections run A–T`;
  }
  const digits = code.slice(1);
  const home = DIVISIONS.find((division) => division.code.slice(1) === digits.slice(0, 2));
  if (!home) {
    return `division ${digits.slice(0, 2)} does not exist in section ${named(section)}, whose divisions ${childrenIn(section)}`;
  }
  if (home.parent !== section.code) {
    const moved = BY_CODE.get(home.parent + digits);
    return `division ${digits.slice(0, 2)} belongs to section ${home.parent}, not ${section.code}${moved ? `: ${named(moved)}` : ''}`;
  }
  // The deepest existing ancestor, and the level below it that is wrong.
  let known = home;
  for (const length of [3, 4]) {
    const next = BY_CODE.get(code.slice(0, 1 + length));
    if (length > digits.length || !next) break;
    known = next;
  }
  const wrong = LEVELS[LEVELS.indexOf(known.level) + 1];
  return `${wrong} ${code.slice(0, 1 + DIGITS[wrong])} does not exist in ${known.level} ${named(known)}, whose ${wrong === 'class' ? 'classes' : `${wrong}s`} ${childrenIn(known)}`;
}

/**
 * The code in canonical form (trimmed, section letter in upper case) if GB/T 4754-2017 has it,
 * at `coarsest` or finer: enterprises name at least a division, a cluster's prefix may be a
 * whole section. BAD_USER_INPUT naming `field`, saying what is wrong and what would be right.
 */
export function parseIndustryCode(
  input: string,
  field = 'industryCode',
  coarsest: 'section' | 'division' = 'division',
): string {
  const code = input.trim().toUpperCase();
  const shape = coarsest === 'section' ? /^[A-Z](?:[0-9]{2,4})?$/ : /^[A-Z][0-9]{2,4}$/;
  if (!shape.test(code)) {
    const form =
      coarsest === 'section'
        ? 'a section letter A–T, alone or followed by 2, 3 or 4 digits, e.g. C, C36 or C3670'
        : 'a section letter A–T followed by 2, 3 or 4 digits, e.g. C36, C367 or C3670';
    throw badInput(`${field} ${quote(input)} is not a GB/T 4754-2017 code: write ${form}`, field);
  }
  if (!BY_CODE.has(code)) {
    throw badInput(
      `${field} ${quote(input)} is not a GB/T 4754-2017 code: ${missing(code)}`,
      field,
    );
  }
  return code;
}

/** The industry of a canonical code with its chain of ancestors; undefined if there is none. */
export function industryOf(code: string): IndustryWithChain | undefined {
  const industry = BY_CODE.get(code);
  if (!industry) return undefined;
  const ancestors: Industry[] = [];
  for (let up = industry.parent; up !== null;) {
    const parent = BY_CODE.get(up)!;
    ancestors.unshift(parent);
    up = parent.parent;
  }
  return { ...industry, ancestors };
}

/**
 * Whether `code` is `prefix` or lies below it (C3670 is under C, C36, C367 and C3670). Both must
 * be codes of the standard: C3 is no prefix, though every code starting C3 begins with it.
 */
export function isUnderPrefix(code: string, prefix: string): boolean {
  return BY_CODE.has(code) && BY_CODE.has(prefix) && code.startsWith(prefix);
}

/** The 20 sections, A to T. */
export function industrySections(): readonly Industry[] {
  return SECTIONS;
}

/** The 97 divisions in code order, or those of one section. */
export function industryDivisions(section?: string): readonly Industry[] {
  return section === undefined
    ? DIVISIONS
    : DIVISIONS.filter((division) => division.parent === section);
}

/** Every industry of the standard, in code order (for the tests and for seeding filters). */
export function allIndustries(): readonly Industry[] {
  return INDUSTRIES;
}
