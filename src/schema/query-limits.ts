// Bounds on what one request may ask for: nesting depth, aliases and an estimated cost (every
// field counts 1, times the page size of the lists around it). A refused query says which limit
// and by how much; every answer reports its cost in `extensions.cost`. Fields whose size does not
// follow `first`/`last` declare their own cost rule where they are defined.
import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  getNamedType,
  isObjectType,
  isInterfaceType,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE } from './pagination';

export const QUERY_LIMITS = { depth: 12, aliases: 100, cost: 25_000 };

/**
 * What a field costs beyond "1 per item": how many items it returns when `first`/`last` do not
 * say (`multiplier`), and database work that does not follow its page size, such as a text
 * search (`surcharge`, points added once per occurrence of the field).
 */
export interface CostRule {
  /** `Type.field`, e.g. `Query.oneStop`. */
  field: string;
  multiplier?(args: Readonly<Record<string, unknown>>): number;
  surcharge?(args: Readonly<Record<string, unknown>>): number;
}

/** The argument values of a field, variables substituted. */
export type FieldArguments = Readonly<Record<string, unknown>>;

/**
 * Points a rule could use for the text search in `args[container].search`: `base` plus
 * `perCharacter` for each character (pg_trgm's work grows with the length of the text). About
 * 20 points stand for a millisecond of database time, as measured on the seeded network.
 */
export function searchCost(
  args: FieldArguments,
  base: number,
  perCharacter: number,
  container = 'filter',
): number {
  const search = (args[container] as { search?: unknown } | null | undefined)?.search;
  if (typeof search !== 'string' || search.trim() === '') return 0;
  return base + perCharacter * [...search.trim()].length;
}

interface Measure {
  depth: number;
  aliases: number;
  cost: number;
}

function argumentValue(node: ValueNode | undefined, variables: Record<string, unknown>): unknown {
  if (!node) return undefined;
  switch (node.kind) {
    case Kind.VARIABLE:
      return variables[node.name.value];
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.STRING:
    case Kind.ENUM:
      return node.value;
    case Kind.BOOLEAN:
      return node.value;
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return node.values.map((value) => argumentValue(value, variables));
    case Kind.OBJECT:
      return Object.fromEntries(
        node.fields.map((field) => [field.name.value, argumentValue(field.value, variables)]),
      );
    default:
      return undefined;
  }
}

function fieldArguments(field: FieldNode, variables: Record<string, unknown>): FieldArguments {
  return Object.fromEntries(
    (field.arguments ?? []).map((a) => [a.name.value, argumentValue(a.value, variables)]),
  );
}

/** How many items a field returns at most: its cost rule, else its paging arguments. */
function multiplier(
  args: FieldArguments,
  rule: CostRule | undefined,
  returnsConnection: boolean,
): number {
  if (rule?.multiplier) return Math.max(1, rule.multiplier(args));
  const page = args.first ?? args.last;
  if (typeof page === 'number') return Math.max(1, page);
  return returnsConnection ? DEFAULT_PAGE_SIZE : 1;
}

function measure(
  rules: ReadonlyMap<string, CostRule>,
  schema: GraphQLSchema,
  type: GraphQLCompositeType,
  selectionSet: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  depth: number,
): Measure {
  const total: Measure = { depth, aliases: 0, cost: 0 };
  for (const selection of selectionSet.selections) {
    let inner: Measure | undefined;
    if (selection.kind === Kind.FIELD) {
      if (selection.alias) total.aliases++;
      const fields = isObjectType(type) || isInterfaceType(type) ? type.getFields() : {};
      const definition = fields[selection.name.value];
      const fieldType = definition ? getNamedType(definition.type) : undefined;
      const returnsConnection = Boolean(fieldType?.name.endsWith('Connection'));
      const rule = rules.get(`${type.name}.${selection.name.value}`);
      const args = fieldArguments(selection, variables);
      const times = multiplier(args, rule, returnsConnection);
      const extra = Math.max(0, Math.ceil(rule?.surcharge?.(args) ?? 0));
      if (
        selection.selectionSet &&
        fieldType &&
        (isObjectType(fieldType) || isInterfaceType(fieldType))
      ) {
        const below = measure(
          rules,
          schema,
          fieldType,
          selection.selectionSet,
          fragments,
          variables,
          depth + 1,
        );
        inner = {
          depth: below.depth,
          aliases: below.aliases,
          cost: 1 + extra + times * below.cost,
        };
      } else {
        inner = { depth, aliases: 0, cost: 1 + extra };
      }
    } else {
      const fragment =
        selection.kind === Kind.FRAGMENT_SPREAD ? fragments[selection.name.value] : selection;
      if (!fragment) continue;
      const condition = fragment.typeCondition
        ? schema.getType(fragment.typeCondition.name.value)
        : type;
      inner = measure(
        rules,
        schema,
        (condition as GraphQLCompositeType) ?? type,
        fragment.selectionSet,
        fragments,
        variables,
        depth,
      );
    }
    total.depth = Math.max(total.depth, inner.depth);
    total.aliases += inner.aliases;
    total.cost += inner.cost;
  }
  return total;
}

