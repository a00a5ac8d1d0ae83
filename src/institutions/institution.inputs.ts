// Input and payload types of the institution mutations.
import {
  EmailAddressResolver,
  LatitudeResolver,
  LongitudeResolver,
  URLResolver,
} from 'graphql-scalars';
import { Field, InputType, ObjectType } from 'type-graphql';
import { InstitutionKind, InstitutionTier } from './institution-enums';
import { Institution } from './institution.entity';

@InputType({ description: 'How to reach an institution; fields left out stay as they are.' })
export class ContactInput {
  @Field(() => String, {
    nullable: true,
    description: 'Landline (0769-22123456) or service hotline (400-123-4567).',
  })
  phone?: string | null;

  @Field(() => EmailAddressResolver, { nullable: true, description: 'Service mailbox.' })
  email?: string | null;

  @Field(() => URLResolver, { nullable: true, description: 'Web site.' })
  website?: string | null;

  @Field(() => String, { nullable: true, description: 'Postal address in Chinese.' })
  address?: string | null;
}

/** The contact's fields as a client names them in errors (institution-rules.ts checks them). */
export const CONTACT_FIELDS = {
  phone: 'contact.phone',
  email: 'contact.email',
  website: 'contact.website',
  address: 'contact.address',
} as const;

@InputType({ description: 'A point on the map (WGS 84).' })
export class GeoPointInput {
  @Field(() => LatitudeResolver, { description: 'Degrees north.' })
  latitude!: number;

  @Field(() => LongitudeResolver, { description: 'Degrees east.' })
  longitude!: number;
}

@InputType({ description: 'A new institution of the network.' })
export class CreateInstitutionInput {
  @Field({ description: 'Stable public code, e.g. M-441900-05.' })
  code!: string;

  @Field({ description: 'Official (Chinese) name.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'English name.' })
  nameEn?: string | null;

  @Field(() => InstitutionTier, { description: 'Must fit the level of the region.' })
  tier!: InstitutionTier;

  @Field(() => InstitutionKind, { description: 'PUBLIC centre (one per region) or MARKET agency.' })
  kind!: InstitutionKind;

  @Field(() => String, {
    nullable: true,
    description: 'The region served; required below the national tier.',
  })
  regionCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The parent; when left out, the one the tree rules prescribe. When given, it must be that one.',
  })
  parentCode?: string | null;

  @Field(() => ContactInput, { nullable: true, description: 'How to reach it.' })
  contact?: ContactInput | null;

  @Field(() => GeoPointInput, { nullable: true, description: 'Where it is.' })
  location?: GeoPointInput | null;
}

@InputType({ description: 'Changes to an institution; fields left out stay as they are.' })
export class UpdateInstitutionInput {
  @Field({ description: 'The institution to change.' })
  code!: string;

  @Field(() => String, { nullable: true, description: 'Official (Chinese) name (admin only).' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'English name (admin only).' })
  nameEn?: string | null;

  @Field(() => ContactInput, {
    nullable: true,
    description: 'Contact details (admin, or staff of the institution).',
  })
  contact?: ContactInput | null;

  @Field(() => GeoPointInput, { nullable: true, description: 'Location (admin only).' })
  location?: GeoPointInput | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'False withdraws the institution from the directory (admin only).',
  })
  active?: boolean | null;
}

@InputType({ description: 'A new parent for an institution.' })
export class MoveInstitutionInput {
  @Field({ description: 'The institution to move.' })
  code!: string;

  @Field({ description: 'Its new parent, which the tree rules must prescribe.' })
  newParentCode!: string;
}

@ObjectType({ description: 'The institution after the change.' })
export class InstitutionPayload {
  @Field(() => Institution, { description: 'The institution.' })
  institution!: Institution;
}
