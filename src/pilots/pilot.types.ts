// The pilots' GraphQL shapes besides the tables: progress figures, a provider's record, the
// mutations' inputs and payloads.
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateResolver } from 'graphql-scalars';
import { DesignatedEnterpriseInput } from '../cultivation/designation.inputs';
import { PilotCity } from './pilot-city.entity';
import { PilotEnterprise } from './pilot-enterprise.entity';

@ObjectType({
  description:
    'Enterprises and money of a pilot city or area, as of now. Cumulative: each count is the enterprises that reached that stage (an ACCEPTED one counts as enrolled, diagnosed and in transformation too); withdrawn ones are counted apart.',
})
export class PilotProgress {
  @Field(() => Int, { description: 'Enrolled and not withdrawn.' })
  enrolled!: number;

  @Field(() => Int, { description: 'Diagnosed, in transformation or accepted.' })
  diagnosed!: number;

  @Field(() => Int, { description: 'In transformation or accepted.' })
  inTransformation!: number;

  @Field(() => Int, { description: 'Accepted.' })
  accepted!: number;

  @Field(() => Int, { description: 'Withdrawn (at whatever stage).' })
  withdrawn!: number;

  @Field(() => Int, {
    description:
      'Enrolled enterprises holding an ACTIVE or UNDER_REVIEW SPECIALIZED_SME or LITTLE_GIANT designation.',
  })
  specialized!: number;

  @Field(() => Int, { description: 'Accepted enterprises whose digital level after is 2 or more.' })
  atLevelTwoOrAbove!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'atLevelTwoOrAbove ÷ accepted; null while none is accepted.',
  })
  atLevelTwoOrAboveShare!: number | null;

  @Field(() => Float, { description: 'Subsidies paid at acceptance, yuan.' })
  subsidyPaidYuan!: number;
}

@ObjectType({
  description: 'What an institution delivered as a provider of digital-transformation pilots.',
})
export class PilotRecord {
  @Field(() => Int, { description: 'Pilot enterprises it diagnosed.' })
  diagnosed!: number;

  @Field(() => Int, { description: 'Projects it carried out that were accepted.' })
  accepted!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Mean of levelAfter − levelBefore over accepted projects; null without any.',
  })
  averageLevelGain!: number | null;
}

@InputType({ description: 'A new pilot city.' })
export class CreatePilotCityInput {
  @Field({
    description:
      'A prefecture-level division, or a district of a municipality; one pilot city per division.',
  })
  regionCode!: string;

  @Field(() => Int, { description: 'The yearly batch it was chosen in (1 or more).' })
  batch!: number;

  @Field(() => DateResolver, { description: 'First day of the pilot (Beijing).' })
  startsOn!: Date;

  @Field(() => DateResolver, { description: 'Last day of the pilot; enrolment closes after it.' })
  endsOn!: Date;

  @Field(() => Int, { description: 'How many enterprises the city sets out to transform.' })
  targetEnterprises!: number;

  @Field(() => Float, {
    description:
      'Central funds allocated, yuan, at most two decimals (20 % kept for public services, the rest the SME pool).',
  })
  fundsAllocatedYuan!: number;
}

@ObjectType({ description: 'The pilot city made.' })
export class PilotCityPayload {
  @Field(() => PilotCity, { description: 'The city.' })
  pilotCity!: PilotCity;
}

@InputType({ description: 'An enterprise to enrol in a pilot city.' })
export class EnrolPilotEnterpriseInput {
  @Field({
    description: 'Unique per API key: a retry with the same key returns the first enrolment.',
  })
  idempotencyKey!: string;

  @Field({ description: 'The pilot city’s region code.' })
  cityCode!: string;

  @Field(() => DesignatedEnterpriseInput, {
    description: 'The enterprise, located in the city’s region; upserted by its credit code.',
  })
  enterprise!: DesignatedEnterpriseInput;

  @Field({ description: 'The sub-industry it is enrolled under (细分行业), e.g. 汽车零部件.' })
  subIndustry!: string;
}

@InputType({ description: 'The diagnosis of a pilot enterprise’s digital level.' })
export class RecordPilotDiagnosisInput {
  @Field(() => ID, { description: 'Global id of the pilot enterprise.' })
  pilotEnterpriseId!: string;

  @Field(() => Int, { description: 'Digital level found (数字化水平), 1 to 4.' })
  levelBefore!: number;

  @Field({
    description: 'Code of the active MARKET agency in the city’s province that diagnosed it.',
  })
  providerCode!: string;
}

@InputType({ description: 'The start of a pilot enterprise’s transformation project.' })
export class StartPilotProjectInput {
  @Field(() => ID, { description: 'Global id of the pilot enterprise.' })
  pilotEnterpriseId!: string;

  @Field({
    description: 'Code of the active MARKET agency in the city’s province that carries it out.',
  })
  providerCode!: string;

  @Field(() => Float, {
    description: 'What the project costs, yuan, more than 0, at most two decimals.',
  })
  projectCostYuan!: number;
}

@InputType({ description: 'The acceptance of a pilot enterprise’s project.' })
export class AcceptPilotProjectInput {
  @Field(() => ID, { description: 'Global id of the pilot enterprise.' })
  pilotEnterpriseId!: string;

  @Field(() => Int, { description: 'Digital level reached, 1 to 4, at least the level found.' })
  levelAfter!: number;
}

@InputType({ description: 'A pilot enterprise leaving its pilot before acceptance.' })
export class WithdrawPilotEnterpriseInput {
  @Field(() => ID, { description: 'Global id of the pilot enterprise.' })
  pilotEnterpriseId!: string;

  @Field({ description: 'Why it leaves (kept in its history).' })
  reason!: string;
}

@ObjectType({ description: 'The pilot enterprise after the change.' })
export class PilotEnterprisePayload {
  @Field(() => PilotEnterprise, { description: 'The pilot enterprise.' })
  pilotEnterprise!: PilotEnterprise;
}
