// What the registry adds to Enterprise: its designations and its verified level, batched over
// every enterprise of a response.
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Enterprise } from '../referrals/enterprise.entity';
import { SpecializationLevel } from '../services/eligibility';
import type { CultivationContext } from './cultivation.context';
import { Designation } from './designation.entity';

@Resolver(() => Enterprise)
export class EnterpriseRegistryResolver {
  @FieldResolver(() => [Designation], {
    description:
      'Every designation, newest first, whatever its status (the lists are published: PUBLIC may read them).',
  })
  designations(
    @Root() enterprise: Enterprise,
    @Ctx() { designations }: CultivationContext,
  ): Promise<Designation[]> {
    return designations.byEnterprise.load(enterprise.key);
  }

  @FieldResolver(() => SpecializationLevel, {
    description:
      'What the registry says today: LITTLE_GIANT or SPECIALIZED while such a designation is ACTIVE or UNDER_REVIEW, else NONE. Every eligibility rule uses this, never a declared level.',
  })
  verifiedSpecialization(
    @Root() enterprise: Enterprise,
    @Ctx() { designations }: CultivationContext,
  ): Promise<SpecializationLevel> {
    return designations.verifiedLevel.load(enterprise.key);
  }
}
