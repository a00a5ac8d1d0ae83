// Enterprise fields: its region and the referrals the viewer may see.
import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { Region } from '../regions/region.entity';
import { PageArgs, pageWindow, toConnection } from '../schema/pagination';
import { selects } from '../schema/selection';
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
    @Info() info: GraphQLResolveInfo,
  ): Promise<ReferralConnection> {
    const window = pageWindow(page, REFERRAL_CURSOR, 'Enterprise.referrals');
    const withTotals = selects(info, 'totalCount');
    return context.connections
      .get<number, ReferralConnection>('Enterprise.referrals', { page, withTotals }, async (keys) =>
        (await referralPagesByEnterprise(context, keys, window, withTotals)).map((keyed) =>
          toConnection(keyed, window),
        ),
      )
      .load(enterprise.key);
  }
}
