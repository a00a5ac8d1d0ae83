// Enterprise fields: its region and the referrals the viewer may see.
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Region } from '../regions/region.entity';
import { PageArgs, pageWindow, toConnection } from '../schema/pagination';
import { Enterprise } from './enterprise.entity';
import type { ReferralContext } from './referral.context';
import { REFERRAL_CURSOR, referralPagesByEnterprise } from './referral.queries';
import { ReferralConnection } from './referral.resolver';

@Resolver(() => Enterprise)
export class EnterpriseResolver {
  @FieldResolver(() => Region, { description: 'Where the enterprise is registered.' })
  async region(
    @Root() enterprise: Enterprise,
    @Ctx() { regions }: ReferralContext,
  ): Promise<Region> {
    return (await regions.byCode(enterprise.regionCode))!;
  }

  @FieldResolver(() => ReferralConnection, {
    description: 'Its referrals that the key may see, newest first.',
  })
  referrals(
    @Root() enterprise: Enterprise,
    @Args() page: PageArgs,
    @Ctx() context: ReferralContext,
  ): Promise<ReferralConnection> {
    const window = pageWindow(page, REFERRAL_CURSOR, 'Enterprise.referrals');
    return context.connections
      .get<number, ReferralConnection>('Enterprise.referrals', page, async (keys) =>
        (await referralPagesByEnterprise(context, keys, window)).map((keyed) =>
          toConnection(keyed, window),
        ),
      )
      .load(enterprise.key);
  }
}
