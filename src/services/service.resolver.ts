// Services and categories in GraphQL: lists, fields, and the service mutations.
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Allow } from '../auth/permissions';
import { Role } from '../auth/role';
import { Institution } from '../institutions/institution.entity';
import { PageArgs, pageWindow, toConnection } from '../schema/pagination';
import { CacheEffect, ChangesCache, Cost, type CostRule } from '../schema/field-policy';
import { searchCost } from '../schema/query-limits';
import { selectedFields, selectedNodeFields, selects } from '../schema/selection';
import { serviceReading } from './service-columns';
import { ServiceConnection } from './service.connection';
import type { ServiceContext } from './service.context';
import { Service } from './service.entity';
import { ServiceFilter, serviceCursorShape } from './service-filter';
import { ServiceCategory } from './service-category.entity';
import { createService, updateService } from './service.commands';
import { CreateServiceInput, ServicePayload, UpdateServiceInput } from './service.inputs';
import { listServices } from './service.queries';

export const serviceFilterArg = {
  nullable: true,
  description: 'Narrows the list; without it, every service.',
} as const;

/**
 * A search over the whole catalogue reads every service (names and descriptions): about 150 ms
 * of database time for a short text, 700 ms for 100 characters.
 */
const catalogueSearchCost: CostRule = { surcharge: (args) => searchCost(args, 3_000, 100) };

@Resolver(() => Service)
export class ServiceResolver {
  @Cost(catalogueSearchCost)
  @Query(() => ServiceConnection, {
    description:
      'Services of the whole network: in a stable order, or by relevance when searching.',
  })
  async services(
    @Args() page: PageArgs,
    @Arg('filter', () => ServiceFilter, serviceFilterArg) filter: ServiceFilter | null,
    @Ctx() context: ServiceContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ServiceConnection> {
    const window = pageWindow(page, serviceCursorShape(filter), 'Query.services');
    const reading = serviceReading(selectedNodeFields(info), selects(info, 'totalCount'));
    return toConnection(await listServices(context, filter, window, reading), window);
  }

  @FieldResolver(() => ServiceCategory, {
    description: 'The (sub-)category the service belongs to.',
  })
  async category(
    @Root() service: Service,
    @Ctx() { taxonomy }: ServiceContext,
  ): Promise<ServiceCategory> {
    return (await taxonomy.current()).byKey.get(service.categoryId)!;
  }

  @FieldResolver(() => Institution, { description: 'The institution that offers the service.' })
  async institution(
    @Root() service: Service,
    @Ctx() { institutions }: ServiceContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Institution> {
    return (await institutions.byKeyFor(selectedFields(info)).load(service.institutionId))!;
  }

  @ChangesCache(CacheEffect.PUBLIC_DATA)
  @Allow([Role.INSTITUTION_STAFF, Role.ADMIN], 'change services')
  @Mutation(() => ServicePayload, {
    description: 'ADMIN, or INSTITUTION_STAFF for its own institution.',
  })
  async createService(
    @Arg('input', () => CreateServiceInput, { description: 'The new service.' })
    input: CreateServiceInput,
    @Ctx() context: ServiceContext,
  ) {
    return { service: await createService(context, input) };
  }

  @ChangesCache(CacheEffect.PUBLIC_DATA)
  @Allow([Role.INSTITUTION_STAFF, Role.ADMIN], 'change services')
  @Mutation(() => ServicePayload, {
    description: 'ADMIN, or INSTITUTION_STAFF for its own institution.',
  })
  async updateService(
    @Arg('input', () => UpdateServiceInput, { description: 'The changes.' })
    input: UpdateServiceInput,
    @Ctx() context: ServiceContext,
  ) {
    return { service: await updateService(context, input) };
  }
}

@Resolver(() => ServiceCategory)
export class ServiceCategoryResolver {
  @Query(() => [ServiceCategory], {
    description:
      'The service taxonomy: the top categories, each with its sub-categories as children.',
  })
  async serviceCategories(@Ctx() { taxonomy }: ServiceContext): Promise<ServiceCategory[]> {
    return (await taxonomy.current()).roots;
  }

  @FieldResolver(() => ServiceCategory, {
    nullable: true,
    description: 'The category above; null for a top category.',
  })
  async parent(
    @Root() category: ServiceCategory,
    @Ctx() { taxonomy }: ServiceContext,
  ): Promise<ServiceCategory | null> {
    return category.parentId === null
      ? null
      : ((await taxonomy.current()).byKey.get(category.parentId) ?? null);
  }

  @FieldResolver(() => [ServiceCategory], { description: 'Sub-categories, in display order.' })
  async children(
    @Root() category: ServiceCategory,
    @Ctx() { taxonomy }: ServiceContext,
  ): Promise<ServiceCategory[]> {
    return (await taxonomy.current()).childrenOf(category);
  }
}

/** Service and category nodes for `node(id)`. */
export const serviceNodes = {
  Service: ({ services }: ServiceContext, key: string) => services.byKey.load(Number(key)),
  ServiceCategory: async ({ taxonomy }: ServiceContext, key: string) =>
    (await taxonomy.current()).byKey.get(Number(key)) ?? null,
};
