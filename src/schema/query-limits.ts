// Bounds on what one request may ask for: nesting depth, aliases and an estimated cost (every
// field counts 1, times the page size of the lists around it). A refused query says which limit
// and by how much; every answer reports its cost in `extensions.cost`. Fields whose size does not
// follow `first`/`last` declare their own cost rule where they are defined (@Cost, field-policy.ts).
import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  getArgumentValues,
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import {
  costRuleOf,
  defaultPageOf,
  type CostRule,
  type DataVolume,
  type FieldArguments,
} from './field-policy';
import { coercedVariables, documentFragments, skipped } from './executed-fields';

export type { CostRule, DataVolume, FieldArguments } from './field-policy';

export const QUERY_LIMITS = { depth: 12, aliases: 100, cost: 25_000 };

/**
 * Introspection reads the schema, not the database, but a full `__schema` walk still takes tens of
 * milliseconds of CPU: `__schema` is charged a point for every item it could list (types, fields,
 * arguments, enum and input values: 821 in this API, about 830 points) — measured at 38.5 ms for
 * graphql-js's full introspection query (170 kB), i.e. about 20 points per millisecond, as
 * database work is priced (searchCost). It grows with the schema, and one full introspection
 * stays far below the per-request limit.
 */
export const INTROSPECTION_POINTS_PER_ITEM = 1;

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

/** What an operation asks for: its deepest level, its aliases and its estimated cost. */
export interface Measure {
  depth: number;
  aliases: number;
  cost: number;
}

/** A measure while walking: surcharges paid once per request are kept apart until the end. */
interface PartialMeasure extends Measure {
  oncePerRequest: Map<CostRule, number>;
}

const nothing = (): PartialMeasure => ({
  depth: 0,
  aliases: 0,
  cost: 0,
  oncePerRequest: new Map(),
});

function addOnce(into: Map<CostRule, number>, from: ReadonlyMap<CostRule, number>): void {
  for (const [rule, points] of from) into.set(rule, Math.max(points, into.get(rule) ?? 0));
}

/** Items a `__schema` walk could list: every type, field, argument, enum and input value. */
function schemaItems(schema: GraphQLSchema): number {
  let items = schema.getDirectives().reduce((sum, directive) => sum + 1 + directive.args.length, 0);
  for (const type of Object.values(schema.getTypeMap())) {
    items++;
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) items += 1 + field.args.length;
    } else if (isInputObjectType(type)) {
      items += Object.keys(type.getFields()).length;
    } else if (isEnumType(type)) {
      items += type.getValues().length;
    }
  }
  return items;
}

const introspectionCosts = new WeakMap<GraphQLSchema, CostRule>();

/** The cost rule of `__schema` for this schema (computed once per schema). */
function introspectionCost(schema: GraphQLSchema): CostRule {
  let rule = introspectionCosts.get(schema);
  if (!rule) {
    const points = Math.ceil(schemaItems(schema) * INTROSPECTION_POINTS_PER_ITEM);
    rule = { surcharge: () => points };
    introspectionCosts.set(schema, rule);
  }
  return rule;
}

/** A field's definition, the introspection fields (`__schema`, `__type`, `__typename`) too. */
function fieldDefinition(
  schema: GraphQLSchema,
  parent: GraphQLCompositeType,
  name: string,
): GraphQLField<unknown, unknown> | undefined {
  if (name === SchemaMetaFieldDef.name && parent === schema.getQueryType()) {
    return SchemaMetaFieldDef;
  }
  if (name === TypeMetaFieldDef.name && parent === schema.getQueryType()) return TypeMetaFieldDef;
  if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}

/** A field as far as its page size goes: its `first` and `last` arguments and no other. */
const pageSizes = new WeakMap<GraphQLField<unknown, unknown>, GraphQLField<unknown, unknown>>();
function pageSizeOf(field: GraphQLField<unknown, unknown>): GraphQLField<unknown, unknown> {
  let paging = pageSizes.get(field);
  if (!paging) {
    const args = field.args.filter((arg) => arg.name === 'first' || arg.name === 'last');
    paging = { ...field, args };
    pageSizes.set(field, paging);
  }
  return paging;
}

