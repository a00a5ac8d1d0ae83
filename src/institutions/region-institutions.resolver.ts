// Region.institutions: declared here, beside the institutions it lists, so that regions need
// not know institutions.
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { Region } from '../regions/region.entity';
import { Cost } from '../schema/field-policy';
import { PageArgs } from '../schema/pagination';
import { InstitutionConnection } from './institution.connection';
import type { InstitutionContext } from './institution.context';
import { InstitutionFilter } from './institution-filter';
import { institutionFilterArg, institutionsBelow, localSearchCost } from './institution.resolver';

@Resolver(() => Region)
export class RegionInstitutionsResolver {
  @Cost(localSearchCost)
  @FieldResolver(() => InstitutionConnection, {
    description: 'Institutions located in this region (not below it).',
  })
  institutions(
    @Root() region: Region,
    @Args() page: PageArgs,
    @Arg('filter', () => InstitutionFilter, institutionFilterArg) filter: InstitutionFilter | null,
    @Ctx() context: InstitutionContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<InstitutionConnection> {
    return institutionsBelow(
      context,
      'inRegion',
      'Region.institutions',
      region.code,
      page,
      filter,
      info,
    );
  }
}
