// Relay cursor connections, written once for every connection of the API. Pages are cut by
// keyset (WHERE sort key > cursor), never OFFSET, so cursors stay valid while rows are added.
import { createHash } from 'node:crypto';
import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import type { KeysetPage } from '../db/entity-pages';
import type { KeysetWindow, SortValues } from '../db/page-query';
import { badInput, quote } from './errors';
import { Paged } from './field-policy';

/** The window a connection's arguments ask for, as the keyset SQL reads it, and its list. */
export interface PageWindow extends KeysetWindow {
  /** The connection the cursors belong to, e.g. `Institution.children`; '' binds them to none. */
  list: string;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ObjectType({ description: 'Where a page sits in its connection (Relay cursor connections).' })
export class PageInfo {
  @Field({ description: 'More items follow this page.' })
  hasNextPage!: boolean;

  @Field({ description: 'Items precede this page.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of the page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of the page.' })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Items after \`after\` (default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}).`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor after which the page starts.' })
  after?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: `Items before \`before\` (at most ${MAX_PAGE_SIZE}).`,
  })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor before which the page ends.' })
  before?: string | null;
}

/** What each value of a connection's sort key is, so that a cursor can be checked before use. */
export type CursorShape = readonly ('int' | 'float' | 'string')[];

export const BY_ROW_ID: CursorShape = ['int'];

/** Cursors of searched lists: the negated relevance, then the row id. */
export const BY_RELEVANCE: CursorShape = ['float', 'int'];

/** A short mark of the list a cursor belongs to, so that one list refuses another's cursors. */
const tags = new Map<string, string>();
function listTag(list: string): string {
  let tag = tags.get(list);
  if (tag === undefined) {
    tag = createHash('sha1').update(list).digest('base64url').slice(0, 6);
    tags.set(list, tag);
  }
  return tag;
}

export function encodeCursor(values: SortValues, list = ''): string {
  const payload = list ? [listTag(list), ...values] : values;
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/**
 * encodeCursor([id], list) in SQL, over the integer expression `id`: the base64url of
 * `["<tag>",<id>]`, for statements that write cursors themselves (the read planner).
 */
export function cursorSql(list: string, id: string): string {
  const prefix = list ? `${JSON.stringify([listTag(list)]).slice(0, -1)},` : '[';
  // encode() breaks lines every 76 characters and pads; base64url has neither (a cursor is
  // shorter than a line, but the newline is dropped all the same). The tag is base64url: no quote.
  return `rtrim(translate(encode(convert_to('${prefix}' || ${id} || ']', 'UTF8'), 'base64'), E'+/\\n', '-_'), '=')`;
}

/** Sort keys are PostgreSQL integers (row ids, sequences): a cursor outside int4 is forged. */
const INT4 = 2 ** 31;

const fitsShape = (value: unknown, kind: CursorShape[number]) =>
  kind === 'string'
    ? typeof value === 'string' && value.length <= 200
    : kind === 'int'
      ? Number.isInteger(value) && (value as number) >= -INT4 && (value as number) < INT4
      : typeof value === 'number' && Number.isFinite(value);

export function decodeCursor(
  cursor: string,
  argument: string,
  shape: CursorShape,
  list = '',
): SortValues {
  try {
    const payload: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const values = Array.isArray(payload) && list ? payload.slice(1) : payload;
    if (
      Array.isArray(payload) &&
      (!list || payload[0] === listTag(list)) &&
      Array.isArray(values) &&
      values.length === shape.length &&
      values.every((value, index) => fitsShape(value, shape[index]))
    ) {
      return values as SortValues;
    }
  } catch {
    // falls through to the error below
  }
  throw badInput(
    `${argument}: ${quote(cursor)} is not a cursor of this connection; pass a cursor from its pageInfo or edges`,
    argument,
  );
}

function pageSize(value: number | null | undefined, argument: string): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    throw badInput(`${argument} must be between 1 and ${MAX_PAGE_SIZE}, got ${value}`, argument);
  }
  return value;
}