/**
 * Walks an operation once: every fragment is measured once and its measure reused at each spread
 * (a fragment's measure does not depend on where it is spread), so the walk is linear in the
 * document's size however often fragments spread each other. A spread counts as a level of
 * depth. Arguments are read as execution reads them (graphql-js's getArgumentValues: variables,
 * their declared defaults and the arguments' defaults), and selections `@skip`/`@include` leave
 * out are left out.
 *
 * Hand-written rather than graphql-query-complexity 1.1 (compared on the API's schema): it prices
 * the same documents the same, but walks a fragment again at every spread — exponential, bounded
 * only by its node cap (10,000 nodes, ~60–90 ms to refuse the spread bomb here, against ~20 µs) —
 * takes 4–8 times the CPU on an ordinary page query (its TypeInfo visitor), and cannot count a
 * batched surcharge once per request (the national statistics with their breakdown: 452,601
 * points there, 11,121 here).
 */
class OperationWalk {
  private readonly fragmentMeasures = new Map<string, PartialMeasure>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Readonly<Record<string, FragmentDefinitionNode>>,
    private readonly variables: Record<string, unknown>,
    private readonly volume: DataVolume,
  ) {}

  /** The measure of a selection set; depth counts the levels below it. */
  selectionSet(type: GraphQLCompositeType, selectionSet: SelectionSetNode): PartialMeasure {
    const total = nothing();
    for (const selection of selectionSet.selections) {
      if (skipped(selection, this.variables)) continue;
      let inner: PartialMeasure;
      if (selection.kind === Kind.FIELD) {
        inner = this.field(type, selection);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const below = this.fragment(selection.name.value);
        inner = { ...below, depth: below.depth + 1 };
      } else {
        const condition = selection.typeCondition
          ? this.schema.getType(selection.typeCondition.name.value)
          : type;
        inner = isCompositeType(condition)
          ? this.selectionSet(condition, selection.selectionSet)
          : nothing();
      }
      total.depth = Math.max(total.depth, inner.depth);
      total.aliases += inner.aliases;
      total.cost += inner.cost;
      addOnce(total.oncePerRequest, inner.oncePerRequest);
    }
    return total;
  }

  private fragment(name: string): PartialMeasure {
    const known = this.fragmentMeasures.get(name);
    if (known) return known;
    // Validation refuses unknown and cyclic fragments before any walk; should one get here, it
    // counts as empty rather than looping.
    this.fragmentMeasures.set(name, nothing());
    const fragment = this.fragments[name];
    const condition = fragment && this.schema.getType(fragment.typeCondition.name.value);
    const measured = isCompositeType(condition)
      ? this.selectionSet(condition, fragment.selectionSet)
      : nothing();
    this.fragmentMeasures.set(name, measured);
    return measured;
  }

  private field(parent: GraphQLCompositeType, node: FieldNode): PartialMeasure {
    const aliases = node.alias ? 1 : 0;
    const leaf = { ...nothing(), depth: 1, aliases, cost: 1 };
    const definition = fieldDefinition(this.schema, parent, node.name.value);
    if (!definition) return leaf;
    const rule =
      definition === SchemaMetaFieldDef ? introspectionCost(this.schema) : costRuleOf(definition);
    let args: FieldArguments;
    try {
      // Only what the measure uses is read: a cost rule sees every argument, other fields only
      // their page size — so that the memo need not tell apart requests for another code.
      const read = rule?.surcharge || rule?.multiplier ? definition : pageSizeOf(definition);
      args = getArgumentValues(read, node, this.variables);
    } catch (error) {
      // Arguments execution would refuse (a required one given by a missing variable): the field
      // answers its error and nothing below it runs.
      if (error instanceof GraphQLError) return leaf;
      throw error;
    }
    const surcharge = Math.max(0, Math.ceil(rule?.surcharge?.(args, this.volume) ?? 0));
    const type = getNamedType(definition.type);
    const below =
      node.selectionSet && isCompositeType(type)
        ? this.selectionSet(type, node.selectionSet)
        : undefined;
    // Introspection reads the schema in memory, and every client's introspection query nests
    // deeply (a type's ofType of ofType … through spreads of TypeRef): its depth does not count —
    // `__schema` is priced by the schema's size, and the document's nesting bound holds it.
    const introspection = definition === SchemaMetaFieldDef || definition === TypeMetaFieldDef;
    const measured: PartialMeasure = {
      depth: 1 + (introspection ? 0 : (below?.depth ?? 0)),
      aliases: aliases + (below?.aliases ?? 0),
      cost: 1 + (below ? this.multiplier(args, rule, type) * below.cost : 0),
      oncePerRequest: below?.oncePerRequest ?? new Map(),
    };
    if (rule?.oncePerRequest) addOnce(measured.oncePerRequest, new Map([[rule, surcharge]]));
    else measured.cost += surcharge;
    return measured;
  }

  /**
   * How many items a field returns at most: its cost rule, else its `first`/`last`, else the
   * default page its type declares (@Paged) — 1 for a type that is no paged list.
   */
  private multiplier(args: FieldArguments, rule: CostRule | undefined, type: GraphQLNamedType) {
    if (rule?.multiplier) return Math.max(1, rule.multiplier(args));
    const page = args.first ?? args.last;
    if (typeof page === 'number') return Math.max(1, page);
    return defaultPageOf(type) ?? 1;
  }
}

