// Which selections of a document execute: `@skip`/`@include` read as graphql-js reads them, and
// the root fields an operation runs, through fragments too — for plugins that must follow what
// runs rather than the document's top level.
import {
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  getDirectiveValues,
  getVariableValues,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type FragmentSpreadNode,
  type GraphQLField,
  type GraphQLSchema,
  type InlineFragmentNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * The request's raw `variables` coerced as execution coerces them (declared defaults applied), or
 * null when they cannot be: execution refuses such variables before any resolver runs.
 */
export function coercedVariables(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): Record<string, unknown> | null {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables, {
    maxErrors: 1,
  });
  return coerced.errors ? null : coerced.coerced;
}

/** A document's fragments by name, worked out once per parsed document (Apollo keeps them). */
const fragmentsOf = new WeakMap<DocumentNode, Record<string, FragmentDefinitionNode>>();

export function documentFragments(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  let found = fragmentsOf.get(document);
  if (!found) {
    found = Object.create(null) as Record<string, FragmentDefinitionNode>;
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) found[definition.name.value] = definition;
    }
    fragmentsOf.set(document, found);
  }
  return found;
}

/** Whether `@skip`/`@include` leave the selection out of the execution. */
export function skipped(
  node: FieldNode | FragmentSpreadNode | InlineFragmentNode,
  variables: Record<string, unknown>,
): boolean {
  if (!node.directives?.length) return false;
  if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return true;
  return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if === false;
}

/**
 * The root fields `operation` executes (each definition once; `__typename` left out), fragments
 * followed and `@skip`/`@include` applied; null when its variables do not coerce (it then runs
 * nothing).
 */
export function executedRootFields(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Record<string, unknown>,
): GraphQLField<unknown, unknown>[] | null {
  const root = schema.getRootType(operation.operation);
  const variables = coercedVariables(schema, operation, rawVariables);
  if (!root || !variables) return null;
  const fragments = documentFragments(document);
  const found = new Set<GraphQLField<unknown, unknown>>();
  const visited = new Set<string>();
  const collect = (selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (skipped(selection, variables)) continue;
      if (selection.kind === Kind.FIELD) {
        const field = root.getFields()[selection.name.value];
        if (field) found.add(field);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        collect(selection.selectionSet);
      } else if (!visited.has(selection.name.value)) {
        // A fragment's root fields are the same at every spread: each is read once.
        visited.add(selection.name.value);
        const fragment = fragments[selection.name.value];
        if (fragment) collect(fragment.selectionSet);
      }
    }
  };
  collect(operation.selectionSet);
  return [...found];
}
