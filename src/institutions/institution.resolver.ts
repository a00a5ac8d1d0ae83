import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Region } from '../regions/region.entity';
import {
  institutionQueryContext,
  serviceQueryContext,
  type RequestContext,
} from '../schema/context';
import { PageArgs, pageWindow } from '../schema/pagination';
import { ServiceConnection } from '../services/service.connection';
import { servicePagesByInstitution } from '../services/service.queries';
import { ServiceFilter, serviceCursorShape } from '../services/service-filter';
import { Contact, GeoPoint } from './contact.type';
import { InstitutionConnection } from './institution.connection';
import { Institution } from './institution.entity';
import { InstitutionFilter, institutionCursorShape } from './institution-filter';
import {
  institutionPagesByKey,
  listInstitutions,
  type InstitutionRelation,
} from './institution.queries';

const filterArg = {
  nullable: true,
  description: 'Narrows the list; without it, every institution.',
} as const;

@Resolver(() => Institution)
export class InstitutionResolver {
  @Query(() => Institution, {
    nullable: true,
    description: 'An institution by its public code, e.g. C-441900; null if none has it.',
  })
  institution(
    @Arg('code') code: string,
    @Ctx() { loaders }: RequestContext,
  ): Promise<Institution | null> {
    return loaders.institutionByCode.load(code.trim());
  }

  @Query(() => InstitutionConnection, {
    description: 'Institutions of the network: in a stable order, or by relevance when searching.',
  })
  institutions(
    @Args() page: PageArgs,
    @Arg('filter', () => InstitutionFilter, filterArg) filter: InstitutionFilter | null,
    @Ctx() context: RequestContext,
  ): Promise<InstitutionConnection> {
    return listInstitutions(
      institutionQueryContext(context),
      filter,
      pageWindow(page, institutionCursorShape(filter)),
    );
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

  @FieldResolver(() => [Institution], {
    description: 'From the parent up to the national institution, nearest first.',
  })
  ancestors(
    @Root() institution: Institution,
    @Ctx() { loaders }: RequestContext,
  ): Promise<Institution[]> {
    return loaders.ancestorsByKey.load(institution.key);
  }

  @FieldResolver(() => InstitutionConnection, { description: 'Institutions whose parent this is.' })
  children(
    @Root() institution: Institution,
    @Args() page: PageArgs,
    @Arg('filter', () => InstitutionFilter, filterArg) filter: InstitutionFilter | null,
    @Ctx() context: RequestContext,
  ): Promise<InstitutionConnection> {
    return this.below(context, 'children', institution.key, page, filter);
  }

  @FieldResolver(() => InstitutionConnection, {
    description: 'The whole subtree below this institution, at any depth.',
  })
  descendants(
    @Root() institution: Institution,
    @Args() page: PageArgs,
    @Arg('filter', () => InstitutionFilter, filterArg) filter: InstitutionFilter | null,
    @Ctx() context: RequestContext,
  ): Promise<InstitutionConnection> {
    return this.below(context, 'descendants', institution.key, page, filter);
  }

  @FieldResolver(() => ServiceConnection, { description: 'Services this institution offers.' })
  services(
    @Root() institution: Institution,
    @Args() page: PageArgs,
    @Arg('filter', () => ServiceFilter, {
      nullable: true,
      description: 'Narrows the list; without it, every service.',
    })
    filter: ServiceFilter | null,
    @Ctx() context: RequestContext,
  ): Promise<ServiceConnection> {
    const window = pageWindow(page, serviceCursorShape(filter));
    return context.loaders.connections
      .get<number, ServiceConnection>('Institution.services', { page, filter }, (keys) =>
        servicePagesByInstitution(serviceQueryContext(context), keys, filter, window),
      )
      .load(institution.key);
  }

  @FieldResolver(() => Contact, {
    nullable: true,
    description: 'How to reach the institution; null when nothing is known.',
  })
  contact(@Root() institution: Institution): Contact | null {
    const { phone, email, website, address } = institution;
    return phone || email || website || address ? { phone, email, website, address } : null;
  }

  @FieldResolver(() => GeoPoint, {
    nullable: true,
    description: 'Where the institution is; null when not surveyed.',
  })
  location(@Root() institution: Institution): GeoPoint | null {
    const { latitude, longitude } = institution;
    return latitude !== null && longitude !== null ? { latitude, longitude } : null;
  }

  private below(
    context: RequestContext,
    relation: InstitutionRelation,
    key: number,
    page: PageArgs,
    filter: InstitutionFilter | null,
  ): Promise<InstitutionConnection> {
    const window = pageWindow(page, institutionCursorShape(filter));
    return context.loaders.connections
      .get<number, InstitutionConnection>(`Institution.${relation}`, { page, filter }, (keys) =>
        institutionPagesByKey(institutionQueryContext(context), relation, keys, filter, window),
      )
      .load(key);
  }
}
