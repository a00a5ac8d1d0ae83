// Why a service was offered, in plain words a front-end can show as they are: who offers it,
// how far up the chain it is, its category, and the eligibility rule that let it through.
import { InstitutionKind, InstitutionTier } from '../institutions/institution-enums';
import type { Institution } from '../institutions/institution.entity';
import type { Region } from '../regions/region.entity';
import type { EnterpriseScale, SpecializationLevel } from '../services/eligibility';
import { SpecializationLevel as Level } from '../services/eligibility';
import type { ServiceCategory } from '../services/service-category.entity';
import type { Service } from '../services/service.entity';

const TIER_WORD: Record<InstitutionTier, string> = {
  [InstitutionTier.COUNTY]: 'county',
  [InstitutionTier.MUNICIPAL]: 'municipal',
  [InstitutionTier.PROVINCIAL]: 'provincial',
  [InstitutionTier.NATIONAL]: 'national',
};

const FEE_WORD = { FREE: 'free', SUBSIDIZED: 'subsidized', PAID: 'paid' } as const;

export interface ReasonFacts {
  institution: Institution;
  service: Service;
  /** The region of the step (null for the nation). */
  region: Region | null;
  /** Where the enterprise is. */
  origin: Region;
  distance: number;
  category: ServiceCategory;
  /** The category asked for, when it is an ancestor of the service's own. */
  askedCategory: ServiceCategory | null;
  scale: EnterpriseScale | null;
  specialization: SpecializationLevel | null;
}

function who({ institution, region }: ReasonFacts): string {
  if (institution.tier === InstitutionTier.NATIONAL) return `${institution.name} — national centre`;
  const place = region?.name ?? '';
  return institution.kind === InstitutionKind.PUBLIC
    ? `${institution.name} — ${TIER_WORD[institution.tier]} centre of ${place}`
    : `${institution.name} — market agency in ${place}`;
}

function escalation({ distance, origin }: ReasonFacts): string | null {
  if (distance === 0) return null;
  return `${distance === 1 ? 'one tier' : `${distance} tiers`} above ${origin.name}`;
}

function category({ category, askedCategory }: ReasonFacts): string {
  const within =
    askedCategory && askedCategory.key !== category.key ? ` within ${askedCategory.name}` : '';
  return `category ${category.name} (${category.nameEn})${within}`;
}

function eligibility({ service, scale, specialization }: ReasonFacts): string[] {
  const rules: string[] = [];
  if (scale) {
    rules.push(
      service.eligibleScales.length === 0
        ? 'open to every scale'
        : `open to ${service.eligibleScales.join('/')} enterprises`,
    );
  }
  if (specialization) {
    rules.push(
      service.minSpecialization === Level.NONE
        ? 'no specialization required'
        : `requires ${service.minSpecialization}, enterprise is ${specialization}`,
    );
  }
  return rules;
}

export function matchReason(facts: ReasonFacts): string {
  return [
    who(facts),
    escalation(facts),
    category(facts),
    ...eligibility(facts),
    FEE_WORD[facts.service.fee],
  ]
    .filter((part): part is string => part !== null)
    .join('; ');
}
