import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { InstitutionConnection } from '../institutions/institution.connection';
import { InstitutionFilter, institutionCursorShape } from '../institutions/institution-filter';
import { institutionPagesByKey } from '../institutions/institution.queries';
import { institutionQueryContext, type RequestContext } from '../schema/context';
import { PageArgs, pageWindow, type CursorShape } from '../schema/pagination';
import { RegionConnection } from './region.connection';
import { Region } from './region.entity';
import { RegionLevel } from './region-level';
import { normalizeRegionCode } from './region-code';
import { childRegionPages, listRegions } from './region.queries';

/** Regions are listed in code order. */
const BY_CODE_CURSOR: CursorShape = ['string'];

@Resolver(() => Region)
export class RegionResolver {
  @Query(() => Region, {
    nullable: true,
    description:
      'A division by its 2-, 4- or 6-digit GB/T 2260 code (44, 4419, 441900); null when no such division exists.',
  })
  region(@Arg('code') code: string, @Ctx() { loaders }: RequestContext): Promise<Region | null> {
    return loaders.regionByCode.load(normalizeRegionCode(code));
  }

  @Query(() => RegionConnection, {
    description: 'Divisions in code order, optionally of one level or under one parent.',
  })
  regions(
    @Arg('level', () => RegionLevel, {
      nullable: true,
      description: 'Only divisions of this level.',
    })
    level: RegionLevel | null,
    @Arg('parentCode', () => String, {
      nullable: true,
      description: 'Only divisions directly below this one (2, 4 or 6 digits).',
    })
    parentCode: string | null,
    @Args() page: PageArgs,
    @Ctx() { dataSource }: RequestContext,
  ): Promise<RegionConnection> {
    const parent =
      parentCode === null || parentCode === undefined
        ? null
        : normalizeRegionCode(parentCode, 'parentCode');
    return listRegions(dataSource, { level, parentCode: parent }, pageWindow(page, BY_CODE_CURSOR));
  }

  @FieldResolver(() => Region, {
    nullable: true,
    description: 'The division above; null for a province.',
  })
  parent(
    @Root() region: Region,
    @Ctx() { loaders }: RequestContext,
  ): Promise<Region | null> | null {
    return region.parentCode ? loaders.regionByCode.load(region.parentCode) : null;
  }

  @FieldResolver(() => RegionConnection, {
    description:
      'Divisions directly below: prefectures of a province (and the counties of its pseudo-prefectures), counties of a prefecture.',
  })
  children(
    @Root() region: Region,
    @Args() page: PageArgs,
    @Ctx() { dataSource, loaders }: RequestContext,
  ): Promise<RegionConnection> {
    const window = pageWindow(page, BY_CODE_CURSOR);
    return loaders.connections
      .get<string, RegionConnection>('Region.children', page, (codes) =>
        childRegionPages(dataSource, codes, window),
      )
      .load(region.code);
  }

  @FieldResolver(() => InstitutionConnection, {
    description: 'Institutions located in this region (not below it).',
  })
  institutions(
    @Root() region: Region,
    @Args() page: PageArgs,
    @Arg('filter', () => InstitutionFilter, { nullable: true, description: 'Narrows the list.' })
    filter: InstitutionFilter | null,
    @Ctx() context: RequestContext,
  ): Promise<InstitutionConnection> {
    const window = pageWindow(page, institutionCursorShape(filter));
    return context.loaders.connections
      .get<string, InstitutionConnection>('Region.institutions', { page, filter }, (codes) =>
        institutionPagesByKey(institutionQueryContext(context), 'inRegion', codes, filter, window),
      )
      .load(region.code);
  }
}
