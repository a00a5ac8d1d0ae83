// What a client selected below a field, read from the resolve info: which fields of the nodes of
// a connection (through `nodes` and `edges.node`, fragments included), whether it asked for
// `totalCount`. Lists read only the columns and counts the selection needs.
import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** Fields selected directly in `selectionSet`, through fragments and inline fragments. */
export function fieldsOf(
  selectionSet: SelectionSetNode | undefined,
  info: GraphQLResolveInfo,
  into: FieldNode[] = [],
): FieldNode[] {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) into.push(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) fieldsOf(selection.selectionSet, info, into);
    else fieldsOf(info.fragments[selection.name.value]?.selectionSet, info, into);
  }
  return into;
}

/**
 * Answers worked out once per place in a document: graphql-js resolves every item of a list with
 * the same `fieldNodes` array, and Apollo reuses parsed documents, so a field under 500 parents
 * walks its selection once.
 */
function memoised(compute: (info: GraphQLResolveInfo) => Set<string>) {
  const seen = new WeakMap<readonly FieldNode[], Set<string>>();
  return (info: GraphQLResolveInfo): ReadonlySet<string> => {
    let found = seen.get(info.fieldNodes);
    if (!found) seen.set(info.fieldNodes, (found = compute(info)));
    return found;
  };
}

/** The fields selected on the object the current field returns. */
export const selectedFields = memoised(
  (info) =>
    new Set(
      info.fieldNodes.flatMap((node) => fieldsOf(node.selectionSet, info)).map((f) => f.name.value),
    ),
);

/** The fields selected on the nodes of the connection the current field returns. */
export const selectedNodeFields = memoised((info) => {
  const names = new Set<string>();
  for (const field of info.fieldNodes.flatMap((node) => fieldsOf(node.selectionSet, info))) {
    if (field.name.value === 'nodes') {
      for (const inner of fieldsOf(field.selectionSet, info)) names.add(inner.name.value);
    } else if (field.name.value === 'edges') {
      for (const edge of fieldsOf(field.selectionSet, info)) {
        if (edge.name.value !== 'node') continue;
        for (const inner of fieldsOf(edge.selectionSet, info)) names.add(inner.name.value);
      }
    }
  }
  return names;
});

/** Whether the current field's selection names `field` (e.g. totalCount on a connection). */
export function selects(info: GraphQLResolveInfo, field: string): boolean {
  return selectedFields(info).has(field);
}
