// The cost calculator and the plugin that applies the limits, on a small schema written here:
// every field counts 1, times the page size of the lists around it; fields with a cost rule count
// by their rule. Costs below are worked out by hand in the comments.
import { ApolloServer } from '@apollo/server';
import {
  Kind,
  buildSchema,
  parse,
  type GraphQLSchema,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import {
  MeasureMemo,
  QUERY_LIMITS,
  measureCoerced,
  measureOperation,
  measuredCost,
  queryLimitsPlugin,
  searchCost,
  type CostRule,
  type DataVolume,
} from '../../src/schema/query-limits';

const schema = buildSchema(`
  interface Node { id: ID! }
  type Item implements Node { id: ID! name: String! children(first: Int, last: Int): ItemConnection! tags: [String!]! }
  type Other { label: String! }
  union Found = Item | Other
  type ItemConnection { nodes: [Item!]! totalCount: Int! }
  input Probe { a: Int b: [String!] c: Kind }
  enum Kind { BIG SMALL }
  type Query {
    item: Item
    items(first: Int, last: Int, after: String): ItemConnection!
    node(id: ID!): Node
    nodes(ids: [ID!]!): [Node]!
    probe(int: Int, float: Float, string: String, enum: Kind, bool: Boolean, nothing: Int, list: [Int], object: Probe, variable: Int): [Item!]!
    found(first: Int): [Found!]!
  }
  type Mutation { touch(first: Int): ItemConnection! }
`);
const noMutation = buildSchema(`type Query { item: String }`);

// ItemConnection is a paged list of 20 items by default, as @Paged declares it in the API.
Object.assign(schema.getType('ItemConnection')!, { extensions: { defaultPage: 20 } });

const nodesRule: CostRule = { multiplier: ({ ids }) => (Array.isArray(ids) ? ids.length : 1) };

/** Declares `rules` (by `Type.field`) on the schema's fields, as @Cost does in the API. */
function declare(rules: Record<string, CostRule>, on: GraphQLSchema) {
  for (const type of [on.getQueryType(), on.getMutationType(), on.getType('Item')]) {
    if (!type || !('getFields' in type)) continue;
    for (const field of Object.values(type.getFields())) {
      Object.assign(field, { extensions: { cost: rules[`${type.name}.${field.name}`] } });
    }
  }
}

/** Counts rows as the tests say. */
const volume = (rows: Record<string, number> = {}): DataVolume => ({
  rows: (table) => rows[table] ?? 0,
});

/** The depth, aliases and cost of the first operation of `document`. */
function measure(
  document: string,
  variables: Record<string, unknown> = {},
  rules: Record<string, CostRule> = { 'Query.nodes': nodesRule },
  on = schema,
) {
  declare(rules, on);
  const parsed = parse(document);
  const operation = parsed.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  )!;
  const fragments = Object.fromEntries(
    parsed.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  return measureOperation(on, operation, fragments, variables, volume());
}
const cost = (...args: Parameters<typeof measure>) => measure(...args).cost;

describe('measureOperation', () => {
  it('counts every field 1', () => {
    expect(measure(`{ item { id name } }`)).toEqual({ depth: 2, aliases: 0, cost: 3 });
  });

  it('multiplies what is below a list by its first or last', () => {
    // 1 + 5 × (nodes 1 + 1 × (name 1))
    expect(cost(`{ items(first: 5) { nodes { name } } }`)).toBe(11);
    expect(cost(`{ items(last: 7) { nodes { name } } }`)).toBe(15);
    // totalCount is not under nodes but still under the page: 1 + 3 × (1 + 1 × 1 + 1)
    expect(cost(`{ items(first: 3) { totalCount nodes { name } } }`)).toBe(10);
  });

  it('counts a connection without first or last at the default page size, 20', () => {
    expect(cost(`{ items { nodes { name } } }`)).toBe(41);
    expect(cost(`{ item { children { totalCount } } }`)).toBe(1 + (1 + 20 * 1));
  });

  it('counts a plain list, or a list of scalars, once', () => {
    // probe returns [Item!]! with no paging argument: 1 + 1 × (name 1 + tags 1)
    expect(cost(`{ probe { name tags } }`)).toBe(3);
  });

  it('multiplies nested lists', () => {
    // children: 1 + 4 × (nodes 1 + name 1) = 9; items: 1 + 10 × (nodes 1 + 1 × (name 1 + 9))
    expect(
      cost(`{ items(first: 10) { nodes { name children(first: 4) { nodes { name } } } } }`),
    ).toBe(111);
  });

  it('reads page sizes from variables, and a missing variable as no page size', () => {
    const query = `query ($n: Int) { items(first: $n) { nodes { id } } }`;
    expect(cost(query, { n: 3 })).toBe(7);
    expect(cost(query, {})).toBe(41);
    expect(cost(query, { n: null })).toBe(41);
  });

  it('counts at least one item for a page size below one', () => {
    expect(cost(`{ items(first: 0) { nodes { id } } }`)).toBe(3);
    expect(cost(`{ items(last: -5) { nodes { id } } }`)).toBe(3);
  });

  it('prices a field by its cost rule, at least 1', () => {
    // 1 + 3 ids × (id 1)
    expect(cost(`{ nodes(ids: ["a", "b", "c"]) { id } }`)).toBe(4);
    expect(cost(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: ['a', 'b'] })).toBe(3);
    expect(cost(`{ nodes(ids: []) { id } }`)).toBe(2);
    // The rule of Query.nodes is not the rule of another type's field.
    expect(cost(`{ items(first: 2) { nodes { id } } }`)).toBe(5);
  });

  it('gives a cost rule the arguments as written, of every kind', () => {
    const seen: Record<string, unknown>[] = [];
    const probe: CostRule = {
      multiplier: (args) => {
        seen.push(args);
        return 2;
      },
    };
    const total = cost(
      `query ($v: Int) { probe(int: 3, float: 1.5, string: "s", enum: BIG, bool: true, nothing: null,
        list: [1, $v], object: { a: $v, b: ["x"], c: SMALL }, variable: $v) { id } }`,
      { v: 9 },
      { 'Query.probe': probe },
    );
    expect(total).toBe(1 + 2 * 1);
    expect(seen).toEqual([
      {
        int: 3,
        float: 1.5,
        string: 's',
        enum: 'BIG',
        bool: true,
        nothing: null,
        list: [1, 9],
        object: { a: 9, b: ['x'], c: 'SMALL' },
        variable: 9,
      },
    ]);
  });

  it('gives a rule 1 item when it asks for fewer', () => {
    const none: CostRule = { multiplier: () => 0 };
    expect(cost(`{ probe { id name } }`, {}, { 'Query.probe': none })).toBe(3);
  });

  it('counts fields of inline fragments and named fragments where they are spread', () => {
    // nodes: 1 + 2 × (id 1 + … on Item { name 1 children 1 + 20 × totalCount 1 })
    expect(
      cost(`{ nodes(ids: ["a", "b"]) { id ... on Item { name children { totalCount } } } }`),
    ).toBe(1 + 2 * (1 + 1 + 21));
    expect(
      cost(
        `query { items(first: 2) { ...Page } } fragment Page on ItemConnection { nodes { id name } }`,
      ),
    ).toBe(1 + 2 * (1 + 2));
    // An inline fragment without a type condition keeps the type around it.
    expect(cost(`{ item { ... { id name } } }`)).toBe(3);
  });

  it('skips a spread of a fragment the document does not have', () => {
    expect(cost(`{ item { id ...Missing } }`)).toBe(2);
  });

  it('counts a field the schema does not know (__typename) as 1, whatever is below it', () => {
    expect(cost(`{ item { __typename } }`)).toBe(2);
    expect(cost(`{ item { unknown { id name } } }`)).toBe(2);
  });

  it('measures depth by fields and named fragments, not by inline fragments', () => {
    expect(measure(`{ item { id } }`).depth).toBe(2);
    // item 1 + spread of F 1 + F's id 1
    expect(measure(`{ item { ...F } } fragment F on Item { id }`).depth).toBe(3);
    expect(measure(`{ items { nodes { children { nodes { id } } } } }`).depth).toBe(5);
    expect(measure(`{ item { ... on Item { ... on Item { id } } } }`).depth).toBe(2);
    expect(measure(`{ a: item { id } b: items { nodes { children { totalCount } } } }`).depth).toBe(
      4,
    );
  });

  it('counts aliases at every level, fragments included', () => {
    expect(
      measure(`{ a: item { b: id c: name } items { nodes { ... on Item { d: id } } } }`).aliases,
    ).toBe(4);
    expect(
      measure(`{ item { ...F } } fragment F on Item { x: id y: children { z: totalCount } }`)
        .aliases,
    ).toBe(3);
  });

  it('measures a mutation from the mutation type', () => {
    expect(measure(`mutation { touch(first: 5) { totalCount } }`)).toEqual({
      depth: 2,
      aliases: 0,
      cost: 1 + 5 * 1,
    });
  });

  it('measures nothing when the schema has no root for the operation', () => {
    expect(measure(`mutation { touch { totalCount } }`, {}, {}, noMutation)).toEqual({
      depth: 0,
      aliases: 0,
      cost: 0,
    });
  });
});

