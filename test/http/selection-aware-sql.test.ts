// Statements read what the selection needs: the columns its fields use, totals only when
// `totalCount` is asked for, a parent chain in one statement however deep, and per-parent pages
// that stop at the page size. These are the resolvers' statements, which answer every request the
// read planner declines: the planner is off here (its own statements: test/read-planner).
import type { LoggedStatement } from '../../src/db/statement-log';
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
beforeAll(async () => (api = await startTestApi({ env: { READ_PLANNER: 'false' } })));
afterAll(() => api.close());

/** The statements one request sent. */
async function sentBy(query: string) {
  const { result, statements } = await api.statements.record(() => api.graphql(query));
  expect(result.errors).toBeUndefined();
  return statements;
}

/** The SQL texts one request sent. */
async function statementsOf(query: string): Promise<string[]> {
  return (await sentBy(query)).map((statement) => statement.sql);
}

/** The tables a statement's plan reads from start to end (a Seq Scan reads every row). */
async function sequentialScans(statement: LoggedStatement) {
  const [{ 'QUERY PLAN': plan }] = await api.sql.rows<{ 'QUERY PLAN': any[] }>(
    `EXPLAIN (FORMAT JSON) ${statement.sql}`,
    [...(statement.parameters ?? [])],
  );
  const scans: string[] = [];
  const visit = (node: any) => {
    if (node['Node Type'] === 'Seq Scan') scans.push(node['Relation Name']);
    for (const child of node.Plans ?? []) visit(child);
  };
  visit(plan[0].Plan);
  return scans;
}

/** How many times each count(*) of a statement's plan ran (EXPLAIN ANALYZE). */
async function countLoops(statement: LoggedStatement): Promise<number[]> {
  const [{ 'QUERY PLAN': plan }] = await api.sql.rows<{ 'QUERY PLAN': any[] }>(
    `EXPLAIN (ANALYZE, FORMAT JSON) ${statement.sql}`,
    [...(statement.parameters ?? [])],
  );
  const loops: number[] = [];
  const visit = (node: any) => {
    if (node['Node Type'] === 'Aggregate') loops.push(node['Actual Loops']);
    for (const child of node.Plans ?? []) visit(child);
  };
  visit(plan[0].Plan);
  return loops;
}

describe('selection-aware SQL', () => {
  it('walks a parent chain of any depth in one statement', async () => {
    // A county centre under a municipal centre: four tiers, three parents.
    const [{ code }] = await api.sql.rows<{ code: string }>(
      `SELECT c.code FROM institution c JOIN institution p ON p.id = c.parent_id
        WHERE c.tier = 'COUNTY' AND c.kind = 'PUBLIC' AND p.tier = 'MUNICIPAL' ORDER BY c.id LIMIT 1`,
    );
    const CHAIN = `{ institution(code: "${code}") { parent { code parent { code parent { code } } } } }`;
    const chain = await statementsOf(CHAIN);
    expect(chain).toHaveLength(2); // the institution by code, then its whole chain
    expect(chain[1]).toMatch(/WITH RECURSIVE up/);
    const answer = await api.graphql(CHAIN);
    const oracle = await api.sql.rows<{ code: string }>(
      `WITH RECURSIVE up(id, depth) AS (
         SELECT parent_id, 1 FROM institution WHERE code = $1
         UNION ALL SELECT i.parent_id, up.depth + 1 FROM up JOIN institution i ON i.id = up.id WHERE i.parent_id IS NOT NULL)
       SELECT i.code FROM up JOIN institution i ON i.id = up.id ORDER BY up.depth`,
      [code],
    );
    expect(oracle).toHaveLength(3);
    const parent = answer.data!.institution.parent;
    expect([parent.code, parent.parent.code, parent.parent.parent.code]).toEqual(
      oracle.map((row) => row.code),
    );
  });

  it('counts a list only when totalCount is selected', async () => {
    const [, withoutTotal] = await statementsOf(
      '{ institution(code: "C-440000") { children(first: 3) { nodes { code } } } }',
    );
    const [, withTotal] = await statementsOf(
      '{ institution(code: "C-440000") { children(first: 3) { totalCount nodes { code } } } }',
    );
    expect(withoutTotal).not.toMatch(/count\(\*\)/);
    expect(withTotal).toMatch(/count\(\*\)/);
  });

  it('reads the long and rarely needed columns only when a field needs them', async () => {
    const [lean] = await statementsOf('{ services(first: 3) { nodes { code name fee } } }');
    const [full] = await statementsOf('{ services(first: 3) { nodes { code description } } }');
    expect(lean).not.toMatch(/description|\bt\.\*/);
    expect(full).toMatch(/\bt\.\*/);
    const [leanInstitutions] = await statementsOf(
      '{ institutions(first: 3) { nodes { code name } } }',
    );
    const [withContact] = await statementsOf(
      '{ institutions(first: 3) { nodes { code contact { phone } } } }',
    );
    expect(leanInstitutions).not.toMatch(/\bt\.\*|phone|created_at/);
    expect(withContact).toMatch(/\bt\.\*/);
  });

  it('answers the same whichever columns it read', async () => {
    const lean = await api.graphql('{ services(first: 5) { nodes { code name } } }');
    const full = await api.graphql(
      '{ services(first: 5) { nodes { code name description createdAt } } }',
    );
    expect(full.data!.services.nodes.map((node: any) => [node.code, node.name])).toEqual(
      lean.data!.services.nodes.map((node: any) => [node.code, node.name]),
    );
    expect(full.data!.services.nodes[0].description).toEqual(expect.any(String));
  });

  it('cuts each parent’s page inside the statement, by LATERAL … LIMIT', async () => {
    const [, page] = await statementsOf(
      '{ institutions(first: 5) { nodes { services(first: 2) { nodes { code } } } } }',
    );
    expect(page).toMatch(/LEFT JOIN LATERAL/);
    expect(page).toMatch(/LIMIT \$\d+::int/);
    expect(page).not.toMatch(/row_number\(\)/);
  });

  it('reaches every row of a chain and of a parent’s page through an index, never a whole table', async () => {
    // Planner estimates cannot tell how short a chain is: joining the finished chain to the table
    // once made PostgreSQL hash all 2,700 institutions to find three.
    const [{ code }] = await api.sql.rows<{ code: string }>(
      `SELECT code FROM institution WHERE tier = 'COUNTY' ORDER BY id LIMIT 1`,
    );
    const [, chain, services] = await sentBy(
      `{ institution(code: "${code}") { parent { code parent { code } } services(first: 10) { nodes { code } } } }`,
    );
    expect(chain.sql).toMatch(/WITH RECURSIVE up/);
    expect(await sequentialScans(chain)).toEqual([]);
    expect(await sequentialScans(services)).toEqual([]);
  });

  it('counts each parent’s total once, not once for every row of its page', async () => {
    // As a subquery in the select list, the count ran again for each row read: a provincial
    // centre's subtree walked 101 times for one page of 100 descendants.
    const pages = (
      await sentBy(
        '{ institutions(first: 3, filter: { tier: PROVINCIAL }) { nodes { descendants(first: 50) { totalCount nodes { code } } } } }',
      )
    ).filter((statement) => /WITH RECURSIVE subtree/.test(statement.sql));
    expect(pages).toHaveLength(1);
    expect(await countLoops(pages[0])).toEqual([3]); // one count for each of the three parents
  });
});
