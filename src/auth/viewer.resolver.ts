import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Institution } from '../institutions/institution.entity';
import type { RequestContext } from '../schema/context';
import { ViewerType, type Viewer } from './viewer';

@Resolver(() => ViewerType)
export class ViewerResolver {
  @Query(() => ViewerType, {
    description: 'Who the API sees behind this request (PUBLIC without a key).',
  })
  viewer(@Ctx() { viewer }: RequestContext): Viewer {
    return viewer;
  }

  @FieldResolver(() => Institution, { nullable: true, description: 'Set for institution staff.' })
  institution(
    @Root() viewer: Viewer,
    @Ctx() { loaders }: RequestContext,
  ): Promise<Institution | null> | null {
    return viewer.institutionId === null
      ? null
      : loaders.institutionByKey.load(viewer.institutionId);
  }
}
