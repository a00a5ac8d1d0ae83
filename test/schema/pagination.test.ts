// Relay cursor connections as plain functions: cursors, paging arguments and the shaping of a
// keyset page into a connection. Cursors are treated as opaque: only what they decode to, and
// which ones are refused, is checked.
import 'reflect-metadata';
import { printType, type GraphQLNamedType } from 'graphql';
import { Args, Field, ObjectType, Query, Resolver, buildSchemaSync } from 'type-graphql';
import type { SortValues } from '../../src/db/page-query';
import {
  BY_RELEVANCE,
  BY_ROW_ID,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  PageArgs,
  connectionTypes,
  decodeCursor,
  encodeCursor,
  pageWindow,
  toConnection,
  type CursorShape,
  type PageWindow,
} from '../../src/schema/pagination';

/** The refusal (code, field, message) a call throws. */
function refusal(run: () => unknown): { code: string; field?: string; message: string } {
  try {
    run();
  } catch (error) {
    const { code, field, message } = error as { code: string; field?: string; message: string };
    return { code, field, message };
  }
  throw new Error('nothing was refused');
}

describe('cursors', () => {
  it.each([
    [[42], BY_ROW_ID],
    [[0], BY_ROW_ID],
    [[-7], BY_ROW_ID],
    [[2 ** 31 - 1], BY_ROW_ID],
    [[-(2 ** 31)], BY_ROW_ID],
    [[-0.8312, 1907], BY_RELEVANCE],
    [[-1, 3], BY_RELEVANCE],
    [['441900'], ['string'] as CursorShape],
    [['x'.repeat(200)], ['string'] as CursorShape],
    [['', 1.5, 2], ['string', 'float', 'int'] as CursorShape],
  ])('give back %p from a cursor of a list sorted by %p', (values, shape) => {
    const cursor = encodeCursor(values as SortValues, 'Query.institutions');
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, 'after', shape, 'Query.institutions')).toEqual(values);
  });

  it('round-trip without a list too', () => {
    expect(decodeCursor(encodeCursor([5]), 'after', BY_ROW_ID)).toEqual([5]);
  });

  it('differ for different values and for different lists', () => {
    const cursors = [
      encodeCursor([1], 'Query.institutions'),
      encodeCursor([2], 'Query.institutions'),
      encodeCursor([1], 'Institution.children'),
      encodeCursor([1]),
    ];
    expect(new Set(cursors).size).toBe(4);
  });

  it('of one list are refused by another', () => {
    const children = encodeCursor([12], 'Institution.children');
    expect(
      refusal(() => decodeCursor(children, 'before', BY_ROW_ID, 'Query.institutions')),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'before',
      message: `before: '${children}' is not a cursor of this connection; pass a cursor from its pageInfo or edges`,
    });
    expect(() =>
      decodeCursor(encodeCursor([12]), 'after', BY_ROW_ID, 'Query.institutions'),
    ).toThrow(/is not a cursor of this connection/);
    expect(() =>
      decodeCursor(encodeCursor([12], 'Query.institutions'), 'after', BY_ROW_ID),
    ).toThrow(/is not a cursor of this connection/);
  });

  it.each([
    ['a row id that is not an integer', [1.5], BY_ROW_ID],
    ['a row id beyond a PostgreSQL integer', [2 ** 31], BY_ROW_ID],
    ['a row id below a PostgreSQL integer', [-(2 ** 31) - 1], BY_ROW_ID],
    ['a row id given as text', ['12'], BY_ROW_ID],
    ['a relevance given as text', ['0.5', 3], BY_RELEVANCE],
    ['too few values', [3], BY_RELEVANCE],
    ['too many values', [3, 4], BY_ROW_ID],
    ['no value at all', [], BY_ROW_ID],
    ['text where a number belongs', ['x', 3], BY_RELEVANCE],
    ['a number where text belongs', [3], ['string'] as CursorShape],
    ['a list where text belongs', [['a', 'b']], ['string'] as CursorShape],
    ['a relevance with a row id that is not an integer', [-0.5, 1.5], BY_RELEVANCE],
    ['a relevance with a row id beyond a PostgreSQL integer', [-0.5, 2 ** 31], BY_RELEVANCE],
    ['text longer than 200 characters', ['x'.repeat(201)], ['string'] as CursorShape],
  ])('refuse %s', (_what, values, shape) => {
    const cursor = encodeCursor(values as SortValues, 'Query.institutions');
    expect(refusal(() => decodeCursor(cursor, 'after', shape, 'Query.institutions'))).toMatchObject(
      {
        code: 'BAD_USER_INPUT',
        field: 'after',
      },
    );
  });

  it.each([
    ['garbage', 'garbage'],
    ['base64 of text that is not JSON', Buffer.from('not json').toString('base64url')],
    ['JSON that is not a list', Buffer.from('{"id":1}').toString('base64url')],
    ['JSON null', Buffer.from('null').toString('base64url')],
    ['a number that is not finite', Buffer.from('[1e999]').toString('base64url')],
    ['the empty string', ''],
  ])('refuse %s, quoting what they were given', (_what, cursor) => {
    expect(refusal(() => decodeCursor(cursor, 'after', BY_ROW_ID))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'after',
      message: `after: '${cursor}' is not a cursor of this connection; pass a cursor from its pageInfo or edges`,
    });
  });

  it('refuse a non-finite relevance', () => {
    const cursor = Buffer.from('[1e999, 3]').toString('base64url');
    expect(() => decodeCursor(cursor, 'after', BY_RELEVANCE)).toThrow(/not a cursor/);
  });
});

