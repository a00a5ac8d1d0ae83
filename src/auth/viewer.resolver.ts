// Query.viewer: who the API sees behind a request.
import { Ctx, Query, Resolver } from 'type-graphql';
import { ViewerType, type Viewer } from './viewer';

@Resolver(() => ViewerType)
export class ViewerResolver {
  @Query(() => ViewerType, {
    description: 'Who the API sees behind this request (PUBLIC without a key).',
  })
  viewer(@Ctx() { viewer }: { viewer: Viewer }): Viewer {
    return viewer;
  }
}
