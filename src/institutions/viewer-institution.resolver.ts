// Viewer.institution: the institution a staff key is bound to. Declared here so that auth, which
// every domain uses, need not know institutions.
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { ViewerType, type Viewer } from '../auth/viewer';
import type { InstitutionContext } from './institution.context';
import { Institution } from './institution.entity';

@Resolver(() => ViewerType)
export class ViewerInstitutionResolver {
  @FieldResolver(() => Institution, { nullable: true, description: 'Set for institution staff.' })
  institution(
    @Root() viewer: Viewer,
    @Ctx() { institutions }: InstitutionContext,
  ): Promise<Institution | null> | null {
    return viewer.institutionId === null ? null : institutions.byKey.load(viewer.institutionId);
  }
}
