// Each condition of a policy in plain words, as matching judged it: the SQL of
// policy-eligibility.ts decides `met`; this says what was required and what the registry holds.
import type { DesignationKind } from '../cultivation/designation-enums';
import type { EnterpriseScale } from '../services/eligibility';
import { NOT_ENROLLED_DETAIL } from './pilot-enrolment';
import type { Policy } from './policy.entity';
import type { ConditionName, PolicyCondition } from './policy.types';
import { calendarDate } from './stored-values';

/** What the registry holds of the enterprise, read in the matching statement. */
export interface EnterpriseFacts {
  scale: EnterpriseScale;
  industryCode: string | null;
  /** Its highest designation valid today, with the day it took effect; null: none. */
  held: { kind: DesignationKind; since: string } | null;
  /** The names of its region chain, nearest first (e.g. 仙桃市, 湖北省). */
  chainNames: string[];
}

export interface ConditionsMet {
  scale: boolean;
  designation: boolean;
  industry: boolean;
  pilot: boolean;
}

const TIERS = ['the enterprise’s own division', 'the division above it', 'its province'];

function regionDetail(policy: Policy, distance: number, facts: EnterpriseFacts): string {
  if (policy.regionCode === null) return 'a national policy: it applies everywhere';
  const issuer = facts.chainNames[distance] ?? policy.regionCode;
  return `issued for ${issuer} (${TIERS[distance] ?? 'a division above it'}); it applies everywhere below it`;
}

function windowDetail(policy: Policy): string {
  const closes = calendarDate(policy.closesOn);
  return `open from ${calendarDate(policy.opensOn)} ${closes ? `until ${closes}` : 'with no closing day'}`;
}

function designationDetail(policy: Policy, facts: EnterpriseFacts, met: boolean): string {
  if (policy.minDesignation === null) return 'no designation required';
  const holds = facts.held
    ? `the registry holds ${facts.held.kind} since ${facts.held.since}`
    : 'the registry holds none valid today for this enterprise';
  return `requires ${policy.minDesignation}${met ? ' or a higher rung' : ''}; ${holds}`;
}

function industryDetail(policy: Policy, facts: EnterpriseFacts): string {
  if (policy.industryCodes.length === 0) return 'open to every industry';
  const holds = facts.industryCode
    ? `the enterprise’s industry is ${facts.industryCode}`
    : 'the registry holds no industry code for this enterprise';
  return `requires an industry under ${policy.industryCodes.join(', ')}; ${holds}`;
}

function scaleDetail(policy: Policy, facts: EnterpriseFacts): string {
  if (policy.eligibleScales.length === 0) return 'open to every scale';
  return `open to ${policy.eligibleScales.join(', ')}; the enterprise is ${facts.scale}`;
}

function pilotDetail(policy: Policy, met: boolean): string {
  if (!policy.pilotOnly) return 'open to every enterprise, in a pilot or not';
  return met ? 'only pilot enterprises; the enterprise is enrolled' : NOT_ENROLLED_DETAIL;
}

/** Region and window first (always met for a policy matching lists), then the enterprise's own. */
export function describeConditions(
  policy: Policy,
  distance: number,
  facts: EnterpriseFacts,
  met: ConditionsMet,
): PolicyCondition[] {
  const condition = (name: ConditionName, isMet: boolean, detail: string): PolicyCondition => ({
    condition: name,
    met: isMet,
    detail,
  });
  return [
    condition('region', true, regionDetail(policy, distance, facts)),
    condition('window', true, windowDetail(policy)),
    condition('scale', met.scale, scaleDetail(policy, facts)),
    condition('designation', met.designation, designationDetail(policy, facts, met.designation)),
    condition('industry', met.industry, industryDetail(policy, facts)),
    condition('pilot', met.pilot, pilotDetail(policy, met.pilot)),
  ];
}
