// GraphQL Playground at /graphql for browsers, served entirely by this server: government
// networks are often closed to the internet, so no script, style, font or icon may come from a CDN.
import path from 'node:path';
import type { ApolloServerPlugin } from '@apollo/server';
import express, { type Router } from 'express';
import { renderPlaygroundPage } from 'graphql-playground-html';

const ASSETS = '/playground';
const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));

const EXAMPLE_QUERY = `# The network around Dongguan (东莞): its centre, the tiers above it and what it offers.
query Dongguan {
  region(code: "4419") {
    code
    name
    nameEn
    parent { name }
  }
  institution(code: "C-441900") {
    name
    nameEn
    tier
    contact { phone email website address }
    ancestors { name tier }
    services(first: 5) {
      totalCount
      nodes { name fee deliveryMode category { name parent { name } } }
    }
  }
  institutions(first: 5, filter: { search: "dongguan" }) {
    totalCount
    nodes { code name nameEn tier kind }
    pageInfo { hasNextPage endCursor }
  }
}
`;

/** Static files of the page: the Playground bundle and its fonts, from npm packages. */
export function playgroundAssets(): Router {
  const router = express.Router();
  const immutable = { maxAge: '7d', immutable: true };
  router.use(
    `${ASSETS}/graphql-playground-react/build`,
    express.static(
      path.join(packageDir('@apollographql/graphql-playground-react'), 'build'),
      immutable,
    ),
  );
  router.use(
    `${ASSETS}/fonts/open-sans`,
    express.static(packageDir('@fontsource/open-sans'), immutable),
  );
  router.use(
    `${ASSETS}/fonts/source-code-pro`,
    express.static(packageDir('@fontsource/source-code-pro'), immutable),
  );
  return router;
}

const FONT_LINKS = [
  ...['300', '400', '600', '700'].map((weight) => `${ASSETS}/fonts/open-sans/${weight}.css`),
  ...['400', '700'].map((weight) => `${ASSETS}/fonts/source-code-pro/${weight}.css`),
]
  .map((href) => `<link href="${href}" rel="stylesheet">`)
  .join('\n    ');

export function renderPlayground(endpoint: string): string {
  const html = renderPlaygroundPage({
    endpoint,
    cdnUrl: ASSETS,
    version: '',
    title: 'SME Service Network API',
    faviconUrl: `${ASSETS}/graphql-playground-react/build/favicon.png`,
    settings: { 'request.credentials': 'same-origin', 'schema.polling.enable': false } as never,
    tabs: [{ endpoint, name: 'Dongguan', query: EXAMPLE_QUERY }],
  });
  // The page links Google's font host: serve the same fonts from @fontsource instead.
  return html.replace(/<link href="https:\/\/fonts\.googleapis\.com[^>]*>/, FONT_LINKS);
}

/** Makes Apollo answer browsers at /graphql with the Playground instead of its CDN-hosted page. */
export function playgroundLandingPage(endpoint: string): ApolloServerPlugin {
  const html = renderPlayground(endpoint);
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          return { html };
        },
      };
    },
  };
}
