// The keyset page SQL, checked as text and parameters against a recording stand-in for the
// database (the same SQL runs against PostgreSQL in test/http/pagination.test.ts and every other
// HTTP test), and what is made of the rows that come back.
import {
  BY_ROW_ID_SORT,
  anyOf,
  byRelevance,
  columnList,
  countRows,
  fetchPage,
  fetchPagesByKey,
  type KeysetWindow,
  type PageSource,
} from '../../src/db/page-query';
import { SqlParameters } from '../../src/db/rows';
import type { SqlRunner } from '../../src/db/sql';

/** A runner that records each statement (whitespace squashed) and answers with `rows`. */
function recorder(rows: Record<string, unknown>[] = []) {
  const statements: { text: string; parameters: unknown[]; options?: unknown }[] = [];
  const runner = {
    rows: async (text: string, parameters: readonly unknown[] = [], options?: unknown) => {
      statements.push({
        text: text.replace(/\s+/g, ' ').trim(),
        parameters: [...parameters],
        ...(options === undefined ? {} : { options }),
      });
      return rows.map((row) => ({ ...row }));
    },
  } as unknown as SqlRunner;
  return { runner, statements };
}

const window = (overrides: Partial<KeysetWindow> = {}): KeysetWindow => ({
  size: 20,
  backward: false,
  after: null,
  before: null,
  ...overrides,
});

/** Active institutions, the filter value already a parameter ($1). */
function activeInstitutions(params: SqlParameters, sort = BY_ROW_ID_SORT): PageSource {
  return { from: 'institution t', where: [`t.active = ${params.add(true)}`], sort };
}

describe('sort keys', () => {
  it('sort by row id unless told otherwise', () => {
    expect(BY_ROW_ID_SORT).toEqual([{ sql: 't.id', type: 'int' }]);
  });

  it('rank by relevance best first (the score negated), then by row id', () => {
    expect(byRelevance('similarity(t.name, $1)')).toEqual([
      { sql: '-similarity(t.name, $1)', type: 'float8' },
      { sql: 't.id', type: 'int' },
    ]);
  });
});

describe('anyOf', () => {
  it('is a condition on the listed values, as one array parameter', () => {
    const params = new SqlParameters();
    params.add('x');
    expect(anyOf('t.tier', ['COUNTY', 'MUNICIPAL'], 'institution_tier', params)).toEqual([
      't.tier = ANY($2::institution_tier[])',
    ]);
    expect(params.values).toEqual(['x', ['COUNTY', 'MUNICIPAL']]);
  });

  it.each([[null], [undefined], [[]]])('is no condition for %p', (values) => {
    const params = new SqlParameters();
    expect(anyOf('t.tier', values, 'institution_tier', params)).toEqual([]);
    expect(params.values).toEqual([]);
  });
});

