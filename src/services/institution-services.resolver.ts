// Institution.services: declared here, beside the services it lists, so that institutions need
// not know services.
import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Institution } from '../institutions/institution.entity';
import { PageArgs, pageWindow, toConnection } from '../schema/pagination';
import { ServiceConnection } from './service.connection';
import type { ServiceContext } from './service.context';
import { ServiceFilter, serviceCursorShape } from './service-filter';
import { servicePagesByInstitution } from './service.queries';
import { serviceFilterArg } from './service.resolver';

@Resolver(() => Institution)
export class InstitutionServicesResolver {
  @FieldResolver(() => ServiceConnection, { description: 'Services this institution offers.' })
  services(
    @Root() institution: Institution,
    @Args() page: PageArgs,
    @Arg('filter', () => ServiceFilter, serviceFilterArg) filter: ServiceFilter | null,
    @Ctx() context: ServiceContext,
  ): Promise<ServiceConnection> {
    const window = pageWindow(page, serviceCursorShape(filter), 'Institution.services');
    return context.connections
      .get<number, ServiceConnection>('Institution.services', { page, filter }, async (keys) =>
        (await servicePagesByInstitution(context, keys, filter, window)).map((keyed) =>
          toConnection(keyed, window),
        ),
      )
      .load(institution.key);
  }
}
