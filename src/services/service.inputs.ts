// Input and payload types of the service mutations.
import { Field, InputType, ObjectType } from 'type-graphql';
import { EnterpriseScale, SpecializationLevel } from './eligibility';
import { DeliveryMode, FeeType } from './service-enums';
import { Service } from './service.entity';

@InputType({ description: 'A new service of an institution.' })
export class CreateServiceInput {
  @Field({ description: 'The institution that offers it.' })
  institutionCode!: string;

  @Field({ description: 'Stable public code, unique across the network.' })
  code!: string;

  @Field({ description: 'Chinese name.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'English name.' })
  nameEn?: string | null;

  @Field(() => String, { nullable: true, description: 'What the service does.' })
  description?: string | null;

  @Field({ description: 'Its (sub-)category, e.g. FIN-LOAN.' })
  categoryCode!: string;

  @Field(() => DeliveryMode, { description: 'Online, on site or both.' })
  deliveryMode!: DeliveryMode;

  @Field(() => FeeType, { description: 'Free, subsidized or paid.' })
  fee!: FeeType;

  @Field(() => [EnterpriseScale], {
    nullable: true,
    description: 'Scales it is open to; empty or left out means all.',
  })
  eligibleScales?: EnterpriseScale[] | null;

  @Field(() => SpecializationLevel, {
    nullable: true,
    description: 'Lowest standing required (default NONE).',
  })
  minSpecialization?: SpecializationLevel | null;
}

@InputType({ description: 'Changes to a service; fields left out stay as they are.' })
export class UpdateServiceInput {
  @Field({ description: 'The service to change.' })
  code!: string;

  @Field(() => String, { nullable: true, description: 'Chinese name.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'English name.' })
  nameEn?: string | null;

  @Field(() => String, { nullable: true, description: 'What the service does.' })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Its (sub-)category.' })
  categoryCode?: string | null;

  @Field(() => DeliveryMode, { nullable: true, description: 'Online, on site or both.' })
  deliveryMode?: DeliveryMode | null;

  @Field(() => FeeType, { nullable: true, description: 'Free, subsidized or paid.' })
  fee?: FeeType | null;

  @Field(() => [EnterpriseScale], {
    nullable: true,
    description: 'Scales it is open to; empty means all.',
  })
  eligibleScales?: EnterpriseScale[] | null;

  @Field(() => SpecializationLevel, { nullable: true, description: 'Lowest standing required.' })
  minSpecialization?: SpecializationLevel | null;

  @Field(() => Boolean, { nullable: true, description: 'False withdraws the service.' })
  active?: boolean | null;
}

@ObjectType({ description: 'The service after the change.' })
export class ServicePayload {
  @Field(() => Service, { description: 'The service.' })
  service!: Service;
}