const NOTHING: Measure = { depth: 0, aliases: 0, cost: 0 };

/** The measure of `operation` with variables already coerced (see coercedVariables). */
export function measureCoerced(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  coerced: Record<string, unknown>,
  volume: DataVolume,
): Measure {
  const root =
    operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  if (!root) return NOTHING;
  const walk = new OperationWalk(schema, fragments, coerced, volume);
  const { depth, aliases, cost, oncePerRequest } = walk.selectionSet(root, operation.selectionSet);
  let once = 0;
  for (const points of oncePerRequest.values()) once += points;
  return { depth, aliases, cost: cost + once };
}

/**
 * The measure of `operation` with the request's raw `variables`. Variables that cannot be
 * coerced never execute, so such an operation measures as nothing.
 */
export function measureOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  variables: Record<string, unknown>,
  volume: DataVolume,
): Measure {
  const coerced = coercedVariables(schema, operation, variables);
  return coerced ? measureCoerced(schema, operation, fragments, coerced, volume) : NOTHING;
}

/** The estimated cost of each request's operation and whether it was refused, by context value. */
const costs = new WeakMap<object, { estimated: number; refused: boolean }>();

/** The cost the limits measured for a request (undefined before, or when it never got there). */
export function measuredCost(contextValue: object): number | undefined {
  return costs.get(contextValue)?.estimated;
}

/**
 * What a request should be charged: its estimated cost if it runs; 1 point if the limits refused
 * it — refusing cost next to nothing, and one mistyped query must not spend a client's budget.
 */
export function costToCharge(contextValue: object): number | undefined {
  const measured = costs.get(contextValue);
  return measured?.refused ? 1 : measured?.estimated;
}

const REMEDY: Record<keyof Measure, string> = {
  depth: 'ask for fewer nested levels',
  aliases: 'split the request',
  cost: 'ask for smaller pages (first/last) or fewer nested lists',
};

/**
 * Measures of requests seen before. A measure depends only on the variables its walk reads —
 * page sizes, `@skip`/`@include` conditions, what a cost rule looks at — not on the institution
 * code or the search text a request carries; so requests of the same parsed operation (Apollo
 * keeps one per query text) that agree on those variables measure the same, and are measured once.
 * What is kept stays small whatever clients send: a few variable sets per operation, short ones.
 */
export class MeasureMemo {
  static readonly KEPT_PER_OPERATION = 32;
  /** Characters of the read variables' values (as JSON) kept at most. */
  static readonly KEPT_VARIABLES_LENGTH = 1024;
  private readonly byOperation = new WeakMap<OperationDefinitionNode, KeptMeasures>();

