// Viewer.region: the division an AUTHORITY key governs, from the process's copy of the regions.
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RegionContext } from '../regions/region.context';
import { Region } from '../regions/region.entity';
import { ViewerType, type Viewer } from './viewer';

@Resolver(() => ViewerType)
export class ViewerRegionResolver {
  @FieldResolver(() => Region, {
    nullable: true,
    description:
      'Set for AUTHORITY keys: the division the department governs (and everything below it).',
  })
  region(@Root() viewer: Viewer, @Ctx() { regions }: RegionContext): Promise<Region | null> | null {
    return viewer.regionCode === null ? null : regions.byCode(viewer.regionCode);
  }
}
