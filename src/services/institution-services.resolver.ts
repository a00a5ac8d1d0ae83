// Institution.services: declared here, beside the services it lists, so that institutions need
// not know services.
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { Institution } from '../institutions/institution.entity';
import { localSearchCost } from '../institutions/institution.resolver';
import { Cost } from '../schema/field-policy';
import { PageArgs, pageWindow, toConnection } from '../schema/pagination';
import { selectedNodeFields, selects } from '../schema/selection';
import { serviceReading } from './service-columns';
import { ServiceConnection } from './service.connection';
import type { ServiceContext } from './service.context';
import { ServiceFilter, serviceCursorShape } from './service-filter';
import { servicePagesByInstitution } from './service.queries';
import { serviceFilterArg } from './service.resolver';

@Resolver(() => Institution)
export class InstitutionServicesResolver {
  @Cost(localSearchCost)
  @FieldResolver(() => ServiceConnection, { description: 'Services this institution offers.' })
  services(
    @Root() institution: Institution,
    @Args() page: PageArgs,
    @Arg('filter', () => ServiceFilter, serviceFilterArg) filter: ServiceFilter | null,
    @Ctx() context: ServiceContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ServiceConnection> {
    const window = pageWindow(page, serviceCursorShape(filter), 'Institution.services');
    const reading = serviceReading(selectedNodeFields(info), selects(info, 'totalCount'));
    return context.connections
      .get<number, ServiceConnection>(
        'Institution.services',
        { page, filter, reading },
        async (keys) =>
          (await servicePagesByInstitution(context, keys, filter, window, reading)).map((keyed) =>
            toConnection(keyed, window),
          ),
        info.fieldNodes,
      )
      .load(institution.key);
  }
}