export function measureOperation(
  rules: ReadonlyMap<string, CostRule>,
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): Measure {
  const root =
    operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  return root
    ? measure(rules, schema, root, operation.selectionSet, fragments, variables, 1)
    : { depth: 0, aliases: 0, cost: 0 };
}

/** The estimated cost of each request's operation, by the request's context value. */
const costs = new WeakMap<object, number>();

/** The cost the limits measured for a request (undefined before, or when it never got there). */
export function measuredCost(contextValue: object): number | undefined {
  return costs.get(contextValue);
}

const REMEDY: Record<keyof Measure, string> = {
  depth: 'ask for fewer nested levels',
  aliases: 'split the request',
  cost: 'ask for smaller pages (first/last) or fewer nested lists',
};

/**
 * Measures of requests seen before. A repeated request (the same parsed operation — Apollo keeps
 * one per query text — and the same variables) measures the same, so it is measured once. What
 * is kept stays small whatever clients send: a few variable sets per operation, short ones only.
 */
export class MeasureMemo {
  static readonly KEPT_PER_OPERATION = 32;
  /** Characters of a variable set (as JSON) kept at most. */
  static readonly KEPT_VARIABLES_LENGTH = 1024;
  private readonly byOperation = new WeakMap<OperationDefinitionNode, Map<string, Measure>>();

  /** The measure of `operation` with `variables`: kept, or `measure()`d (and kept if it may be). */
  measureOf(
    operation: OperationDefinitionNode,
    variables: Record<string, unknown>,
    measure: () => Measure,
  ): Measure {
    const key = JSON.stringify(variables);
    let kept = this.byOperation.get(operation);
    const found = kept?.get(key);
    if (found) return found;
    const measured = measure();
    if (!kept) this.byOperation.set(operation, (kept = new Map()));
    if (
      kept.size < MeasureMemo.KEPT_PER_OPERATION &&
      key.length <= MeasureMemo.KEPT_VARIABLES_LENGTH
    ) {
      kept.set(key, measured);
    }
    return measured;
  }

  /** Variable sets kept for `operation`. */
  keptFor(operation: OperationDefinitionNode): number {
    return this.byOperation.get(operation)?.size ?? 0;
  }
}

export function queryLimitsPlugin(costRules: readonly CostRule[]): ApolloServerPlugin {
  const rules = new Map(costRules.map((rule) => [rule.field, rule]));
  const memo = new MeasureMemo();
  const measureOnce = (
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    document: DocumentNode,
    variables: Record<string, unknown>,
  ): Measure =>
    memo.measureOf(operation, variables, () => {
      const fragments = Object.fromEntries(
        document.definitions
          .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
          .map((d) => [d.name.value, d]),
      );
      return measureOperation(rules, schema, operation, fragments, variables);
    });
  return {
    async requestDidStart() {
      let cost = 0;
      return {
        async didResolveOperation({ schema, operation, document, request, contextValue }) {
          if (!operation) return;
          const measured = measureOnce(schema, operation, document, request.variables ?? {});
          cost = measured.cost;
          costs.set(contextValue, cost);
          for (const limit of ['depth', 'aliases', 'cost'] as const) {
            if (measured[limit] > QUERY_LIMITS[limit]) {
              throw new GraphQLError(
                `query ${limit} ${measured[limit]} exceeds the limit of ${QUERY_LIMITS[limit]}: ${REMEDY[limit]}`,
                {
                  extensions: {
                    code: 'BAD_USER_INPUT',
                    limit,
                    max: QUERY_LIMITS[limit],
                    actual: measured[limit],
                    http: { status: 400 },
                  },
                },
              );
            }
          }
        },
        async willSendResponse({ response }) {
          if (response.body.kind === 'single' && cost > 0) {
            response.body.singleResult.extensions = {
              ...response.body.singleResult.extensions,
              cost: { estimated: cost, limit: QUERY_LIMITS.cost },
            };
          }
        },
      };
    },
  };
}
