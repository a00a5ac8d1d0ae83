// A Relay connection in one SQL expression: the page is read as the resolvers' keyset SQL reads
// it (conditions, `id > after` / `id < before`, ORDER BY id, LIMIT size + 1 — the extra row only
// tells that more follow), numbered, and aggregated into `nodes`, `edges`, `pageInfo` and
// `totalCount` exactly as schema/pagination.ts shapes a KeysetPage. Correlated to the parent
// row through `partition`, so that nested connections are LATERAL reads of their own, cut by
// the same index a DataLoader batch would use.
import type { FieldNode, GraphQLField, GraphQLObjectType } from 'graphql';
import { BY_ROW_ID_SORT, type PageSource } from '../db/page-query';
import type { SqlParameters } from '../db/rows';
import { BY_ROW_ID, cursorSql, pageWindow, type PageArgs } from '../schema/pagination';
import {
  decline,
  jsonObject,
  literal,
  objectJson,
  objectTypeOf,
  type PlanScope,
  type TypePlan,
} from './plan-scope';

/** One paged list: where its rows come from and how its nodes are written. */
export interface ListPlan {
  /** The connection its cursors belong to, e.g. `Institution.children` (see pageWindow). */
  list: string;
  /** The table of its rows, read as `t`. */
  table: string;
  /** How each node is written. */
  fields: TypePlan;
  /** Conditions over `t` that tie the rows to the parent row (none for a root list). */
  partition: string[];
  /** The list's `filter` argument as conditions over `t` (the domain's own function). */
  conditions(
    filter: unknown,
    params: SqlParameters,
  ): Promise<Pick<PageSource, 'where' | 'sort' | 'heavy'>>;
}

const where = (conditions: string[]) =>
  conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';

export async function connectionJson(
  scope: PlanScope,
  field: GraphQLField<unknown, unknown>,
  nodes: readonly FieldNode[],
  plan: ListPlan,
): Promise<string> {
  const args = scope.argumentsOf(field, nodes[0]);
  let window;
  try {
    window = pageWindow(args as PageArgs, BY_ROW_ID, plan.list);
  } catch {
    // Execution refuses the arguments with BAD_USER_INPUT, naming them.
    return decline(`${plan.list}: paging arguments refused`);
  }
  const { params } = scope;
  let filtered;
  try {
    filtered = await plan.conditions(args.filter ?? null, params);
  } catch {
    return decline(`${plan.list}: filter refused`);
  }
  // A text search ranks by relevance (another cursor shape) and is a heavy statement: left to
  // execution.
  if (filtered.heavy || filtered.sort !== BY_ROW_ID_SORT) decline(`${plan.list}: ranked search`);
  const listed = [...plan.partition, ...filtered.where];
  const keyset = [
    ...(window.after ? [`t.id > ${params.add(window.after[0])}::int`] : []),
    ...(window.before ? [`t.id < ${params.add(window.before[0])}::int`] : []),
  ];
  const size = `${params.add(window.size)}::int`;
  const direction = window.backward ? 'DESC' : 'ASC';
  const row = scope.alias();
  const connectionType = objectTypeOf(field);
  const selection = scope.subfields(connectionType, nodes);
  // Only pageInfo needs to know whether more rows follow: without it the page reads `size` rows,
  // with it one more, numbered so that the extra one is left out of the page.
  const withMore = [...selection.values()].some(
    (selected) => selected[0].name.value === 'pageInfo',
  );
  const inPage = withMore ? `FILTER (WHERE ${row}.__rn <= ${size})` : '';
  const nodeType = (name: string) => objectTypeOf(connectionType.getFields()[name]);
  // A forward page comes from its subquery in id order, and nothing at this level (no join, no
  // grouping) reorders it: the aggregate keeps that order, as PostgreSQL documents for a sorted
  // subquery, without a sort of its own in every row of the parent (a tenth of a page's time). A
  // backward page is read from the end, so its aggregate sorts.
  const inOrder = window.backward ? ` ORDER BY ${row}.id` : '';
  const list = (item: string) => `coalesce(json_agg(${item}${inOrder}) ${inPage}, '[]'::json)`;
  const hasMore = `count(*) > ${size}`;
  const pairs: [string, string][] = [];
  for (const [key, selected] of selection) {
    const name = selected[0].name.value;
    switch (name) {
      case '__typename':
        pairs.push([key, literal(connectionType.name)]);
        break;
      case 'nodes':
        pairs.push([
          key,
          list(await objectJson(scope, nodeType('nodes'), plan.fields, row, selected)),
        ]);
        break;
      case 'edges':
        pairs.push([key, list(await edgeJson(scope, nodeType('edges'), plan, row, selected))]);
        break;
      case 'pageInfo':
        pairs.push([
          key,
          pageInfoJson(scope, nodeType('pageInfo'), selected, {
            hasNextPage: window.backward ? String(window.before !== null) : hasMore,
            hasPreviousPage: window.backward ? hasMore : String(window.after !== null),
            startCursor: cursorSql(plan.list, `min(${row}.id) ${inPage}`),
            endCursor: cursorSql(plan.list, `max(${row}.id) ${inPage}`),
          }),
        ]);
        break;
      case 'totalCount':
        pairs.push([key, `(SELECT count(*)::int FROM ${plan.table} t ${where(listed)})`]);
        break;
      default:
        decline(`${connectionType.name}.${name} is not planned`);
    }
  }
  const page = `SELECT t.* FROM ${plan.table} t ${where([...listed, ...keyset])}
                 ORDER BY t.id ${direction} LIMIT ${size}${withMore ? ' + 1' : ''}`;
  const rows = withMore
    ? `(SELECT c.*, row_number() OVER (ORDER BY c.id ${direction}) AS __rn FROM (${page}) c)`
    : `(${page})`;
  return `(SELECT ${jsonObject(pairs)} FROM ${rows} ${row})`;
}

async function edgeJson(
  scope: PlanScope,
  edgeType: GraphQLObjectType,
  plan: ListPlan,
  row: string,
  nodes: readonly FieldNode[],
): Promise<string> {
  const pairs: [string, string][] = [];
  for (const [key, selected] of scope.subfields(edgeType, nodes)) {
    const name = selected[0].name.value;
    if (name === '__typename') pairs.push([key, literal(edgeType.name)]);
    else if (name === 'cursor') pairs.push([key, cursorSql(plan.list, `${row}.id`)]);
    else if (name === 'node') {
      const nodeType = objectTypeOf(edgeType.getFields().node);
      pairs.push([key, await objectJson(scope, nodeType, plan.fields, row, selected)]);
    } else decline(`${edgeType.name}.${name} is not planned`);
  }
  return jsonObject(pairs);
}

function pageInfoJson(
  scope: PlanScope,
  pageInfoType: GraphQLObjectType,
  nodes: readonly FieldNode[],
  values: Record<'hasNextPage' | 'hasPreviousPage' | 'startCursor' | 'endCursor', string>,
): string {
  const pairs: [string, string][] = [];
  for (const [key, selected] of scope.subfields(pageInfoType, nodes)) {
    const name = selected[0].name.value;
    if (name === '__typename') pairs.push([key, literal(pageInfoType.name)]);
    else if (Object.hasOwn(values, name)) pairs.push([key, values[name as keyof typeof values]]);
    else decline(`${pageInfoType.name}.${name} is not planned`);
  }
  return jsonObject(pairs);
}