  /**
   * The measure of `operation` with coerced `variables`: kept, or `measure()`d (and kept if it
   * may be). `measure` is given the variables through a view that notes which of them it reads.
   */
  measureOf(
    operation: OperationDefinitionNode,
    variables: Record<string, unknown>,
    measure: (variables: Record<string, unknown>) => Measure,
  ): Measure {
    let kept = this.byOperation.get(operation);
    const found = kept?.measures.get(keyOf(kept.reads, variables));
    if (found) return found;
    const reads = new Set<string>();
    const measured = measure(notingReads(variables, reads));
    if (!kept) this.byOperation.set(operation, (kept = { reads, measures: new Map() }));
    else if ([...reads].some((name) => !kept!.reads.has(name))) {
      // Reached a variable the kept measures did not read (below a condition they left out):
      // their keys say nothing of it, so they start again, keyed by every variable read so far.
      for (const name of reads) kept.reads.add(name);
      kept.measures.clear();
    }
    const key = keyOf(kept.reads, variables);
    if (
      kept.measures.size < MeasureMemo.KEPT_PER_OPERATION &&
      key.length <= MeasureMemo.KEPT_VARIABLES_LENGTH
    ) {
      kept.measures.set(key, measured);
    }
    return measured;
  }

  /** Variable sets kept for `operation`. */
  keptFor(operation: OperationDefinitionNode): number {
    return this.byOperation.get(operation)?.measures.size ?? 0;
  }
}

interface KeptMeasures {
  /** The variables any measure of the operation has read: what the keys are made of. */
  reads: Set<string>;
  measures: Map<string, Measure>;
}

/**
 * The key of a measure: the values of the variables read, in JSON (`[value]`, or `[]` for one not
 * given: its argument's default applies, which null would not). Two requests that agree on them
 * walk the same path — each step decides only by variables already read — so they measure the
 * same, whatever the variables no step read.
 */
const keyOf = (reads: ReadonlySet<string>, variables: Record<string, unknown>) =>
  JSON.stringify(
    Array.from(reads, (name) => (Object.hasOwn(variables, name) ? [variables[name]] : [])),
  );

/** `variables` as graphql-js reads them (`in`, own-property checks, lookups), noting each name. */
function notingReads(
  variables: Record<string, unknown>,
  reads: Set<string>,
): Record<string, unknown> {
  const note = (name: string | symbol) => typeof name === 'string' && reads.add(name);
  return new Proxy(variables, {
    get: (target, name) => (note(name), Reflect.get(target, name)),
    has: (target, name) => (note(name), Reflect.has(target, name)),
    getOwnPropertyDescriptor: (target, name) => (
      note(name),
      Reflect.getOwnPropertyDescriptor(target, name)
    ),
  });
}

/**
 * Measures every operation before it runs and refuses it over a limit. Cost rules are read from
 * the fields' declarations (see field-policy.ts), so the plugin needs no list of them.
 */
export function queryLimitsPlugin(volume: DataVolume): ApolloServerPlugin {
  const memo = new MeasureMemo();
  const measureOnce = (
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    document: DocumentNode,
    variables: Record<string, unknown>,
  ): Measure => {
    // Coerced before the memo is asked: variables execution refuses measure as nothing, and are
    // never kept (a key made of what they leave unread could match every request).
    const coerced = coercedVariables(schema, operation, variables);
    if (!coerced) return NOTHING;
    return memo.measureOf(operation, coerced, (noted) =>
      measureCoerced(schema, operation, documentFragments(document), noted, volume),
    );
  };
  return {
    async requestDidStart() {
      let cost = 0;
      return {
        async didResolveOperation({ schema, operation, document, request, contextValue }) {
          if (!operation) return;
          const measured = measureOnce(schema, operation, document, request.variables ?? {});
          cost = measured.cost;
          const over = (['depth', 'aliases', 'cost'] as const).find(
            (limit) => measured[limit] > QUERY_LIMITS[limit],
          );
          costs.set(contextValue, { estimated: cost, refused: over !== undefined });
          if (over) {
            throw new GraphQLError(
              `query ${over} ${measured[over]} exceeds the limit of ${QUERY_LIMITS[over]}: ${REMEDY[over]}`,
              {
                extensions: {
                  code: 'BAD_USER_INPUT',
                  limit: over,
                  max: QUERY_LIMITS[over],
                  actual: measured[over],
                  http: { status: 400 },
                },
              },
            );
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
