// Examples in the README are what the API really answers: they are read from the README here
// and sent to the server.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startTestApi, type TestApi } from '../support/test-api';

const README = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
let api: TestApi;

beforeAll(async () => (api = await startTestApi()));
afterAll(() => api.close());

describe('README examples', () => {
  it('gives the one-stop reason the API returns for the input it names', async () => {
    const example =
      /For\s+`(\{[^`]+\})` the municipal\s+centre's (\S+) comes with\s+`([^`]+)`/.exec(README);
    expect(example).not.toBeNull();
    const [, input, serviceName, reason] = example!;
    const response = await api.graphql(
      `{ oneStop(input: ${input}) { tiers { tier matches { reason service { name } } } } }`,
    );
    expect(response.errors).toBeUndefined();
    const municipal = response.data!.oneStop.tiers.find((tier: any) => tier.tier === 'MUNICIPAL');
    const match = municipal.matches.find((m: any) => m.service.name === serviceName);
    expect(match?.reason).toBe(reason);
  });

  it('shows the first query of the README answering without errors', async () => {
    const query = /### A first query\s+```graphql\n([\s\S]+?)```/.exec(README)![1];
    const response = await api.graphql(query);
    expect(response.errors).toBeUndefined();
    expect(response.data!.institution.name).toBe('东莞市中小企业服务中心');
  });
});