describe('what execution runs', () => {
  it('leaves out what @skip and @include leave out, literally or by variable', () => {
    const big = `items(first: 100) { nodes { id } }`;
    expect(cost(`{ item { id } ${big.replace('{ nodes', '@skip(if: true) { nodes')} }`)).toBe(2);
    expect(cost(`{ item { id } ${big.replace('{ nodes', '@include(if: false) { nodes')} }`)).toBe(
      2,
    );
    const byVariable = `query ($on: Boolean!) { item { id } items(first: 100) @include(if: $on) { nodes { id } } }`;
    expect(cost(byVariable, { on: false })).toBe(2);
    expect(cost(byVariable, { on: true })).toBe(2 + 201);
    // On fragments too.
    expect(
      cost(
        `{ item { id ... @skip(if: true) { name } ...F @include(if: false) } } fragment F on Item { name }`,
      ),
    ).toBe(2);
  });

  it('reads a missing variable as its declared default, as execution does', () => {
    const query = `query ($n: Int = 100) { items(first: $n) { nodes { id } } }`;
    expect(cost(query)).toBe(1 + 100 * 2);
    expect(cost(query, { n: 3 })).toBe(1 + 3 * 2);
  });

  it('reads an argument left out as its default in the schema', () => {
    const withDefault = buildSchema(`
      type Item { id: ID! }
      type ItemConnection { nodes: [Item!]! }
      type Query { items(first: Int = 50): ItemConnection! }`);
    expect(cost(`{ items { nodes { id } } }`, {}, {}, withDefault)).toBe(1 + 50 * 2);
  });

  it('recognises a paged list by its declaration, not by the name of its type', () => {
    const named = buildSchema(`
      type Item { id: ID! }
      type ItemConnection { nodes: [Item!]! }
      type ItemPage { nodes: [Item!]! }
      type Query { connection: ItemConnection! page: ItemPage! }`);
    expect(cost(`{ connection { nodes { id } } page { nodes { id } } }`, {}, {}, named)).toBe(
      3 + 3,
    );
    Object.assign(named.getType('ItemPage')!, { extensions: { defaultPage: 20 } });
    expect(cost(`{ page { nodes { id } } }`, {}, {}, named)).toBe(1 + 20 * 2);
  });

  it('measures a fragment once however often it is spread: linear in the document', () => {
    const bomb = (levels: number) =>
      `{ ...F0 } ` +
      Array.from(
        { length: levels },
        (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
      ).join(' ') +
      ` fragment F${levels} on Query { item { id } }`;
    let looked = 0;
    const counting: CostRule = { surcharge: () => (looked++, 0) };
    const measured = measure(bomb(40), {}, { 'Query.item': counting });
    // Every spread doubles what is asked, and the walk looks at the field once.
    expect(measured.cost).toBe(2 * 2 ** 40);
    expect(looked).toBe(1);
    expect(measured.depth).toBe(41 + 2);
  });
});

describe('surcharges', () => {
  const searching: Record<string, CostRule> = {
    'Query.items': { surcharge: (args) => searchCost(args, 100, 2, 'page') },
  };

  it('add their points once per occurrence of the field, on top of its items', () => {
    // items: 1 + surcharge (100 + 2 × 3 characters) + 4 × (nodes 1 + id 1)
    expect(cost(`{ items(first: 4, after: "x") { nodes { id } } }`, {}, searching)).toBe(9);
    const search = { 'Query.items': { surcharge: () => 106 } };
    expect(cost(`{ items(first: 4) { nodes { id } } }`, {}, search)).toBe(1 + 106 + 8);
    expect(
      cost(`{ a: items(first: 4) { nodes { id } } b: items { totalCount } }`, {}, search),
    ).toBe(1 + 106 + 8 + (1 + 106 + 20));
  });

  it('count on a leaf field too, rounded up, never below zero', () => {
    const leaf = (surcharge: number) => ({ 'Item.name': { surcharge: () => surcharge } });
    expect(cost(`{ item { name } }`, {}, leaf(7))).toBe(1 + 1 + 7);
    expect(cost(`{ item { name } }`, {}, leaf(2.1))).toBe(1 + 1 + 3);
    expect(cost(`{ item { name } }`, {}, leaf(-5))).toBe(2);
  });

  it('leave the page size to first and last when the rule has no multiplier', () => {
    const only = { 'Query.items': { surcharge: () => 10 } };
    expect(cost(`{ items(first: 3) { nodes { id } } }`, {}, only)).toBe(1 + 10 + 3 * 2);
    expect(cost(`{ items { nodes { id } } }`, {}, only)).toBe(1 + 10 + 20 * 2);
  });

  it('get the arguments of the field, variables substituted', () => {
    const seen: unknown[] = [];
    const rule: CostRule = {
      surcharge: (args) => {
        seen.push(args);
        return 0;
      },
    };
    cost(
      `query ($n: Int) { items(first: $n, after: "c") { totalCount } }`,
      { n: 2 },
      { 'Query.items': rule },
    );
    expect(seen).toEqual([{ first: 2, after: 'c' }]);
  });
  it('count once per request when one statement answers every occurrence', () => {
    const figure: CostRule = {
      surcharge: (_args, data) => data.rows('item') / 10,
      oncePerRequest: true,
    };
    const rules = { 'Item.name': figure };
    declare(rules, schema);
    const measured = (document: string) => {
      const operation = parse(document).definitions[0] as OperationDefinitionNode;
      return measureOperation(schema, operation, {}, {}, volume({ item: 5_000 })).cost;
    };
    // items 1 + 10 × (nodes 1 + name 1), and the figure once: 500
    expect(measured(`{ items(first: 10) { nodes { name } } }`)).toBe(21 + 500);
    expect(measured(`{ item { name } items(first: 10) { nodes { name } } }`)).toBe(2 + 21 + 500);
  });
});

describe('searchCost', () => {
  it('is a base plus so much per character of the trimmed search text', () => {
    expect(searchCost({ filter: { search: 'patent' } }, 500, 12)).toBe(500 + 6 * 12);
    expect(searchCost({ filter: { search: '  东莞 ' } }, 100, 2)).toBe(100 + 2 * 2);
    expect(searchCost({ input: { search: 'ab' } }, 100, 2, 'input')).toBe(104);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(searchCost({ filter: { search: '𠀀𠀁' } }, 0, 1)).toBe(2);
  });

  it.each([
    ['no filter', {}],
    ['a null filter', { filter: null }],
    ['no search', { filter: { tier: ['COUNTY'] } }],
    ['a blank search', { filter: { search: '   ' } }],
    ['an empty search', { filter: { search: '' } }],
    ['a search that is not text', { filter: { search: 42 } }],
    ['the search in another argument', { input: { search: 'patent' } }],
  ])('is 0 for %s', (_what, args) => {
    expect(searchCost(args, 500, 12)).toBe(0);
  });
});

describe('measuring what the parser would not give', () => {
  it('counts the members of a union through their fragments, times its page', () => {
    // 1 + 5 × (__typename 1 + … on Item { id name } 2)
    expect(cost(`{ found(first: 5) { __typename ... on Item { id name } } }`)).toBe(16);
  });

  it('counts the fields of a fragment on a union by their own names (__typename)', () => {
    // nodes: 1 + 1 id × (… on Found { __typename 1 })
    expect(cost(`{ nodes(ids: ["a"]) { ... on Found { __typename } } }`)).toBe(2);
  });

  it('counts an object field without a selection as 1 (validation refuses it before it is measured)', () => {
    expect(cost(`{ item }`)).toBe(1);
    expect(cost(`{ items(first: 5) }`)).toBe(1);
  });

  it('measures fields built without an argument list', () => {
    const operation = parse(`{ items { nodes { id } } }`).definitions[0] as any;
    const strip = (node: any): any => {
      if (!node || typeof node !== 'object') return node;
      if (Array.isArray(node)) return node.map(strip);
      const copy: any = {};
      for (const [key, value] of Object.entries(node))
        if (key !== 'loc' && !(key === 'arguments' && Array.isArray(value) && value.length === 0))
          copy[key] = strip(value);
      return copy;
    };
    declare({}, schema);
    expect(measureOperation(schema, strip(operation), {}, {}, volume()).cost).toBe(41);
  });
});

describe('MeasureMemo', () => {
  const operation = () =>
    parse('query ($n: Int) { items(first: $n) { id } }').definitions[0] as OperationDefinitionNode;
  /**
   * A memo and a measure that counts how often it really runs; like the walk, it reads the
   * variables named in `reads` (by default the page size `n`) and no other.
   */
  const counted = () => {
    const memo = new MeasureMemo();
    let runs = 0;
    const measure =
      (cost: number, reads: string[] = ['n']) =>
      (variables: Record<string, unknown>) => {
        runs++;
        for (const name of reads) void variables[name];
        return { depth: 2, aliases: 0, cost };
      };
    return { memo, measure, runs: () => runs };
  };

  it('measures a repeated request once, and other variables anew', () => {
    const { memo, measure, runs } = counted();
    const op = operation();
    expect(memo.measureOf(op, { n: 5 }, measure(6)).cost).toBe(6);
    expect(memo.measureOf(op, { n: 5 }, measure(99)).cost).toBe(6);
    expect(runs()).toBe(1);
    expect(memo.measureOf(op, { n: 50 }, measure(51)).cost).toBe(51);
    expect(runs()).toBe(2);
    expect(memo.keptFor(op)).toBe(2);
  });

  it('measures once for every value of a variable the measure does not read (a code, a search)', () => {
    const { memo, measure, runs } = counted();
    const op = operation();
    for (let code = 0; code < 1000; code++) {
      expect(memo.measureOf(op, { n: 5, code: `44${code}` }, measure(6)).cost).toBe(6);
    }
    expect(runs()).toBe(1);
    expect(memo.keptFor(op)).toBe(1);
  });

  it('tells a variable not given from one given as null (its default applies, not null)', () => {
    const { memo, measure, runs } = counted();
    const op = operation();
    expect(memo.measureOf(op, {}, measure(11)).cost).toBe(11);
    expect(memo.measureOf(op, { n: null }, measure(1)).cost).toBe(1);
    expect(memo.measureOf(op, {}, measure(0)).cost).toBe(11);
    expect(runs()).toBe(2);
  });

  it('starts again, keyed by both, once a measure reads a variable the kept ones did not', () => {
    const { memo, measure, runs } = counted();
    const op = operation();
    // With deep: false the walk skips the subtree that reads `m` (as @include(if: $deep) would).
    const walk = (variables: Record<string, unknown>) =>
      measure(
        variables.deep ? 100 + Number(variables.m) : 1,
        variables.deep ? ['deep', 'm'] : ['deep'],
      );
    memo.measureOf(op, { deep: false, m: 1 }, walk({ deep: false, m: 1 }));
    expect(memo.measureOf(op, { deep: false, m: 2 }, walk({ deep: false, m: 2 })).cost).toBe(1);
    expect(runs()).toBe(1);
    expect(memo.measureOf(op, { deep: true, m: 1 }, walk({ deep: true, m: 1 })).cost).toBe(101);
    expect(memo.keptFor(op)).toBe(1);
    expect(memo.measureOf(op, { deep: true, m: 2 }, walk({ deep: true, m: 2 })).cost).toBe(102);
    expect(memo.measureOf(op, { deep: true, m: 1 }, walk({ deep: true, m: 1 })).cost).toBe(101);
    expect(runs()).toBe(3);
  });

  it('is asked once for a lookup by code, whatever the code: the walk reads page sizes only', () => {
    declare({ 'Query.nodes': nodesRule }, schema);
    const op = parse(
      'query ($id: ID!, $n: Int) { node(id: $id) { id } items(first: $n) { nodes { id } } }',
    ).definitions[0] as OperationDefinitionNode;
    const memo = new MeasureMemo();
    let runs = 0;
    const measured = (variables: Record<string, unknown>) =>
      memo.measureOf(op, variables, (noted) => {
        runs++;
        return measureCoerced(schema, op, {}, noted, volume());
      }).cost;
    // node: 1 + its id 1 = 2; items: 1 + n × (nodes 1 + id 1).
    for (let id = 1; id <= 100; id++) expect(measured({ id: String(id), n: 5 })).toBe(2 + 11);
    expect(runs).toBe(1);
    expect(measured({ id: '1', n: 50 })).toBe(2 + 101);
    expect(runs).toBe(2);
  });

  it('keeps each parsed operation apart, even with the same text', () => {
    const { memo, measure } = counted();
    const [first, second] = [operation(), operation()];
    expect(memo.keptFor(first)).toBe(0);
    memo.measureOf(first, { n: 5 }, measure(6));
    expect(memo.measureOf(second, { n: 5 }, measure(7)).cost).toBe(7);
    expect([memo.keptFor(first), memo.keptFor(second)]).toEqual([1, 1]);
  });

  it('keeps at most 32 variable sets per operation, and measures the others every time', () => {
    const { memo, measure, runs } = counted();
    const op = operation();
    for (let n = 1; n <= 40; n++) memo.measureOf(op, { n }, measure(n));
    expect(memo.keptFor(op)).toBe(MeasureMemo.KEPT_PER_OPERATION);
    expect(MeasureMemo.KEPT_PER_OPERATION).toBe(32);
    expect(memo.measureOf(op, { n: 32 }, measure(0)).cost).toBe(32); // kept
    expect(memo.measureOf(op, { n: 33 }, measure(33)).cost).toBe(33); // not kept: measured again
    expect(runs()).toBe(41);
  });

  it('keeps no key longer than 1,024 characters of JSON', () => {
    const { memo, measure, runs } = counted();
    const op = operation();
    // The key of { s } is [["…"]]: 6 characters around the string.
    const longest = { s: 'x'.repeat(MeasureMemo.KEPT_VARIABLES_LENGTH - 6) };
    const tooLong = { s: 'x'.repeat(MeasureMemo.KEPT_VARIABLES_LENGTH - 5) };
    expect(JSON.stringify([[longest.s]])).toHaveLength(1024);
    memo.measureOf(op, longest, measure(1, ['s']));
    memo.measureOf(op, tooLong, measure(1, ['s']));
    expect(memo.keptFor(op)).toBe(1);
    memo.measureOf(op, longest, measure(1, ['s']));
    memo.measureOf(op, tooLong, measure(1, ['s']));
    expect(runs()).toBe(3);
  });
});

describe('queryLimitsPlugin', () => {
  let server: ApolloServer;
  const seenCosts: { atStart: number | undefined; afterLimits: number | undefined }[] = [];
  beforeAll(async () => {
    const limited = buildSchema(`
      type Item { id: ID! parent: Item items(first: Int): [Item!]! }
      type Query { item: Item named(name: String): Item items(first: Int): [Item!]! nodes(ids: [ID!]!): [Item]! }`);
    Object.assign(limited.getQueryType()!.getFields().nodes, { extensions: { cost: nodesRule } });
    server = new ApolloServer({
      schema: limited,
      rootValue: { item: { id: '1' }, items: [], nodes: [] },
      plugins: [
        queryLimitsPlugin(volume()),
        {
          // Reads what the limits measured, as a plugin after them (per-client budgets) does.
          async requestDidStart({ contextValue }) {
            const atStart = measuredCost(contextValue);
            return {
              async willSendResponse({ contextValue: context }) {
                seenCosts.push({ atStart, afterLimits: measuredCost(context) });
              },
            };
          },
        },
      ],
    });
    await server.start();
  });
  afterAll(() => server.stop());

  async function run(query: string, variables?: Record<string, unknown>) {
    const response = await server.executeOperation({ query, variables });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return { status: response.http.status, ...response.body.singleResult };
  }

  it('reports the estimated cost and the limit of every answer', async () => {
    const answer = await run(`{ item { id } }`);
    expect(answer.errors).toBeUndefined();
    expect(answer.extensions).toEqual({ cost: { estimated: 2, limit: 25_000 } });
    expect(QUERY_LIMITS).toEqual({ depth: 12, aliases: 100, cost: 25_000 });
  });

  it('prices with its cost rules and the variables of the request', async () => {
    const answer = await run(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, {
      ids: ['a', 'b', 'c', 'd'],
    });
    expect(answer.extensions).toEqual({ cost: { estimated: 5, limit: 25_000 } });
  });

  it('prices each page size anew, whatever else the variables carry', async () => {
    const query = `query ($first: Int, $tag: String) { items(first: $first) { id } named(name: $tag) { id } }`;
    const cost = async (variables: Record<string, unknown>) =>
      (await run(query, variables)).extensions?.cost;
    expect(await cost({ first: 3, tag: 'a' })).toEqual({ estimated: 1 + 3 + 2, limit: 25_000 });
    expect(await cost({ first: 3, tag: 'b' })).toEqual({ estimated: 1 + 3 + 2, limit: 25_000 });
    expect(await cost({ first: 50, tag: 'a' })).toEqual({ estimated: 1 + 50 + 2, limit: 25_000 });
    expect(await cost({ tag: 'a' })).toEqual({ estimated: 1 + 1 + 2, limit: 25_000 });
  });

  it('prices nothing for variables execution refuses, after the same query was priced', async () => {
    const query = `query ($first: Int) { items(first: $first) { id } }`;
    expect((await run(query, { first: 3 })).extensions?.cost).toEqual({
      estimated: 4,
      limit: 25_000,
    });
    const refused = await run(query, { first: 'three' });
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.extensions?.cost).toBeUndefined();
  });

  it('reads the operation named in the request and the fragments of the document', async () => {
    const answer = await server.executeOperation({
      query: `query A { item { id } } query B { items(first: 3) { ...F } } fragment F on Item { id parent { id } }`,
      operationName: 'B',
    });
    expect(answer.body.kind === 'single' && answer.body.singleResult.extensions).toEqual({
      cost: { estimated: 1 + 3 * 3, limit: 25_000 },
    });
  });

  it('refuses a query nested deeper than 12, with HTTP 400, before running it', async () => {
    const thirteen = `{ item { ${'parent { '.repeat(11)}id${' }'.repeat(11)} } }`;
    const answer = await run(thirteen);
    expect(answer.status).toBe(400);
    expect(answer.data).toBeUndefined();
    expect(answer.errors).toEqual([
      {
        message: 'query depth 13 exceeds the limit of 12: ask for fewer nested levels',
        extensions: { code: 'BAD_USER_INPUT', limit: 'depth', max: 12, actual: 13 },
      },
    ]);
    const twelve = `{ item { ${'parent { '.repeat(10)}id${' }'.repeat(10)} } }`;
    expect((await run(twelve)).errors).toBeUndefined();
  });

  it('refuses more than 100 aliases, saying to split the request', async () => {
    const aliases = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `a${i}: item { id }`).join(' ')} }`;
    expect((await run(aliases(100))).errors).toBeUndefined();
    expect((await run(aliases(101))).errors).toEqual([
      {
        message: 'query aliases 101 exceeds the limit of 100: split the request',
        extensions: { code: 'BAD_USER_INPUT', limit: 'aliases', max: 100, actual: 101 },
      },
    ]);
  });

  it('refuses a cost above 25,000 and lets one of exactly 25,000 through', async () => {
    // items: 1 + n × (id 1) — 24,999 items cost 25,000.
    const query = `query ($n: Int) { items(first: $n) { id } }`;
    const atLimit = await run(query, { n: 24_999 });
    expect(atLimit.errors).toBeUndefined();
    expect(atLimit.extensions).toEqual({ cost: { estimated: 25_000, limit: 25_000 } });
    expect((await run(query, { n: 25_000 })).errors).toEqual([
      {
        message:
          'query cost 25001 exceeds the limit of 25000: ask for smaller pages (first/last) or fewer nested lists',
        extensions: { code: 'BAD_USER_INPUT', limit: 'cost', max: 25_000, actual: 25_001 },
      },
    ]);
  });

  it('adds no cost to an answer refused before the operation was resolved', async () => {
    const answer = await run(`{ item { nosuchfield } }`);
    expect(answer.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(answer.extensions).toBeUndefined();
  });

  it('remembers the cost it measured for the request’s context, for the plugins after it', async () => {
    await run(`{ item { id } }`);
    expect(seenCosts.at(-1)).toEqual({ atStart: undefined, afterLimits: 2 });
    await run(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: ['a', 'b'] });
    expect(seenCosts.at(-1)).toEqual({ atStart: undefined, afterLimits: 3 });
    await run(`{ item { nosuchfield } }`); // refused before it is measured
    expect(seenCosts.at(-1)).toEqual({ atStart: undefined, afterLimits: undefined });
    expect(measuredCost({})).toBeUndefined();
  });
});
