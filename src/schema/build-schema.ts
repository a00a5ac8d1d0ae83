import 'reflect-metadata';
import { DateTimeResolver } from 'graphql-scalars';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import { InstitutionResolver } from '../institutions/institution.resolver';
import { RegionResolver } from '../regions/region.resolver';

/** Every resolver class, listed explicitly (type-graphql's globs break with compiled output). */
const resolvers = [RegionResolver, InstitutionResolver] as const;

let schema: GraphQLSchema | undefined;

/** The executable schema; built once per process (type-graphql's metadata is global). */
export function buildApiSchema(): GraphQLSchema {
  schema ??= buildSchemaSync({
    resolvers,
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    validate: false,
  });
  return schema;
}

/** The SDL committed as schema/schema.graphql: sorted, so that diffs show real changes only. */
export function printApiSchema(): string {
  return printSchema(lexicographicSortSchema(buildApiSchema())) + '\n';
}
