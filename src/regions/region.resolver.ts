// Regions in GraphQL: by code, in lists, and the divisions around one.
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, pageWindow, toConnection, type CursorShape } from '../schema/pagination';
import { selects } from '../schema/selection';
import { RegionConnection } from './region.connection';
import type { RegionContext } from './region.context';
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
  region(
    @Arg('code', {
      description: 'GB/T 2260 code in 2, 4 or 6 digits: 44 (Guangdong), 4419 or 441900 (Dongguan).',
    })
    code: string,
    @Ctx() { regions }: RegionContext,
  ): Promise<Region | null> {
    return regions.byCode(normalizeRegionCode(code));
  }

  @Query(() => RegionConnection, {
    description: 'Divisions in code order, optionally of one level or under one parent.',
  })
  async regions(
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
    @Ctx() { sql }: RegionContext,
  ): Promise<RegionConnection> {
    const parent =
      parentCode === null || parentCode === undefined
        ? null
        : normalizeRegionCode(parentCode, 'parentCode');
    const window = pageWindow(page, BY_CODE_CURSOR, 'Query.regions');
    return toConnection(await listRegions(sql, { level, parentCode: parent }, window), window);
  }

  @FieldResolver(() => Region, {
    nullable: true,
    description: 'The division above; null for a province.',
  })
  parent(@Root() region: Region, @Ctx() { regions }: RegionContext): Promise<Region | null> | null {
    return region.parentCode ? regions.byCode(region.parentCode) : null;
  }

  @FieldResolver(() => RegionConnection, {
    description:
      'Divisions directly below: prefectures of a province (and the counties of its pseudo-prefectures), counties of a prefecture.',
  })
  children(
    @Root() region: Region,
    @Args() page: PageArgs,
    @Ctx() { sql, connections }: RegionContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<RegionConnection> {
    const window = pageWindow(page, BY_CODE_CURSOR, 'Region.children');
    const withTotals = selects(info, 'totalCount');
    return connections
      .get<string, RegionConnection>('Region.children', { page, withTotals }, async (codes) =>
        (await childRegionPages(sql, codes, window, withTotals)).map((keyed) =>
          toConnection(keyed, window),
        ),
      )
      .load(region.code);
  }
}

/** Region nodes for `node(id)`: from the process's copy, no statement. */
export const regionNodes = {
  Region: ({ regions }: RegionContext, key: string) => regions.byCode(key),
};
