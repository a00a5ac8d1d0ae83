// GraphQL Playground for browsers, with every asset served by this server (no CDN).
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
let page: string;

beforeAll(async () => {
  api = await startTestApi();
  const response = await fetch(`${api.origin}/graphql`, { headers: { accept: 'text/html' } });
  expect(response.status).toBe(200);
  page = await response.text();
});
afterAll(() => api.close());

const assetUrls = (html: string) =>
  [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);

describe('GraphQL Playground at /graphql', () => {
  it('is what a browser gets', () => {
    expect(page).toContain('GraphQLPlayground.init');
    expect(page).toContain('<title>SME Service Network API</title>');
  });

  it('loads scripts, styles, fonts and icon from this server only', () => {
    const urls = assetUrls(page);
    expect(urls.length).toBeGreaterThanOrEqual(4);
    expect(urls.filter((url) => !url.startsWith('/'))).toEqual([]);
    expect(page).not.toMatch(/cdn\.jsdelivr|googleapis|unpkg/);
  });

  it('serves every asset the page links, and the font files the font styles link', async () => {
    for (const url of assetUrls(page)) {
      const response = await fetch(`${api.origin}${url}`);
      expect([url, response.status]).toEqual([url, 200]);
      if (url.endsWith('.css') && url.includes('/fonts/')) {
        const css = await response.text();
        const font = /url\(\.\/(files\/[^)]+\.woff2)\)/.exec(css)![1];
        const fontUrl = new URL(font, `${api.origin}${url}`);
        expect((await fetch(fontUrl)).status).toBe(200);
      }
    }
  });

  it('opens with an example query of the network', () => {
    expect(page).toContain('institution(code: \\"C-441900\\")');
  });

  it('lets browsers keep its assets, while GraphQL answers carry no ETag (hashing each answer would buy nothing)', async () => {
    const script = assetUrls(page).find((url) => url.endsWith('.js'))!;
    const asset = await fetch(`${api.origin}${script}`);
    expect(asset.headers.get('etag')).toMatch(/^W\/"/);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=604800, immutable');
    const answer = await fetch(`${api.origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ region(code: "11") { name } }' }),
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('etag')).toBeNull();
  });

  it('leaves GraphQL requests alone', async () => {
    const { data } = await api.graphql('{ region(code: "11") { name } }');
    expect(data).toEqual({ region: { name: '北京市' } });
  });
});
