// The enterprise directory in GraphQL: enterprise(creditCode), enterprises(filter), and
// Enterprise.clusters. PUBLIC sees the enterprises on the registry's published lists; keys see
// those too and the ones they deal with (enterprise-visibility.ts). Contacts and referrals keep
// their own visibility (Enterprise.referrals).
import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Enterprise } from '../referrals/enterprise.entity';
import { Cost, type CostRule } from '../schema/field-policy';
import { PageArgs, pageWindow, toConnection, BY_ROW_ID } from '../schema/pagination';
import { searchCost } from '../schema/query-limits';
import { parseCreditCode } from '../referrals/credit-code';
import { Cluster } from './cluster.entity';
import { EnterpriseConnection } from './cluster.connection';
import type { CultivationContext } from './cultivation.context';
import { EnterpriseFilter } from './enterprise-filter';
import { listEnterprises } from './enterprise-directory.queries';

/**
 * A name search reads every candidate's name: no trigram index serves enterprise names (keeping
 * one up to date doubled the registry seed's load time), so it costs as a scan of the list —
 * narrow it by region or designation and it reads that much less.
 */
const enterpriseSearchCost: CostRule = { surcharge: (args) => searchCost(args, 200, 10) };

/** Remembers enterprises a list read, so that later loads by row id cost no statement. */
export const primeEnterprises =
  ({ referrals }: CultivationContext) =>
  (enterprises: Enterprise[]) => {
    for (const enterprise of enterprises)
      referrals.enterpriseByKey.prime(enterprise.key, enterprise);
  };

@Resolver(() => Enterprise)
export class EnterpriseDirectoryResolver {
  @Query(() => Enterprise, {
    nullable: true,
    description:
      'PUBLIC: name, region, industry and designations of an enterprise that holds a designation or is in a pilot (published lists), null otherwise; contacts and referrals as before.',
  })
  enterprise(
    @Arg('creditCode', {
      description:
        '18-character Unified Social Credit Code (GB 32100-2015), check character verified.',
    })
    creditCode: string,
    @Ctx() { cultivation }: CultivationContext,
  ): Promise<Enterprise | null> {
    return cultivation.visibleEnterpriseByCreditCode.load(parseCreditCode(creditCode));
  }

  @Cost(enterpriseSearchCost)
  @Query(() => EnterpriseConnection, {
    description:
      'Enterprises the key may see (PUBLIC: those on the registry’s published lists), by row id.',
  })
  async enterprises(
    @Args() page: PageArgs,
    @Arg('filter', () => EnterpriseFilter, {
      nullable: true,
      description: 'Narrows the list; without it, every enterprise the key may see.',
    })
    filter: EnterpriseFilter | null,
    @Ctx() context: CultivationContext,
  ): Promise<EnterpriseConnection> {
    const window = pageWindow(page, BY_ROW_ID, 'Query.enterprises');
    return toConnection(
      await listEnterprises(context.sql, context.viewer, primeEnterprises(context), filter, window),
      window,
    );
  }

  @FieldResolver(() => [Cluster], {
    description:
      'The clusters it belongs to: located in one of their regions, industry under their codes.',
  })
  clusters(
    @Root() enterprise: Enterprise,
    @Ctx() { cultivation }: CultivationContext,
  ): Promise<Cluster[]> {
    return cultivation.enterpriseClusters.load(enterprise.key);
  }
}