/**
 * Validates the paging arguments of a connection whose sort key has the given shape; `list`
 * names the connection (e.g. `Query.institutions`), to which its cursors are bound.
 */
export function pageWindow(args: PageArgs, shape: CursorShape = BY_ROW_ID, list = ''): PageWindow {
  const first = pageSize(args.first, 'first');
  const last = pageSize(args.last, 'last');
  if (first !== null && last !== null) {
    throw badInput('pass either first (with after) or last (with before), not both', 'last');
  }
  return {
    size: first ?? last ?? DEFAULT_PAGE_SIZE,
    backward: last !== null,
    after: args.after ? decodeCursor(args.after, 'after', shape, list) : null,
    before: args.before ? decodeCursor(args.before, 'before', shape, list) : null,
    list,
  };
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
  /** Counted only when a client asks for it (a getter, read by the field resolver). */
  readonly totalCount: Promise<number>;
}

/**
 * Shapes a keyset page (items in sort order, up to `size + 1` of them: the extra item only tells
 * that the page is not the last one) as a connection. The total is counted only if a client
 * asks for totalCount.
 */
export function toConnection<T>(page: KeysetPage<T>, window: PageWindow): ConnectionShape<T> {
  return new Connection(page, window);
}

/**
 * A connection built lazily: most clients read `nodes` only, so edges, cursors and page info
 * are made when a client asks for them (a list of 500 connections allocates little else).
 */
class Connection<T> implements ConnectionShape<T> {
  readonly nodes: T[];
  private readonly page: KeysetPage<T>['items'];
  private readonly hasMore: boolean;
  private counted: Promise<number> | undefined;

  constructor(
    private readonly keyset: KeysetPage<T>,
    private readonly window: PageWindow,
  ) {
    const { items } = keyset;
    this.hasMore = items.length > window.size;
    this.page = window.backward
      ? items.slice(Math.max(0, items.length - window.size))
      : items.length > window.size
        ? items.slice(0, window.size)
        : items;
    this.nodes = this.page.map((item) => item.node);
  }

  get edges(): Edge<T>[] {
    const { list } = this.window;
    return this.page.map(({ node, sortValues }) => ({
      node,
      get cursor() {
        return encodeCursor(sortValues, list);
      },
    }));
  }

  get pageInfo(): PageInfo {
    const { page, window, hasMore } = this;
    return {
      hasNextPage: window.backward ? window.before !== null : hasMore,
      hasPreviousPage: window.backward ? hasMore : window.after !== null,
      startCursor: page.length ? encodeCursor(page[0].sortValues, window.list) : null,
      endCursor: page.length ? encodeCursor(page[page.length - 1].sortValues, window.list) : null,
    };
  }

  get totalCount(): Promise<number> {
    return (this.counted ??= Promise.resolve(this.keyset.total()));
  }
}

/** The GraphQL types `<Name>Edge` and `<Name>Connection` for a node type. */
export function connectionTypes<T extends object>(
  node: ClassType<T>,
  name: string,
  description: string,
) {
  const article = /^[aeiou]/i.test(description) ? 'An' : 'A';
  @ObjectType(`${name}Edge`, { description: `${article} ${description} and its cursor.` })
  class EdgeType {
    @Field({ description: 'Opaque cursor of this item: pass it as after or before.' })
    cursor!: string;

    @Field(() => node, { description: `The ${description}.` })
    node!: T;
  }

  // A field of this type without first/last returns a default page: the query limits count that.
  @Paged(DEFAULT_PAGE_SIZE)
  @ObjectType(`${name}Connection`, {
    description: `A page of ${description}s (Relay cursor connection).`,
  })
  class ConnectionType implements ConnectionShape<T> {
    @Field(() => [EdgeType], { description: 'The items of the page with their cursors.' })
    edges!: Edge<T>[];

    @Field(() => [node], { description: 'The items of the page, without cursors.' })
    nodes!: T[];

    @Field(() => PageInfo, {
      description: 'Where the page sits: cursors and whether more pages exist.',
    })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Items in the whole connection, over all pages.' })
    readonly totalCount!: Promise<number>;
  }
  return ConnectionType;
}
