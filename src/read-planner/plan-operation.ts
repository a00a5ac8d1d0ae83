// A whole query operation as one SQL statement returning the answer's `data` as JSON, or null
// when the planner declines it: a root field, a field below or an argument it does not know, a
// field that declares who may read it, a selection wider than one json_build_object, variables
// execution would refuse. A declined operation is executed as if the planner were not there.
import { Kind, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { coercedVariables, documentFragments } from '../schema/executed-fields';
import { institutionByCode, institutions } from './institution-plan';
import { Declined, PlanScope, objectJson, type TypePlan } from './plan-scope';

/** The root fields the planner answers. */
const QUERY_FIELDS: TypePlan = {
  institution: institutionByCode,
  institutions,
};

export interface PlannedStatement {
  text: string;
  values: unknown[];
}

export async function planOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Record<string, unknown>,
  categoryKeys: (code: string, field: string) => Promise<number[]>,
): Promise<PlannedStatement | null> {
  const root = schema.getQueryType();
  if (operation.operation !== 'query' || !root) return null;
  const variables = coercedVariables(schema, operation, rawVariables);
  if (!variables) return null;
  const scope = new PlanScope(schema, documentFragments(document), variables, categoryKeys);
  try {
    // The operation's selection set stands as the one field node of the root object.
    const rootNode = {
      kind: Kind.FIELD,
      name: { kind: Kind.NAME, value: 'data' },
      selectionSet: operation.selectionSet,
    } as const;
    // Nothing but __typename: execution answers without a statement.
    const fields = [...scope.subfields(root, [rootNode]).values()];
    if (fields.every((selected) => selected[0].name.value === '__typename')) return null;
    const data = await objectJson(scope, root, QUERY_FIELDS, '', [rootNode]);
    return { text: `SELECT ${data} AS data`, values: scope.params.values };
  } catch (error) {
    if (error instanceof Declined) return null;
    throw error;
  }
}