describe('fetchPage', () => {
  it('asks for one row more than the page, in sort order, with the size as a parameter', async () => {
    const { runner, statements } = recorder();
    const params = new SqlParameters();
    await fetchPage(runner, activeInstitutions(params), window({ size: 20 }), params);
    expect(statements).toEqual([
      {
        text: 'SELECT * FROM (SELECT t.*, t.id AS __sort0 FROM institution t WHERE t.active = $1) q ORDER BY q.__sort0 ASC LIMIT $2::int',
        parameters: [true, 21],
        options: { heavy: undefined },
      },
    ]);
  });

  it('starts after the cursor and ends before it, comparing the whole sort key as a row', async () => {
    const { runner, statements } = recorder();
    const params = new SqlParameters();
    await fetchPage(
      runner,
      activeInstitutions(params, byRelevance('score')),
      window({ size: 5, after: [-0.9, 12], before: [-0.1, 40] }),
      params,
    );
    expect(statements[0]).toEqual({
      text: 'SELECT * FROM (SELECT t.*, -score AS __sort0, t.id AS __sort1 FROM institution t WHERE t.active = $1) q WHERE (q.__sort0, q.__sort1) > ($2::float8, $3::int) AND (q.__sort0, q.__sort1) < ($4::float8, $5::int) ORDER BY q.__sort0 ASC, q.__sort1 ASC LIMIT $6::int',
      parameters: [true, -0.9, 12, -0.1, 40, 6],
      options: { heavy: undefined },
    });
  });

  it('fetches a backward page in reverse order and turns it round', async () => {
    // The database answers nearest the cursor first: ids 9, 8, 7.
    const { runner, statements } = recorder([
      { id: 9, __sort0: 9 },
      { id: 8, __sort0: 8 },
      { id: 7, __sort0: 7 },
    ]);
    const params = new SqlParameters();
    const rows = await fetchPage(
      runner,
      { from: 'institution t', where: [], sort: BY_ROW_ID_SORT },
      window({ size: 2, backward: true, before: [10] }),
      params,
    );
    expect(statements[0]).toEqual({
      text: 'SELECT * FROM (SELECT t.*, t.id AS __sort0 FROM institution t ) q WHERE (q.__sort0) < ($1::int) ORDER BY q.__sort0 DESC LIMIT $2::int',
      parameters: [10, 3],
      options: { heavy: undefined },
    });
    expect(rows.map((row) => row.row.id)).toEqual([7, 8, 9]);
    expect(rows.map((row) => row.sortValues)).toEqual([[7], [8], [9]]);
  });

  it('keeps a forward page in the order the database gives', async () => {
    const { runner } = recorder([
      { id: 1, __sort0: 1 },
      { id: 2, __sort0: 2 },
    ]);
    const rows = await fetchPage(
      runner,
      { from: 'institution t', where: [], sort: BY_ROW_ID_SORT },
      window(),
      new SqlParameters(),
    );
    expect(rows.map((row) => row.row.id)).toEqual([1, 2]);
  });

  it('reads each sort value as its type: numbers for int and float8, text for text and bpchar', async () => {
    const { runner } = recorder([
      { __sort0: '12', __sort1: '-0.25', __sort2: 440000, __sort3: 441900 },
    ]);
    const [row] = await fetchPage(
      runner,
      {
        from: 'region t',
        where: [],
        sort: [
          { sql: 't.a', type: 'int' },
          { sql: 't.b', type: 'float8' },
          { sql: 't.c', type: 'text' },
          { sql: 't.d', type: 'bpchar' },
        ],
      },
      window(),
      new SqlParameters(),
    );
    expect(row.sortValues).toEqual([12, -0.25, '440000', '441900']);
  });

  it('puts the source’s common table expressions first, RECURSIVE when asked', async () => {
    const source = (recursive: boolean): PageSource => ({
      ctes: ['up AS (SELECT 1)', 'down AS (SELECT 2)'],
      recursive,
      from: 'up t',
      where: [],
      sort: BY_ROW_ID_SORT,
    });
    const { runner, statements } = recorder();
    await fetchPage(runner, source(true), window(), new SqlParameters());
    await fetchPage(runner, source(false), window(), new SqlParameters());
    expect(statements.map((statement) => statement.text)).toEqual([
      'WITH RECURSIVE up AS (SELECT 1), down AS (SELECT 2) SELECT * FROM (SELECT t.*, t.id AS __sort0 FROM up t ) q ORDER BY q.__sort0 ASC LIMIT $1::int',
      'WITH up AS (SELECT 1), down AS (SELECT 2) SELECT * FROM (SELECT t.*, t.id AS __sort0 FROM up t ) q ORDER BY q.__sort0 ASC LIMIT $1::int',
    ]);
  });
});

describe('a heavy source (a text search)', () => {
  it('marks every statement of its pages and counts as heavy', async () => {
    const { runner, statements } = recorder([{ count: 0 }]);
    const heavy = (params: SqlParameters): PageSource => ({
      ...activeInstitutions(params),
      heavy: true,
    });
    let params = new SqlParameters();
    await fetchPage(runner, heavy(params), window(), params);
    params = new SqlParameters();
    await countRows(runner, heavy(params), params);
    await fetchPagesByKey(
      runner,
      [1],
      'int',
      (keyParams) => ({ source: heavy(keyParams), partition: 't.parent_id' }),
      window(),
      true,
    );
    expect(statements.map((statement) => statement.options)).toEqual([
      { heavy: true },
      { heavy: true },
      { heavy: true },
    ]);
  });
});

