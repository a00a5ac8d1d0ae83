// How to reach an institution and where it is, as GraphQL object types.
import {
  EmailAddressResolver,
  LatitudeResolver,
  LongitudeResolver,
  URLResolver,
} from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'How to reach an institution.' })
export class Contact {
  @Field(() => String, {
    nullable: true,
    description: 'Landline (0769-22123456) or service hotline (400-123-4567).',
  })
  phone!: string | null;

  @Field(() => EmailAddressResolver, { nullable: true, description: 'Service mailbox.' })
  email!: string | null;

  @Field(() => URLResolver, { nullable: true, description: 'Web site.' })
  website!: string | null;

  @Field(() => String, { nullable: true, description: 'Postal address in Chinese.' })
  address!: string | null;
}

@ObjectType({ description: 'A point on the map (WGS 84).' })
export class GeoPoint {
  @Field(() => LatitudeResolver, { description: 'Degrees north.' })
  latitude!: number;

  @Field(() => LongitudeResolver, { description: 'Degrees east.' })
  longitude!: number;
}