describe('pageWindow', () => {
  const row = (value: number, list = 'L') => encodeCursor([value], list);

  it('asks for the first 20 rows when nothing is given', () => {
    expect(pageWindow({}, BY_ROW_ID, 'L')).toEqual({
      size: DEFAULT_PAGE_SIZE,
      backward: false,
      after: null,
      before: null,
      list: 'L',
    });
    expect(DEFAULT_PAGE_SIZE).toBe(20);
    expect(MAX_PAGE_SIZE).toBe(100);
  });

  it('reads first and after as a forward page, last and before as a backward one', () => {
    expect(pageWindow({ first: 5, after: row(9) }, BY_ROW_ID, 'L')).toEqual({
      size: 5,
      backward: false,
      after: [9],
      before: null,
      list: 'L',
    });
    expect(pageWindow({ last: 3, before: row(9) }, BY_ROW_ID, 'L')).toEqual({
      size: 3,
      backward: true,
      after: null,
      before: [9],
      list: 'L',
    });
    expect(pageWindow({ last: 3 }, BY_ROW_ID, 'L')).toMatchObject({ size: 3, backward: true });
    expect(pageWindow({ first: null, last: null, after: null, before: null })).toMatchObject({
      size: 20,
      backward: false,
      after: null,
      before: null,
    });
  });

  it('takes after and before together (a window between two cursors)', () => {
    expect(pageWindow({ after: row(2), before: row(9) }, BY_ROW_ID, 'L')).toMatchObject({
      after: [2],
      before: [9],
    });
  });

  it('decodes cursors with the shape and the list of the connection', () => {
    const relevance = encodeCursor([-0.5, 4], 'S');
    expect(pageWindow({ after: relevance }, BY_RELEVANCE, 'S').after).toEqual([-0.5, 4]);
    expect(refusal(() => pageWindow({ after: relevance }, BY_ROW_ID, 'S'))).toMatchObject({
      field: 'after',
    });
    expect(refusal(() => pageWindow({ before: row(1, 'other') }, BY_ROW_ID, 'L'))).toMatchObject({
      field: 'before',
    });
    expect(pageWindow({ after: encodeCursor([7]) }).after).toEqual([7]);
  });

  it('treats an empty cursor as none', () => {
    expect(pageWindow({ after: '', before: '' })).toMatchObject({ after: null, before: null });
  });

  it.each([1, 2, 99, 100])('accepts a page of %d', (size) => {
    expect(pageWindow({ first: size }).size).toBe(size);
    expect(pageWindow({ last: size }).size).toBe(size);
  });

  it.each([0, -1, 101, 1000, 2.5])('refuses a page of %p, saying the range', (size) => {
    expect(refusal(() => pageWindow({ first: size }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'first',
      message: `first must be between 1 and 100, got ${size}`,
    });
    expect(refusal(() => pageWindow({ last: size }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'last',
      message: `last must be between 1 and 100, got ${size}`,
    });
  });

  it('refuses first and last together', () => {
    expect(refusal(() => pageWindow({ first: 5, last: 5 }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'last',
      message: 'pass either first (with after) or last (with before), not both',
    });
  });
});

describe('toConnection', () => {
  /** Items 1..n with their sort values, as a keyset page holds them (in sort order). */
  const items = (n: number) =>
    Array.from({ length: n }, (_, index) => ({
      node: { id: index + 1 },
      sortValues: [index + 1] as SortValues,
    }));
  const window = (overrides: Partial<PageWindow> = {}): PageWindow => ({
    size: 3,
    backward: false,
    after: null,
    before: null,
    list: 'L',
    ...overrides,
  });
  const ids = (connection: { nodes: { id: number }[] }) => connection.nodes.map((node) => node.id);
  const decode = (cursor: string | null) => decodeCursor(cursor!, 'after', BY_ROW_ID, 'L');
  const page = (n: number) => ({ items: items(n), total: () => 1000 });

  it('keeps the first rows of a forward page; the extra row only says more follow', () => {
    const connection = toConnection(page(4), window());
    expect(ids(connection)).toEqual([1, 2, 3]);
    expect(connection.edges.map((edge) => edge.node.id)).toEqual([1, 2, 3]);
    expect(connection.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
  });

  it('says nothing follows when the page is not full, or exactly full', () => {
    expect(toConnection(page(2), window()).pageInfo.hasNextPage).toBe(false);
    expect(toConnection(page(3), window()).pageInfo.hasNextPage).toBe(false);
    expect(ids(toConnection(page(3), window()))).toEqual([1, 2, 3]);
  });

  it('says rows precede a forward page that starts after a cursor', () => {
    expect(toConnection(page(2), window({ after: [0] })).pageInfo).toMatchObject({
      hasNextPage: false,
      hasPreviousPage: true,
    });
  });

  it('keeps the last rows of a backward page; the extra row, first, only says more precede', () => {
    const connection = toConnection(page(4), window({ backward: true }));
    expect(ids(connection)).toEqual([2, 3, 4]);
    expect(connection.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('says rows follow a backward page that ends before a cursor', () => {
    const connection = toConnection(page(2), window({ backward: true, before: [9] }));
    expect(ids(connection)).toEqual([1, 2]);
    expect(connection.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(
      toConnection(page(3), window({ backward: true, before: [9] })).pageInfo.hasPreviousPage,
    ).toBe(false);
  });

  it('gives every edge the cursor of its row, and the page its first and last cursors', () => {
    const connection = toConnection(page(4), window());
    expect(connection.edges.map((edge) => decode(edge.cursor))).toEqual([[1], [2], [3]]);
    expect(decode(connection.pageInfo.startCursor)).toEqual([1]);
    expect(decode(connection.pageInfo.endCursor)).toEqual([3]);
    const backward = toConnection(page(4), window({ backward: true }));
    expect(decode(backward.pageInfo.startCursor)).toEqual([2]);
    expect(decode(backward.pageInfo.endCursor)).toEqual([4]);
  });

  it('binds the cursors to the list of the window', () => {
    const connection = toConnection(page(2), window({ list: 'Institution.children' }));
    expect(() => decode(connection.edges[0].cursor)).toThrow(/not a cursor/);
    expect(
      decodeCursor(connection.pageInfo.endCursor!, 'after', BY_ROW_ID, 'Institution.children'),
    ).toEqual([2]);
  });

  it('has no cursors on an empty page', () => {
    const connection = toConnection(page(0), window());
    expect(connection.edges).toEqual([]);
    expect(connection.nodes).toEqual([]);
    expect(connection.pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    });
  });

  it('counts the whole list only when totalCount is read, and only once', async () => {
    const total = jest.fn(() => Promise.resolve(57));
    const connection = toConnection({ items: items(4), total }, window());
    expect(total).not.toHaveBeenCalled();
    expect(await connection.totalCount).toBe(57);
    expect(await connection.totalCount).toBe(57);
    expect(total).toHaveBeenCalledTimes(1);
    const counted = toConnection({ items: [], total: () => 3 }, window());
    expect(await counted.totalCount).toBe(3);
  });
});

describe('connectionTypes', () => {
  @ObjectType({ description: 'A test item.' })
  class Apple {
    @Field({ description: 'Its name.' })
    name!: string;
  }
  @ObjectType({ description: 'Another test item.' })
  class Pear {
    @Field({ description: 'Its name.' })
    name!: string;
  }
  const AppleConnection = connectionTypes(Apple, 'Apple', 'apple');
  const PearConnection = connectionTypes(Pear, 'Pear', 'pear');

  @Resolver()
  class OrchardResolver {
    @Query(() => AppleConnection, { description: 'Apples.' })
    apples(@Args() _page: PageArgs): never {
      throw new Error('not called');
    }

    @Query(() => PearConnection, { description: 'Pears.' })
    pears(): never {
      throw new Error('not called');
    }
  }
  const schema = buildSchemaSync({ resolvers: [OrchardResolver], validate: false });
  const sdl = (name: string) => printType(schema.getType(name) as GraphQLNamedType);

  it('describes the edge and connection types, with the right article', () => {
    expect(sdl('AppleEdge')).toBe(`"""An apple and its cursor."""
type AppleEdge {
  """Opaque cursor of this item: pass it as after or before."""
  cursor: String!

  """The apple."""
  node: Apple!
}`);
    expect(sdl('PearEdge')).toMatch(/^"""A pear and its cursor\."""/);
    expect(sdl('AppleConnection')).toBe(`"""A page of apples (Relay cursor connection)."""
type AppleConnection {
  """The items of the page with their cursors."""
  edges: [AppleEdge!]!

  """The items of the page, without cursors."""
  nodes: [Apple!]!

  """Where the page sits: cursors and whether more pages exist."""
  pageInfo: PageInfo!

  """Items in the whole connection, over all pages."""
  totalCount: Int!
}`);
  });

  it('describes PageInfo and the paging arguments', () => {
    expect(sdl('PageInfo'))
      .toBe(`"""Where a page sits in its connection (Relay cursor connections)."""
type PageInfo {
  """More items follow this page."""
  hasNextPage: Boolean!

  """Items precede this page."""
  hasPreviousPage: Boolean!

  """Cursor of the first item of the page."""
  startCursor: String

  """Cursor of the last item of the page."""
  endCursor: String
}`);
    expect(sdl('Query')).toContain(`apples(
    """Items after \`after\` (default 20, at most 100)."""
    first: Int

    """Cursor after which the page starts."""
    after: String

    """Items before \`before\` (at most 100)."""
    last: Int

    """Cursor before which the page ends."""
    before: String
  ): AppleConnection!`);
  });
});
