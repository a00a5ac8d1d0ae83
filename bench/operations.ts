// The operations the benchmark drives, each a realistic request with seeded-random inputs.
import type { SqlRunner } from '../src/db/sql';
import { toGlobalId } from '../src/schema/node';

export interface Operation {
  name: string;
  query: string;
  /** Request bodies to cycle through, the same on every run. */
  bodies: string[];
}

const BODIES = 1000;

const QUERIES = {
  institutionPage: `query InstitutionPage($regionCode: String!) {
    institutions(first: 50, filter: { regionCode: $regionCode }) {
      nodes {
        code name
        region { name parent { name } }
        parent { name }
        services(first: 10) { nodes { name fee category { name parent { name } } } }
      }
    }
  }`,
  oneStop: `query OneStop($input: OneStopInput!) {
    oneStop(input: $input) {
      tiers { tier institution { name } }
      matches { distance reason service { name category { name } } institution { name region { name } } }
    }
  }`,
  nodeLookup: `query NodeLookup($ids: [ID!]!) {
    nodes(ids: $ids) {
      id
      ... on Region { name }
      ... on Institution { name tier }
      ... on Service { name fee }
      ... on ServiceCategory { name }
    }
  }`,
  descendants: `query Descendants($code: String!) {
    institution(code: $code) { name descendants(first: 100) { totalCount nodes { code name tier kind } } }
  }`,
};

export async function benchOperations(sql: SqlRunner, random: () => number): Promise<Operation[]> {
  const codes = async (text: string) =>
    (await sql.rows<{ code: string }>(text)).map((row) => row.code);
  const provinces = await codes(`SELECT code FROM region WHERE level = 'PROVINCE' ORDER BY code`);
  const counties = await codes(`SELECT code FROM region WHERE level = 'COUNTY' ORDER BY code`);
  const categories = await codes('SELECT code FROM service_category ORDER BY code');
  const provincialCentres = await codes(
    `SELECT code FROM institution WHERE tier = 'PROVINCIAL' AND kind = 'PUBLIC' ORDER BY code`,
  );
  const ids = async (text: string, type: string) =>
    (await sql.rows<{ key: string }>(text)).map((row) => toGlobalId(type, row.key));
  const nodeIds = [
    ...(await ids('SELECT code AS key FROM region', 'Region')),
    ...(await ids('SELECT id AS key FROM institution', 'Institution')),
    ...(await ids('SELECT id AS key FROM service', 'Service')),
    ...(await ids('SELECT id AS key FROM service_category', 'ServiceCategory')),
  ];
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const bodies = (query: string, variables: () => object) =>
    Array.from({ length: BODIES }, () => JSON.stringify({ query, variables: variables() }));

  return [
    {
      name: 'institutionPage',
      query: QUERIES.institutionPage,
      bodies: bodies(QUERIES.institutionPage, () => ({ regionCode: pick(provinces).slice(0, 2) })),
    },
    {
      name: 'oneStop',
      query: QUERIES.oneStop,
      bodies: bodies(QUERIES.oneStop, () => ({
        input: {
          regionCode: pick(counties),
          categoryCode: pick(categories),
          scale: pick(['MICRO', 'SMALL', 'MEDIUM']),
          specialization: pick(['NONE', 'SPECIALIZED', 'LITTLE_GIANT']),
          limitPerTier: 10,
        },
      })),
    },
    {
      name: 'nodeLookup',
      query: QUERIES.nodeLookup,
      bodies: bodies(QUERIES.nodeLookup, () => ({
        ids: Array.from({ length: 20 }, () => pick(nodeIds)),
      })),
    },
    {
      name: 'descendants',
      query: QUERIES.descendants,
      bodies: bodies(QUERIES.descendants, () => ({ code: pick(provincialCentres) })),
    },
  ];
}
