// Relay global object identification.
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const nodeQuery = `query ($id: ID!) {
  node(id: $id) {
    __typename id
    ... on Region { code }
    ... on Institution { code }
    ... on Service { code }
    ... on ServiceCategory { code }
  }
}`;

describe('node(id)', () => {
  it('round-trips every Node type', async () => {
    const { data }: any = await api.graphql(`{
      region(code: "441900") { id code }
      institution(code: "C-441900") { id code services(first: 1) { nodes { id code category { id code } } } }
    }`);
    const service = data.institution.services.nodes[0];
    const samples = [
      ['Region', data.region],
      ['Institution', data.institution],
      ['Service', service],
      ['ServiceCategory', service.category],
    ];
    for (const [type, object] of samples) {
      const { data: found, errors }: any = await api.graphql(nodeQuery, { id: object.id });
      expect(errors).toBeUndefined();
      expect(found.node).toEqual({ __typename: type, id: object.id, code: object.code });
    }
  });

  it.each([
    ['not base64 at all', '!!!'],
    ['base64 of nonsense', Buffer.from('hello').toString('base64')],
    ['an unknown type', Buffer.from('Planet:1').toString('base64')],
    ['a malformed key', Buffer.from('Institution:abc').toString('base64')],
    ['a key too large', Buffer.from('Institution:99999999999').toString('base64')],
    ['a missing row', Buffer.from('Institution:2147483647').toString('base64')],
    ['a region that is not a division', Buffer.from('Region:110100').toString('base64')],
  ])('is null for %s, without an error', async (_what, id) => {
    const { data, errors } = await api.graphql(nodeQuery, { id });
    expect(errors).toBeUndefined();
    expect(data!.node).toBeNull();
  });
});

describe('nodes(ids)', () => {
  it('keeps the order asked, with null where an id names nothing', async () => {
    const { data: known }: any = await api.graphql(
      `{ a: institution(code: "C-000000") { id } b: region(code: "11") { id } }`,
    );
    const ids = [known.b.id, 'bogus', known.a.id, known.b.id];
    const { data, errors }: any = await api.graphql(
      `query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`,
      { ids },
    );
    expect(errors).toBeUndefined();
    expect(data.nodes).toEqual([{ id: known.b.id }, null, { id: known.a.id }, { id: known.b.id }]);
  });

  it('refuses more than 100 ids', async () => {
    const ids = Array.from({ length: 101 }, () => 'x');
    const { errors } = await api.graphql(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, {
      ids,
    });
    expect(errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'ids' });
  });
});
