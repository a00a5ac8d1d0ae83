// DesignatedEnterpriseInput: an enterprise as the programmes name it (a grant's list, a pilot
// enrolment, a policy application) — no declared specialization, since the registry decides it.
// The registry's branch declares the same type; at the merge one of the two stays.
import { Field, InputType } from 'type-graphql';
import { EnterpriseScale } from '../services/eligibility';

@InputType({
  description:
    'An enterprise as a programme names it: identity, region, scale and industry; its designations come from the registry.',
})
export class DesignatedEnterpriseInput {
  @Field({
    description: '18-character Unified Social Credit Code; its check character is verified.',
  })
  creditCode!: string;

  @Field({ description: 'Registered name.' })
  name!: string;

  @Field({ description: 'Where it is registered: a GB/T 2260 code (2, 4 or 6 digits).' })
  regionCode!: string;

  @Field(() => EnterpriseScale, { description: 'Size class.' })
  scale!: EnterpriseScale;

  @Field(() => String, { nullable: true, description: 'GB/T 4754-2017 industry code, e.g. C3670.' })
  industryCode?: string | null;
}
