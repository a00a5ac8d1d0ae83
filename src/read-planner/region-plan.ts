// Region in a planned statement: the columns the directory serves, and the division above. The
// resolvers read regions from the process's directory (regions/region-directory.ts), a copy of
// this same table.
import {
  column,
  globalId,
  objectJson,
  objectTypeOf,
  type FieldPlan,
  type TypePlan,
} from './plan-scope';

/** The region whose code is the SQL `code` (null when none: the national tier has no region). */
export const regionByCode =
  (code: (row: string) => string): FieldPlan =>
  async (scope, row, field, nodes) => {
    const region = scope.alias();
    return `(SELECT ${await objectJson(scope, objectTypeOf(field), REGION_FIELDS, region, nodes)}
               FROM region ${region} WHERE ${region}.code = ${code(row)})`;
  };

export const REGION_FIELDS: TypePlan = {
  id: globalId('Region', 'code'),
  code: column('code'),
  name: column('name'),
  nameEn: column('name_en'),
  level: column('level'),
  parent: regionByCode((row) => `${row}.parent_code`),
};
