// The filter of auditLog.
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'Narrows the audit trail; every field given must hold.' })
export class AuditFilter {
  @Field(() => String, {
    nullable: true,
    description: 'Entries about this record: an institution, service or event code, or a key id.',
  })
  entityCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Entries of this action, e.g. institution.move; a name ending in .* takes every action that starts so (institution.*).',
  })
  action?: string | null;

  @Field(() => Date, { nullable: true, description: 'Entries at or after this time.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Entries before this time.' })
  to?: Date | null;
}
