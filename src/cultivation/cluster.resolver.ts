// Clusters in GraphQL: cluster(code), clusters(filter), and a cluster's regions, member
// enterprises and how many of them hold a designation — each batched over every cluster of a
// request, so a page of clusters with their fields is a fixed number of statements.
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { Region } from '../regions/region.entity';
import { Cost, type CostRule } from '../schema/field-policy';
import { PageArgs, pageWindow, toConnection, BY_ROW_ID } from '../schema/pagination';
import { searchCost } from '../schema/query-limits';
import { selects } from '../schema/selection';
import { publicCode } from '../schema/input';
import { Cluster } from './cluster.entity';
import { ClusterConnection, EnterpriseConnection } from './cluster.connection';
import { ClusterFilter } from './cluster-filter';
import {
  designatedCountsByCluster,
  enterprisePagesByCluster,
  listClusters,
} from './cluster.queries';
import type { CultivationContext } from './cultivation.context';
import { DesignationKind, DesignationStatus } from './designation-enums';
import { primeEnterprises } from './enterprise-directory.resolver';

/** A name search reads a few hundred clusters' names. */
const clusterSearchCost: CostRule = { surcharge: (args) => searchCost(args, 20, 1) };

/**
 * Counting a kind's designated members joins every cluster's members with the registry in one
 * statement for the whole request (about 30 ms for a page of 100 clusters on the seeded data).
 */
const designatedCountCost: CostRule = { surcharge: () => 200, oncePerRequest: true };

export const clusterNodes = {
  Cluster: async (context: CultivationContext, key: string) => {
    const rows = await context.sql.rows<{ code: string }>(
      'SELECT code FROM cluster WHERE id = $1::int',
      [Number(key)],
    );
    return rows[0] ? context.cultivation.clusterByCode.load(rows[0].code) : null;
  },
};

@Resolver(() => Cluster)
export class ClusterResolver {
  @Query(() => Cluster, {
    nullable: true,
    description: 'A cluster by its code; null if none has it.',
  })
  cluster(
    @Arg('code', { description: 'The cluster’s public code, e.g. NC-2024-001.' }) code: string,
    @Ctx() { cultivation }: CultivationContext,
  ): Promise<Cluster | null> {
    return cultivation.clusterByCode.load(publicCode(code));
  }

  @Cost(clusterSearchCost)
  @Query(() => ClusterConnection, {
    description:
      'Characteristic industrial clusters, national and provincial, in code order of recognition.',
  })
  async clusters(
    @Args() page: PageArgs,
    @Arg('filter', () => ClusterFilter, {
      nullable: true,
      description: 'Narrows the list; without it, every cluster of every status.',
    })
    filter: ClusterFilter | null,
    @Ctx() { sql, cultivation }: CultivationContext,
  ): Promise<ClusterConnection> {
    const window = pageWindow(page, BY_ROW_ID, 'Query.clusters');
    return toConnection(await listClusters(sql, cultivation.primeClusters, filter, window), window);
  }

  @FieldResolver(() => DesignationStatus, {
    description: 'As of today: EXPIRED after validUntil, UNDER_REVIEW from 90 days before it.',
  })
  status(@Root() cluster: Cluster): DesignationStatus {
    return cluster.status;
  }

  @FieldResolver(() => [Region], { description: 'The county-level divisions it lies in.' })
  async regions(
    @Root() cluster: Cluster,
    @Ctx() { cultivation, regions }: CultivationContext,
  ): Promise<Region[]> {
    const codes = await cultivation.clusterRegionCodes.load(cluster.key);
    return (await Promise.all(codes.map((code) => regions.byCode(code)))).filter(
      (region): region is Region => region !== undefined && region !== null,
    );
  }

  @FieldResolver(() => EnterpriseConnection, {
    description:
      'Enterprises located in its regions whose industry falls under its codes (those the key may see), by row id.',
  })
  enterprises(
    @Root() cluster: Cluster,
    @Args() page: PageArgs,
    @Ctx() context: CultivationContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<EnterpriseConnection> {
    const window = pageWindow(page, BY_ROW_ID, 'Cluster.enterprises');
    const withTotals = selects(info, 'totalCount');
    return context.connections
      .get<number, EnterpriseConnection>(
        'Cluster.enterprises',
        { page, withTotals },
        async (keys) =>
          (
            await enterprisePagesByCluster(
              context.sql,
              context.viewer,
              primeEnterprises(context),
              keys,
              window,
              withTotals,
            )
          ).map((keyed) => toConnection(keyed, window)),
      )
      .load(cluster.key);
  }

  @Cost(designatedCountCost)
  @FieldResolver(() => Int, {
    description:
      'How many of its enterprises hold an ACTIVE or UNDER_REVIEW designation of this kind.',
  })
  designatedEnterprises(
    @Root() cluster: Cluster,
    @Arg('kind', () => DesignationKind, { description: 'The rung counted.' }) kind: DesignationKind,
    @Ctx() context: CultivationContext,
  ): Promise<number> {
    return context.connections
      .get<number, number>('Cluster.designatedEnterprises', { kind }, async (keys) => {
        const counts = await designatedCountsByCluster(context.sql, kind, keys);
        return keys.map((key) => counts.get(key) ?? 0);
      })
      .load(cluster.key);
  }
}
