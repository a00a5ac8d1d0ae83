// Bounds on what one request may ask for: nesting depth, aliases and an estimated cost (every
// field counts 1, times the page size of the lists around it). A refused query says which limit
// and by how much; every answer reports its cost in `extensions.cost`.
import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  getNamedType,
  isObjectType,
  isInterfaceType,
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
      return Number(node.value);
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

/** How many items a field returns at most, from its paging arguments. */
function multiplier(
  field: FieldNode,
  returnsConnection: boolean,
  variables: Record<string, unknown>,
): number {
  const argument = (name: string) =>
    argumentValue(field.arguments?.find((a) => a.name.value === name)?.value, variables);
  const page = argument('first') ?? argument('last');
  if (typeof page === 'number') return Math.max(1, page);
  const ids = argument('ids');
  if (Array.isArray(ids)) return Math.max(1, ids.length);
  if (field.name.value === 'oneStop') {
    const limit = (argument('input') as { limitPerTier?: unknown } | undefined)?.limitPerTier;
    return 4 * (typeof limit === 'number' ? limit : 10); // up to four tiers
  }
  return returnsConnection ? DEFAULT_PAGE_SIZE : 1;
}

function measure(
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
      const times = multiplier(selection, returnsConnection, variables);
      if (
        selection.selectionSet &&
        fieldType &&
        (isObjectType(fieldType) || isInterfaceType(fieldType))
      ) {
        const below = measure(
          schema,
          fieldType,
          selection.selectionSet,
          fragments,
          variables,
          depth + 1,
        );
        inner = { depth: below.depth, aliases: below.aliases, cost: 1 + times * below.cost };
      } else {
        inner = { depth, aliases: 0, cost: 1 };
      }
    } else {
      const fragment =
        selection.kind === Kind.FRAGMENT_SPREAD ? fragments[selection.name.value] : selection;
      if (!fragment) continue;
      const condition = fragment.typeCondition
        ? schema.getType(fragment.typeCondition.name.value)
        : type;
      inner = measure(
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
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): Measure {
  const root =
    operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  return root
    ? measure(schema, root, operation.selectionSet, fragments, variables, 1)
    : { depth: 0, aliases: 0, cost: 0 };
}

const REMEDY: Record<keyof Measure, string> = {
  depth: 'ask for fewer nested levels',
  aliases: 'split the request',
  cost: 'ask for smaller pages (first/last) or fewer nested lists',
};

export function queryLimitsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      let cost = 0;
      return {
        async didResolveOperation({ schema, operation, document, request }) {
          if (!operation) return;
          const fragments = Object.fromEntries(
            document.definitions
              .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
              .map((d) => [d.name.value, d]),
          );
          const measured = measureOperation(schema, operation, fragments, request.variables ?? {});
          cost = measured.cost;
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
