import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Region } from '../regions/region.entity';
import type { RequestContext } from '../schema/context';
import { PageArgs } from '../schema/pagination';
import { Contact, GeoPoint } from './contact.type';
import { InstitutionConnection } from './institution.connection';
import { Institution } from './institution.entity';
import { listInstitutions } from './institution.queries';

@Resolver(() => Institution)
export class InstitutionResolver {
  @Query(() => Institution, {
    nullable: true,
    description: 'An institution by its public code, e.g. C-441900.',
  })
  institution(
    @Arg('code') code: string,
    @Ctx() { loaders }: RequestContext,
  ): Promise<Institution | null> {
    return loaders.institutionByCode.load(code.trim());
  }

  @Query(() => InstitutionConnection, {
    description: 'Every institution of the network, in a stable order.',
  })
  async institutions(
    @Args() page: PageArgs,
    @Ctx() context: RequestContext,
  ): Promise<InstitutionConnection> {
    const connection = await listInstitutions(context.dataSource, page);
    context.loaders.primeInstitutions(connection.nodes);
    return connection;
  }

  @FieldResolver(() => Region, {
    nullable: true,
    description: 'Where the institution serves; null only for the national tier.',
  })
  region(
    @Root() institution: Institution,
    @Ctx() { loaders }: RequestContext,
  ): Promise<Region | null> | null {
    return institution.regionCode ? loaders.regionByCode.load(institution.regionCode) : null;
  }

  @FieldResolver(() => Institution, {
    nullable: true,
    description: 'The institution above in the tree; null for the national centre.',
  })
  parent(
    @Root() institution: Institution,
    @Ctx() { loaders }: RequestContext,
  ): Promise<Institution | null> | null {
    return institution.parentId ? loaders.institutionByKey.load(institution.parentId) : null;
  }

  @FieldResolver(() => Contact, { nullable: true })
  contact(@Root() institution: Institution): Contact | null {
    const { phone, email, website, address } = institution;
    return phone || email || website || address ? { phone, email, website, address } : null;
  }

  @FieldResolver(() => GeoPoint, { nullable: true })
  location(@Root() institution: Institution): GeoPoint | null {
    const { latitude, longitude } = institution;
    return latitude !== null && longitude !== null ? { latitude, longitude } : null;
  }
}