describe('countRows', () => {
  it('counts the rows of the whole list with the same source', async () => {
    const { runner, statements } = recorder([{ count: 1799 }]);
    const params = new SqlParameters();
    const source = {
      ...activeInstitutions(params),
      ctes: ['tree AS (SELECT 1)'],
      recursive: true,
      where: ['t.active = $1', "t.kind = 'PUBLIC'"],
    };
    expect(await countRows(runner, source, params)).toBe(1799);
    expect(statements).toEqual([
      {
        text: "WITH RECURSIVE tree AS (SELECT 1) SELECT count(*)::int AS count FROM institution t WHERE t.active = $1 AND t.kind = 'PUBLIC'",
        parameters: [true],
        options: { heavy: undefined },
      },
    ]);
  });

  it('counts without a WHERE when nothing filters', async () => {
    const { runner, statements } = recorder([{ count: 3 }]);
    await countRows(
      runner,
      { from: 'region t', where: [], sort: BY_ROW_ID_SORT },
      new SqlParameters(),
    );
    expect(statements[0].text).toBe('SELECT count(*)::int AS count FROM region t');
  });
});

describe('fetchPagesByKey', () => {
  /** Public children of the parents in k.__list; the kind is a parameter ($2 once built). */
  const children = (params: SqlParameters) => ({
    source: {
      from: 'institution t',
      where: [`t.kind = ${params.add('PUBLIC')}`],
      sort: BY_ROW_ID_SORT,
    },
    partition: 't.parent_id',
  });

  it('reads each key’s page by its own LATERAL subquery, cut at the page size plus one', async () => {
    const { runner, statements } = recorder();
    await fetchPagesByKey(runner, [3, 7], 'int', children, window({ size: 4 }), false);
    expect(statements).toEqual([
      {
        text:
          'SELECT k.__list, p.* FROM unnest($1::int[]) WITH ORDINALITY AS k(__list, __ord) ' +
          'LEFT JOIN LATERAL ( SELECT * FROM (SELECT t.*, t.id AS __sort0 FROM institution t WHERE t.parent_id = k.__list AND t.kind = $2) c ' +
          'ORDER BY c.__sort0 ASC LIMIT $3::int) p ON true ORDER BY k.__ord, p.__sort0 ASC',
        parameters: [[3, 7], 'PUBLIC', 5],
        options: { heavy: undefined },
      },
    ]);
  });

  it('counts each key’s whole list once, in the same statement, when totals are asked for', async () => {
    const { runner, statements } = recorder();
    await fetchPagesByKey(runner, [3], 'int', children, window({ size: 4 }), true);
    expect(statements[0].text).toBe(
      'SELECT k.__list, n.__total, p.* ' +
        'FROM unnest($1::int[]) WITH ORDINALITY AS k(__list, __ord) ' +
        'CROSS JOIN LATERAL (SELECT count(*)::int AS __total FROM institution t WHERE t.parent_id = k.__list AND t.kind = $2) n ' +
        'LEFT JOIN LATERAL ( SELECT * FROM (SELECT t.*, t.id AS __sort0 FROM institution t WHERE t.parent_id = k.__list AND t.kind = $2) c ' +
        'ORDER BY c.__sort0 ASC LIMIT $3::int) p ON true ORDER BY k.__ord, p.__sort0 ASC',
    );
  });

  it('pages backwards from a cursor, by a source that reads only its key’s rows itself', async () => {
    const { runner, statements } = recorder();
    await fetchPagesByKey(
      runner,
      ['440000'],
      'bpchar',
      () => ({
        source: {
          ctes: ['tree AS (SELECT 1)'],
          recursive: true,
          columns: ['id', 'code'],
          from: 'walk(k.__list) t',
          where: [],
          sort: byRelevance('score'),
        },
        partition: null,
      }),
      window({ size: 2, backward: true, before: [-0.5, 9], after: [-0.9, 2] }),
      true,
    );
    expect(statements[0]).toEqual({
      text:
        'WITH RECURSIVE tree AS (SELECT 1) SELECT k.__list, n.__total, p.* ' +
        'FROM unnest($1::bpchar[]) WITH ORDINALITY AS k(__list, __ord) ' +
        'CROSS JOIN LATERAL (SELECT count(*)::int AS __total FROM walk(k.__list) t ) n ' +
        'LEFT JOIN LATERAL ( SELECT * FROM (SELECT t.id, t.code, -score AS __sort0, t.id AS __sort1 FROM walk(k.__list) t ) c ' +
        'WHERE (c.__sort0, c.__sort1) > ($2::float8, $3::int) AND (c.__sort0, c.__sort1) < ($4::float8, $5::int) ' +
        'ORDER BY c.__sort0 DESC, c.__sort1 DESC LIMIT $6::int) p ON true ORDER BY k.__ord, p.__sort0 DESC, p.__sort1 DESC',
      parameters: [['440000'], -0.9, 2, -0.5, 9, 3],
      options: { heavy: undefined },
    });
  });

  it('gives every list its rows and total; a key without rows has an empty page', async () => {
    const { runner } = recorder([
      { __list: 3, __total: 5, id: 10, __sort0: 10 },
      { __list: 3, __total: 5, id: 11, __sort0: 11 },
      { __list: '7', __total: '2', id: null, __sort0: null },
    ]);
    const pages = await fetchPagesByKey(runner, [3, 7], 'int', children, window({ size: 2 }), true);
    expect([...pages.keys()]).toEqual([3, 7]);
    expect(pages.get(3)!.total).toBe(5);
    expect(pages.get(3)!.rows.map((row) => [row.row.id, row.sortValues])).toEqual([
      [10, [10]],
      [11, [11]],
    ]);
    expect(pages.get(7)).toEqual({ rows: [], total: 2 });
  });

  it('has no totals when they were not asked for', async () => {
    const { runner } = recorder([{ __list: 3, id: 10, __sort0: 10 }]);
    const pages = await fetchPagesByKey(runner, [3], 'int', children, window(), false);
    expect(pages.get(3)).toMatchObject({ total: null });
  });

  it('keeps a row whose sort value is 0 or empty text', async () => {
    const { runner } = recorder([
      { __list: 3, id: 0, __sort0: 0 },
      { __list: 4, code: '', __sort0: '' },
    ]);
    const pages = await fetchPagesByKey(runner, [3, 4], 'int', children, window(), false);
    expect(pages.get(3)!.rows).toHaveLength(1);
    expect(pages.get(4)!.rows).toHaveLength(1);
  });

  it('turns each list of a backward page round', async () => {
    // Read from the end: the row nearest the end comes first in each list.
    const { runner } = recorder([
      { __list: 3, id: 19, __sort0: 19 },
      { __list: 3, id: 18, __sort0: 18 },
      { __list: 3, id: 17, __sort0: 17 },
      { __list: 7, id: 22, __sort0: 22 },
      { __list: 7, id: 21, __sort0: 21 },
    ]);
    const pages = await fetchPagesByKey(
      runner,
      [3, 7],
      'int',
      children,
      window({ size: 2, backward: true }),
      false,
    );
    expect(pages.get(3)!.rows.map((row) => row.row.id)).toEqual([17, 18, 19]);
    expect(pages.get(7)!.rows.map((row) => row.row.id)).toEqual([21, 22]);
  });

  it('keeps text keys as text, even when they look like numbers', async () => {
    const { runner } = recorder([{ __list: 440000, code: 'x', __sort0: 1 }]);
    const pages = await fetchPagesByKey(
      runner,
      ['440000'],
      'text',
      () => ({
        source: { from: 'region t', where: [], sort: BY_ROW_ID_SORT },
        partition: 't.parent_code',
      }),
      window(),
      false,
    );
    expect([...pages.keys()]).toEqual(['440000']);
  });
});

describe('columnList', () => {
  it('is every column of the row, or the columns named, of the alias', () => {
    expect(columnList(null)).toBe('t.*');
    expect(columnList(undefined, 'x')).toBe('x.*');
    expect(columnList(['id', 'code'])).toBe('t.id, t.code');
    expect(columnList(['id'], 'q')).toBe('q.id');
  });

  it('reads only the columns a page needs, and its sort key', async () => {
    const { runner, statements } = recorder();
    const params = new SqlParameters();
    await fetchPage(
      runner,
      { ...activeInstitutions(params), columns: ['id', 'name'] },
      window(),
      params,
    );
    expect(statements[0].text).toBe(
      'SELECT * FROM (SELECT t.id, t.name, t.id AS __sort0 FROM institution t WHERE t.active = $1) q ORDER BY q.__sort0 ASC LIMIT $2::int',
    );
  });
});
