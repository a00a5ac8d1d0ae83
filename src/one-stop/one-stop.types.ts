// The one-stop lookup's input and result types.
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { InstitutionTier } from '../institutions/institution-enums';
import { Institution } from '../institutions/institution.entity';
import { Region } from '../regions/region.entity';
import { EnterpriseScale, SpecializationLevel } from '../services/eligibility';
import { DeliveryMode } from '../services/service-enums';
import { Service } from '../services/service.entity';

export const DEFAULT_LIMIT_PER_TIER = 10;
export const MAX_LIMIT_PER_TIER = 50;
export const DEFAULT_EVENTS_PER_TIER = 3;
export const MAX_EVENTS_PER_TIER = 20;

@InputType({ description: 'An enterprise and its need: who serves it, nearest tier first?' })
export class OneStopInput {
  @Field({
    description:
      'Where the enterprise is: a county, prefecture or province code (2, 4 or 6 digits).',
  })
  regionCode!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The service category needed (a sub-category matches its parent).',
  })
  categoryCode?: string | null;

  @Field(() => EnterpriseScale, {
    nullable: true,
    description: 'The enterprise’s scale: keeps services open to it.',
  })
  scale?: EnterpriseScale | null;

  @Field(() => SpecializationLevel, {
    nullable: true,
    description:
      'The enterprise’s standing: keeps services whose minimum is at or below it (default NONE).',
  })
  specialization?: SpecializationLevel | null;

  @Field(() => String, {
    nullable: true,
    description:
      'With a credit code the registry’s verified designation is used, not the declared specialization.',
  })
  creditCode?: string | null;

  @Field(() => [DeliveryMode], { nullable: true, description: 'Acceptable delivery modes.' })
  deliveryMode?: DeliveryMode[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'Words to find in the service’s name or description (Chinese or English).',
  })
  search?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: `Most matches returned per tier (default ${DEFAULT_LIMIT_PER_TIER}, 1 to ${MAX_LIMIT_PER_TIER}).`,
  })
  limitPerTier?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: `Most upcoming events returned per tier (default ${DEFAULT_EVENTS_PER_TIER}, 0 to ${MAX_EVENTS_PER_TIER}).`,
  })
  eventsPerTier?: number | null;
}

/**
 * What a tier's events are chosen by, handed on with each tier for `OneStopTier.events` (declared
 * by the events domain, so that one-stop need not know events). Not GraphQL fields.
 */
export interface TierEventQuery {
  /** The tier's region; null for the nation. */
  regionCode: string | null;
  scale: EnterpriseScale | null;
  specialization: SpecializationLevel;
  /** The category asked for and its sub-categories; null for any. */
  categoryKeys: number[] | null;
  /** Most events to return (0 for none). */
  eventsPerTier: number;
}

@ObjectType({ description: 'A service that answers the need, where it is and why it was chosen.' })
export class OneStopMatch {
  @Field(() => Service, { description: 'The matching service.' })
  service!: Service;

  @Field(() => Institution, { description: 'The institution that offers it.' })
  institution!: Institution;

  @Field(() => Int, {
    description: '0 = the enterprise’s own region; each step up the hierarchy adds 1.',
  })
  distance!: number;

  @Field({
    description:
      "Why it matched, in plain words (e.g. '东城区中小企业服务中心 — county centre of 东城区; category 融资服务').",
  })
  reason!: string;
}

@ObjectType({ description: 'One tier of the escalation chain and what it offers.' })
export class OneStopTier {
  @Field(() => InstitutionTier, { description: 'COUNTY, MUNICIPAL, PROVINCIAL or NATIONAL.' })
  tier!: InstitutionTier;

  @Field(() => Institution, {
    nullable: true,
    description:
      'The public institution of this tier that serves the region (null where the region has no centre of its own).',
  })
  institution!: Institution | null;

  @Field(() => [OneStopMatch], {
    description:
      'Matches at this tier, best first: PUBLIC before MARKET, FREE before SUBSIDIZED before PAID, then name.',
  })
  matches!: OneStopMatch[];

  /** What this tier's events are chosen by (see TierEventQuery). */
  eventQuery!: TierEventQuery;
}

@ObjectType({ description: 'Who serves the enterprise, nearest tier first.' })
export class OneStopResult {
  @Field(() => Region, { description: 'The enterprise’s region, in its six-digit form.' })
  region!: Region;

  @Field(() => [OneStopTier], {
    description:
      'Nearest tier first: COUNTY, MUNICIPAL, PROVINCIAL, NATIONAL. Tiers that do not exist above the region (no real prefecture) are skipped; a tier whose region has no centre is kept with institution null.',
  })
  tiers!: OneStopTier[];

  @Field(() => [OneStopMatch], { description: 'Every match, nearest first.' })
  matches!: OneStopMatch[];
}
