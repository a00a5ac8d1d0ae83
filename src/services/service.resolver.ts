import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Institution } from '../institutions/institution.entity';
import { serviceQueryContext, type RequestContext } from '../schema/context';
import { PageArgs, pageWindow } from '../schema/pagination';
import { ServiceConnection } from './service.connection';
import { Service } from './service.entity';
import { ServiceFilter, serviceCursorShape } from './service-filter';
import { ServiceCategory } from './service-category.entity';
import { listServices } from './service.queries';

@Resolver(() => Service)
export class ServiceResolver {
  @Query(() => ServiceConnection, {
    description:
      'Services of the whole network: in a stable order, or by relevance when searching.',
  })
  services(
    @Args() page: PageArgs,
    @Arg('filter', () => ServiceFilter, {
      nullable: true,
      description: 'Narrows the list; without it, every service.',
    })
    filter: ServiceFilter | null,
    @Ctx() context: RequestContext,
  ): Promise<ServiceConnection> {
    return listServices(
      serviceQueryContext(context),
      filter,
      pageWindow(page, serviceCursorShape(filter)),
    );
  }

  @FieldResolver(() => ServiceCategory, {
    description: 'The (sub-)category the service belongs to.',
  })
  async category(
    @Root() service: Service,
    @Ctx() { loaders }: RequestContext,
  ): Promise<ServiceCategory> {
    return (await loaders.taxonomy()).byKey.get(service.categoryId)!;
  }

  @FieldResolver(() => Institution, { description: 'The institution that offers the service.' })
  async institution(
    @Root() service: Service,
    @Ctx() { loaders }: RequestContext,
  ): Promise<Institution> {
    return (await loaders.institutionByKey.load(service.institutionId))!;
  }
}

@Resolver(() => ServiceCategory)
export class ServiceCategoryResolver {
  @Query(() => [ServiceCategory], {
    description:
      'The service taxonomy: the top categories, each with its sub-categories as children.',
  })
  async serviceCategories(@Ctx() { loaders }: RequestContext): Promise<ServiceCategory[]> {
    return (await loaders.taxonomy()).roots;
  }

  @FieldResolver(() => ServiceCategory, {
    nullable: true,
    description: 'The category above; null for a top category.',
  })
  async parent(
    @Root() category: ServiceCategory,
    @Ctx() { loaders }: RequestContext,
  ): Promise<ServiceCategory | null> {
    return category.parentId === null
      ? null
      : ((await loaders.taxonomy()).byKey.get(category.parentId) ?? null);
  }

  @FieldResolver(() => [ServiceCategory], { description: 'Sub-categories, in display order.' })
  async children(
    @Root() category: ServiceCategory,
    @Ctx() { loaders }: RequestContext,
  ): Promise<ServiceCategory[]> {
    return (await loaders.taxonomy()).childrenOf(category);
  }
}
