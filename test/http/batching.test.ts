// DataLoader batching, asserted by counting SQL statements per HTTP request: the count must not
// grow with the number of items a request returns.
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const institutionTree = `query ($first: Int!) {
  institutions(first: $first) {
    nodes {
      code
      region { name parent { name } }
      parent { name }
      services(first: 10) { nodes { name category { name } } }
      children(first: 5) { totalCount }
    }
  }
}`;

describe('statements per request', () => {
  it('stay the same for 5 and for 100 institutions with nested regions, parents, services, categories and children', async () => {
    const small = await api.countedGraphql(institutionTree, { first: 5 });
    const large = await api.countedGraphql(institutionTree, { first: 100 });
    expect(small.response.errors).toBeUndefined();
    expect(large.response.errors).toBeUndefined();
    expect(large.response.data!.institutions.nodes).toHaveLength(100);
    expect(large.statements).toBe(small.statements);
    // One each for the institutions, their parents, their services and their children's counts,
    // however many rows (regions and categories come from the process's reference data).
    expect(large.statements).toBeLessThanOrEqual(4);
  });

  it('stay the same for descendants, ancestors and region trees of any size', async () => {
    const query = `query ($first: Int!) {
      regions(level: PROVINCE, first: $first) {
        nodes {
          children(first: 10) { totalCount nodes { name institutions(first: 3) { nodes { code ancestors { code } } } } }
          institutions(first: 5, filter: { kind: [PUBLIC] }) {
            nodes { descendants(first: 20) { totalCount nodes { code parent { code } } } }
          }
        }
      }
    }`;
    const small = await api.countedGraphql(query, { first: 2 });
    const large = await api.countedGraphql(query, { first: 31 });
    expect(large.response.errors).toBeUndefined();
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(7);
  });

  it('are 2 for nodes(ids) over every type, for 4 ids as for 100 (the benchmark’s nodeLookup)', async () => {
    const { data } = await api.graphql(`{
      institutions(first: 50, filter: { tier: [COUNTY] }) { nodes { id region { id } services(first: 1) { nodes { id category { id } } } } }
    }`);
    // Institution, Region, Service, ServiceCategory, institution after institution.
    const ids: string[] = data!.institutions.nodes.flatMap((node: any) => [
      node.id,
      node.region.id,
      ...node.services.nodes.flatMap((service: any) => [service.id, service.category.id]),
    ]);
    // bench/operations.ts
    const nodeLookup = `query NodeLookup($ids: [ID!]!) {
      nodes(ids: $ids) {
        id
        ... on Region { name }
        ... on Institution { name tier }
        ... on Service { name fee }
        ... on ServiceCategory { name }
      }
    }`;
    const few = await api.countedGraphql(nodeLookup, { ids: ids.slice(0, 4) });
    const many = await api.countedGraphql(nodeLookup, { ids: ids.slice(0, 100) });
    expect(few.response.errors).toBeUndefined();
    expect(many.response.errors).toBeUndefined();
    expect(many.response.data!.nodes).toHaveLength(100);
    expect(many.response.data!.nodes.map((node: any) => node.id)).toEqual(ids.slice(0, 100));
    // One statement for the institutions, one for the services; regions and categories come
    // from the process's reference data.
    expect([few.statements, many.statements]).toEqual([2, 2]);
  });
});
