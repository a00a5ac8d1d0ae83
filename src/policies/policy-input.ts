// The checks of a policy to publish and of the amounts the application mutations carry: every
// field trimmed, bounded and in canonical form, or BAD_USER_INPUT naming the field.
import { parseIndustryCode } from '../cultivation/industry-classification';
import type { DesignationKind } from '../cultivation/designation-enums';
import { normalizeRegionCode } from '../regions/region-code';
import { badInput } from '../schema/errors';
import { publicCode, requiredText, shownText } from '../schema/input';
import type { EnterpriseScale } from '../services/eligibility';
import type { BenefitKind, PolicyDelivery } from './policy-enums';
import type { PublishPolicyInput } from './policy.inputs';

/** numeric(14,2): twelve digits of yuan. */
const MAX_YUAN = 999_999_999_999.99;
const MAX_INDUSTRY_CODES = 50;
const PHONE = /^\+?[0-9][0-9 ()-]{4,28}$/;

/** The scalar parses a day to UTC midnight: its ISO date is the day as written. */
export const dayOf = (date: Date) => date.toISOString().slice(0, 10);

/**
 * A sum of yuan as PostgreSQL's numeric text ("1200.50"): positive (or zero when `zero`), at most
 * two decimals — a fen is the smallest unit, and nothing is rounded silently.
 */
export function yuanAmount(value: number, field: string, options: { zero?: boolean } = {}): string {
  const fen = Math.round(value * 100);
  if (!Number.isFinite(value) || Math.abs(value * 100 - fen) > 1e-6)
    throw badInput(`${field} must be a sum of yuan with at most two decimals, e.g. 1200.50`, field);
  if (value < 0 || (value === 0 && !options.zero))
    throw badInput(`${field} must be more than 0 yuan`, field);
  if (value > MAX_YUAN)
    throw badInput(`${field} is ${value} yuan: at most ${MAX_YUAN} may be recorded`, field);
  return (fen / 100).toFixed(2);
}

/** Free text people read: bounded, no control or invisible characters, no formula start. */
function readable(value: string, field: string, max: number, lines = false): string {
  return shownText(requiredText(value, field, max), field, { lines })!;
}

export interface PolicyDraft {
  code: string;
  title: string;
  /** Six digits; null for a national policy. */
  regionCode: string | null;
  issuer: string;
  categoryCode: string;
  benefitKind: BenefitKind;
  maxAmountYuan: string | null;
  delivery: PolicyDelivery;
  eligibleScales: EnterpriseScale[];
  minDesignation: DesignationKind | null;
  industryCodes: string[];
  pilotOnly: boolean;
  opensOn: string;
  closesOn: string | null;
  guide: {
    beneficiaries: string;
    conditions: string;
    materials: string;
    office: string;
    phone: string;
  };
}

/** The input checked field by field; `today` (Beijing) bounds the window. */
export function policyDraft(input: PublishPolicyInput, today: string): PolicyDraft {
  const regionCode = input.regionCode?.trim()
    ? normalizeRegionCode(input.regionCode, 'regionCode')
    : null;
  const opensOn = dayOf(input.opensOn);
  const closesOn = input.closesOn ? dayOf(input.closesOn) : null;
  if (closesOn !== null && closesOn < opensOn)
    throw badInput(
      `closesOn ${closesOn} is before opensOn ${opensOn}: close on or after it`,
      'closesOn',
    );
  if (closesOn !== null && closesOn < today)
    throw badInput(`closesOn ${closesOn} has passed (today is ${today} in Beijing)`, 'closesOn');
  const industryCodes = input.industryCodes ?? [];
  if (industryCodes.length > MAX_INDUSTRY_CODES)
    throw badInput(
      `industryCodes lists ${industryCodes.length} codes: use at most ${MAX_INDUSTRY_CODES} prefixes`,
      'industryCodes',
    );
  const guide = input.guide;
  const phone = requiredText(guide.phone, 'guide.phone', 30);
  if (!PHONE.test(phone))
    throw badInput('guide.phone must be a telephone number such as 020-83133114', 'guide.phone');
  return {
    code: publicCode(input.code, 'code'),
    title: readable(input.title, 'title', 200),
    regionCode,
    issuer: readable(input.issuer, 'issuer', 100),
    categoryCode: input.categoryCode.trim(),
    benefitKind: input.benefitKind,
    maxAmountYuan:
      input.maxAmountYuan === null || input.maxAmountYuan === undefined
        ? null
        : yuanAmount(input.maxAmountYuan, 'maxAmountYuan'),
    delivery: input.delivery,
    eligibleScales: [...new Set(input.eligibleScales ?? [])].sort(),
    minDesignation: input.minDesignation ?? null,
    industryCodes: [
      ...new Set(
        industryCodes.map((code, n) => parseIndustryCode(code, `industryCodes[${n}]`, 'section')),
      ),
    ].sort(),
    pilotOnly: input.pilotOnly ?? false,
    opensOn,
    closesOn,
    guide: {
      beneficiaries: readable(guide.beneficiaries, 'guide.beneficiaries', 2000, true),
      conditions: readable(guide.conditions, 'guide.conditions', 4000, true),
      materials: readable(guide.materials, 'guide.materials', 4000, true),
      office: readable(guide.office, 'guide.office', 200),
      phone,
    },
  };
}
