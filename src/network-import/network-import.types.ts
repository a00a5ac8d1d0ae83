// Input and report of importNetwork.
import { Field, InputType, Int, ObjectType } from 'type-graphql';

@InputType({ description: 'A CSV file of institutions and services to create or update.' })
export class ImportNetworkInput {
  @Field({
    description:
      'CSV text, with the header row documented in the README. Text that was not UTF-8 (a GBK file read as UTF-8 holds U+FFFD) is refused: send the file as UTF-8, or import GBK files with npm run import.',
  })
  csv!: string;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Validate and report without writing anything.',
  })
  dryRun?: boolean | null;
}

@ObjectType({ description: 'A problem of one row (or of the header, line 1) of an import file.' })
export class ImportRowError {
  @Field(() => Int, { description: 'Line of the file where the row starts; the header is line 1.' })
  line!: number;

  @Field(() => String, {
    nullable: true,
    description: 'The column at fault, as the header names it; null for the row as a whole.',
  })
  field!: string | null;

  @Field({ description: 'What is wrong and what would be right.' })
  message!: string;
}

@ObjectType({
  description:
    'What an import did, or would do on a dry run. With any error, nothing was written and created/updated/unchanged are 0.',
})
export class ImportReport {
  @Field({ description: 'True when nothing was written because it was asked for.' })
  dryRun!: boolean;

  @Field(() => Int, { description: 'Data rows read (the header not counted).' })
  rows!: number;

  @Field(() => Int, { description: 'Institutions and services created.' })
  created!: number;

  @Field(() => Int, { description: 'Institutions and services changed.' })
  updated!: number;

  @Field(() => Int, {
    description: 'Rows already as the file says: a second import of a file counts them all here.',
  })
  unchanged!: number;

  @Field(() => [ImportRowError], {
    description:
      'The problems found, by line: the first 100; unlistedErrors says how many more. Empty when the file is good.',
  })
  errors!: ImportRowError[];

  @Field(() => Int, {
    description: 'Problems found beyond the 100 listed in errors; 0 when every one is listed.',
  })
  unlistedErrors!: number;
}
