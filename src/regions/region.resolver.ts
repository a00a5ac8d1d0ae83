import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../schema/context';
import { Region } from './region.entity';
import { normalizeRegionCode } from './region-code';

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
}
