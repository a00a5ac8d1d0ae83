// Institution in a planned statement: its own columns, its region, the chain of parents, its
// children and services as connections; and the root fields `institution(code)` and
// `institutions`, read as the resolvers read them (institution.resolver.ts).
import { filterCategoryKeys } from '../institutions/institution.queries';
import { institutionConditions, type InstitutionFilter } from '../institutions/institution-filter';
import { connectionJson, type ListPlan } from './connection-plan';
import {
  column,
  globalId,
  objectJson,
  objectTypeOf,
  type FieldPlan,
  type PlanScope,
  type TypePlan,
} from './plan-scope';
import { regionByCode } from './region-plan';
import { institutionServices } from './service-plan';

/** The institution matching `condition` over its alias, or null. */
const institutionWhere =
  (condition: (institution: string, row: string) => string): FieldPlan =>
  async (scope, row, field, nodes) => {
    const institution = scope.alias();
    const object = await objectJson(
      scope,
      objectTypeOf(field),
      INSTITUTION_FIELDS,
      institution,
      nodes,
    );
    return `(SELECT ${object} FROM institution ${institution} WHERE ${condition(institution, row)})`;
  };

/** A list of institutions under `list`, tied to the parent row by `partition`. */
const institutionList = (scope: PlanScope, list: string, partition: string[]): ListPlan => ({
  list,
  table: 'institution',
  fields: INSTITUTION_FIELDS,
  partition,
  conditions: async (filter, params) => {
    const institutionFilter = filter as InstitutionFilter | null;
    const categoryKeys = await filterCategoryKeys(scope, institutionFilter);
    return institutionConditions(institutionFilter, params, categoryKeys);
  },
});

/** What the planner answers of Institution; contact, location, timestamps and the rest decline. */
export const INSTITUTION_FIELDS: TypePlan = {
  id: globalId('Institution', 'id'),
  code: column('code'),
  name: column('name'),
  nameEn: column('name_en'),
  tier: column('tier'),
  kind: column('kind'),
  active: column('active'),
  region: regionByCode((row) => `${row}.region_code`),
  parent: institutionWhere((parent, row) => `${parent}.id = ${row}.parent_id`),
  children: (scope, row, field, nodes) =>
    connectionJson(
      scope,
      field,
      nodes,
      institutionList(scope, 'Institution.children', [`t.parent_id = ${row}.id`]),
    ),
  services: institutionServices,
};

/** Query.institution(code): the code trimmed, as the resolver looks it up. */
export const institutionByCode: FieldPlan = (scope, row, field, nodes) => {
  const { code } = scope.argumentsOf(field, nodes[0]) as { code: string };
  const param = scope.params.add(code.trim());
  return institutionWhere((institution) => `${institution}.code = ${param}::text`)(
    scope,
    row,
    field,
    nodes,
  );
};

/** Query.institutions: the whole network's list. */
export const institutions: FieldPlan = (scope, _row, field, nodes) =>
  connectionJson(scope, field, nodes, institutionList(scope, 'Query.institutions', []));
