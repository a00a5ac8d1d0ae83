// Who a service is open to: enterprise scale and standing in the specialized-and-sophisticated
// programme. The ordering of standings and the rule itself live here; the filters apply it in SQL.
import { registerEnumType } from 'type-graphql';

export enum EnterpriseScale {
  MICRO = 'MICRO',
  SMALL = 'SMALL',
  MEDIUM = 'MEDIUM',
}

/** Ordered: NONE < SPECIALIZED ("专精特新" SME) < LITTLE_GIANT ("小巨人" enterprise). */
export enum SpecializationLevel {
  NONE = 'NONE',
  SPECIALIZED = 'SPECIALIZED',
  LITTLE_GIANT = 'LITTLE_GIANT',
}

export const SPECIALIZATION_ORDER: readonly SpecializationLevel[] = [
  SpecializationLevel.NONE,
  SpecializationLevel.SPECIALIZED,
  SpecializationLevel.LITTLE_GIANT,
];

/** Levels at or below `level`: the minimums a service may demand and still admit it. */
export function specializationsAtOrBelow(level: SpecializationLevel): SpecializationLevel[] {
  return SPECIALIZATION_ORDER.slice(0, SPECIALIZATION_ORDER.indexOf(level) + 1);
}

/** Who a service or an event is open to. */
export interface EligibilityRule {
  /** Empty means every scale. */
  eligibleScales: readonly EnterpriseScale[];
  /** This standing or higher. */
  minSpecialization: SpecializationLevel;
}

/** Whether the rule admits an enterprise of this scale. */
export const admitsScale = (rule: EligibilityRule, scale: EnterpriseScale): boolean =>
  rule.eligibleScales.length === 0 || rule.eligibleScales.includes(scale);

/** Whether the rule admits an enterprise of this standing. */
export const admitsSpecialization = (rule: EligibilityRule, level: SpecializationLevel): boolean =>
  SPECIALIZATION_ORDER.indexOf(level) >= SPECIALIZATION_ORDER.indexOf(rule.minSpecialization);

/** Whether the rule admits the enterprise: its scale and its standing. */
export const admits = (
  rule: EligibilityRule,
  enterprise: { scale: EnterpriseScale; specialization: SpecializationLevel },
): boolean =>
  admitsScale(rule, enterprise.scale) && admitsSpecialization(rule, enterprise.specialization);

// Stryker disable all: the enums' registration and wording for GraphQL, not rules.
registerEnumType(EnterpriseScale, {
  name: 'EnterpriseScale',
  description:
    'Enterprise size class under the SME classification rules (工信部联企业〔2011〕300号).',
  valuesConfig: {
    MICRO: {
      description: 'Micro enterprise (微型企业), e.g. in industry fewer than 20 employees.',
    },
    SMALL: { description: 'Small enterprise (小型企业), e.g. in industry 20 to 299 employees.' },
    MEDIUM: {
      description: 'Medium-sized enterprise (中型企业), e.g. in industry 300 to 999 employees.',
    },
  },
});

registerEnumType(SpecializationLevel, {
  name: 'SpecializationLevel',
  description: "An SME's standing in the specialized-and-sophisticated programme.",
  valuesConfig: {
    NONE: { description: 'Not in the programme.' },
    SPECIALIZED: { description: '"Specialized and sophisticated" (专精特新) SME.' },
    LITTLE_GIANT: { description: '"Little giant" (专精特新“小巨人”) enterprise.' },
  },
});
