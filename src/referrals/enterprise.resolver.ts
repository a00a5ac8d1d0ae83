import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Region } from '../regions/region.entity';
import type { RequestContext } from '../schema/context';
import { PageArgs, pageWindow } from '../schema/pagination';
import { Enterprise } from './enterprise.entity';
import { REFERRAL_CURSOR, referralPagesByEnterprise } from './referral.queries';
import { ReferralConnection, referralQueryContext } from './referral.resolver';

@Resolver(() => Enterprise)
export class EnterpriseResolver {
  @FieldResolver(() => Region, { description: 'Where the enterprise is registered.' })
  async region(
    @Root() enterprise: Enterprise,
    @Ctx() { loaders }: RequestContext,
  ): Promise<Region> {
    return (await loaders.regionByCode.load(enterprise.regionCode))!;
  }

  @FieldResolver(() => ReferralConnection, {
    description: 'Its referrals that the key may see, newest first.',
  })
  referrals(
    @Root() enterprise: Enterprise,
    @Args() page: PageArgs,
    @Ctx() context: RequestContext,
  ): Promise<ReferralConnection> {
    const window = pageWindow(page, REFERRAL_CURSOR);
    return context.loaders.connections
      .get<number, ReferralConnection>('Enterprise.referrals', page, (keys) =>
        referralPagesByEnterprise(referralQueryContext(context), keys, window),
      )
      .load(enterprise.key);
  }
}
