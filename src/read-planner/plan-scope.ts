// What planning one operation carries — the document's fragments, its variables as execution
// coerces them, the statement's parameters, fresh table aliases — and the pieces every planned
// type is written with: a field's SQL, an object's `json_build_object`, giving up (`decline`).
// Fields are collected by graphql-js's own `collectSubfields`, so fragments, type conditions,
// `@skip`/`@include` and merged duplicates come out exactly as execution sees them, in the
// order execution would write them.
import {
  getArgumentValues,
  getNamedType,
  isObjectType,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { collectSubfields } from 'graphql/execution/collectFields';
import { accessOf } from '../auth/permissions';
import { SqlParameters } from '../db/rows';
import { globalIdSql } from '../schema/global-id';

/** The planner does not answer this operation: execution will, as if the planner were not there. */
export class Declined extends Error {}

export function decline(why: string): never {
  throw new Declined(why);
}

export class PlanScope {
  readonly params = new SqlParameters();
  private aliases = 0;

  constructor(
    readonly schema: GraphQLSchema,
    readonly fragments: Record<string, FragmentDefinitionNode>,
    readonly variables: Record<string, unknown>,
    /** The row ids a category filter stands for (the request's taxonomy). */
    readonly categoryKeys: (code: string, field: string) => Promise<number[]>,
  ) {}

  /** A table alias no other part of the statement uses (and no hand-written condition: n1, n2 …). */
  alias(): string {
    return `n${++this.aliases}`;
  }

  /** The fields selected below `nodes` on `type`, by response key, as execution collects them. */
  subfields(type: GraphQLObjectType, nodes: readonly FieldNode[]) {
    return collectSubfields(this.schema, this.fragments, this.variables, type, nodes);
  }

  /** A field's arguments as its resolver would receive them (variables and defaults applied). */
  argumentsOf(field: GraphQLField<unknown, unknown>, node: FieldNode): Record<string, unknown> {
    try {
      return getArgumentValues(field, node, this.variables);
    } catch {
      return decline(`${field.name}: arguments execution would refuse`);
    }
  }
}

/** SQL giving the JSON value of one field of the row aliased `row`. */
export type FieldPlan = (
  scope: PlanScope,
  row: string,
  field: GraphQLField<unknown, unknown>,
  nodes: readonly FieldNode[],
) => string | Promise<string>;

/** The fields of one object type the planner can answer; any other declines the operation. */
export type TypePlan = Readonly<Record<string, FieldPlan>>;

/** A column of the row, as JSON (enums as their names, which are the GraphQL values). */
export const column =
  (name: string): FieldPlan =>
  (_scope, row) =>
    `${row}.${name}`;

/** The Relay global id of a row, keyed by its column `key`. */
export const globalId =
  (type: string, key: string): FieldPlan =>
  (_scope, row) =>
    globalIdSql(type, `${row}.${key}`);

/** A SQL string literal (response keys and type names are GraphQL names; quoted all the same). */
export const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** json_build_object takes 100 arguments: wider selections are left to execution. */
const MAX_KEYS = 50;

/** `json_build_object(key, value, …)` from pairs, in the order given. */
export function jsonObject(pairs: readonly (readonly [string, string])[]): string {
  if (pairs.length > MAX_KEYS) decline(`more than ${MAX_KEYS} fields in one object`);
  return `json_build_object(${pairs.map(([key, value]) => `${literal(key)}, ${value}`).join(', ')})`;
}

/** The object type a field returns (through lists and non-null). */
export function objectTypeOf(field: GraphQLField<unknown, unknown>): GraphQLObjectType {
  const type = getNamedType(field.type);
  return isObjectType(type) ? type : decline(`${field.name}: not an object type`);
}

/**
 * The JSON object of a row for the fields selected below `nodes`: each field through `plans`,
 * `__typename` as the type's name. A field the planner does not know, or one that declares who
 * may read it (@Allow: execution's authChecker decides, and words the refusal), declines.
 */
export async function objectJson(
  scope: PlanScope,
  type: GraphQLObjectType,
  plans: TypePlan,
  row: string,
  nodes: readonly FieldNode[],
): Promise<string> {
  const pairs: [string, string][] = [];
  const fields = type.getFields();
  for (const [key, selected] of scope.subfields(type, nodes)) {
    const name = selected[0].name.value;
    if (name === '__typename') {
      pairs.push([key, literal(type.name)]);
      continue;
    }
    const field = fields[name];
    const plan = Object.hasOwn(plans, name) ? plans[name] : undefined;
    if (!field || !plan) decline(`${type.name}.${name} is not planned`);
    if (accessOf(field)) decline(`${type.name}.${name} declares who may read it`);
    pairs.push([key, await plan(scope, row, field, selected)]);
  }
  return jsonObject(pairs);
}
