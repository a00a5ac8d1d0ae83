// The operations the benchmark drives, each a realistic request with seeded-random inputs. Some
// have an equivalent on the peers (PostGraphile 4, bench/peer, and PostGraphile 5,
// bench/peer/v5): the same rows and the same fields, asked in PostGraphile's names (simplify
// inflector).
import type { SqlRunner } from '../src/db/sql';
import { toGlobalId } from '../src/schema/global-id';

export interface PeerQuery {
  /** The same request for the peer, in its own names. */
  query: string;
  /** Body for body the same questions as the operation's `bodies`. */
  bodies: string[];
  /** The peer's field names that stand for the API's, to compare the two answers. */
  renames: Readonly<Record<string, string>>;
}

export interface Operation {
  name: string;
  query: string;
  /** Request bodies to cycle through, the same on every run. */
  bodies: string[];
  /** Where PostGraphile 4 can answer the same request: measured against it, interleaved. */
  peer?: PeerQuery;
  /** The same for PostGraphile 5. */
  peer5?: PeerQuery;
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
  // The operations with a peer. Default orders are by row id on both sides; the peer's are
  // spelled out (PRIMARY_KEY_ASC, its default too).
  institutionPage20: `query InstitutionPage20 {
    institutions(first: 20) {
      nodes { code name region { name } parent { name } services(first: 5) { nodes { name fee } } }
    }
  }`,
  institutionByCode: `query InstitutionByCode($code: String!) {
    institution(code: $code) {
      code name
      parent { code name parent { code name } }
      services(first: 10) { nodes { code name fee } }
    }
  }`,
  deepList: `query DeepList {
    institutions(first: 50, filter: { kind: [PUBLIC] }) {
      nodes { code name children(first: 10) { nodes { code name services(first: 3) { nodes { code name } } } } }
    }
  }`,
};

/** The same requests in PostGraphile 4's names. */
const PEER_QUERIES = {
  institutionPage20: `query InstitutionPage20 {
    institutions(first: 20, orderBy: PRIMARY_KEY_ASC) {
      nodes {
        code name regionByRegionCode { name } parent { name }
        services(first: 5, orderBy: PRIMARY_KEY_ASC) { nodes { name fee } }
      }
    }
  }`,
  institutionByCode: `query InstitutionByCode($code: String!) {
    institutionByCode(code: $code) {
      code name
      parent { code name parent { code name } }
      services(first: 10, orderBy: PRIMARY_KEY_ASC) { nodes { code name fee } }
    }
  }`,
  deepList: `query DeepList {
    institutions(first: 50, orderBy: PRIMARY_KEY_ASC, condition: { kind: PUBLIC }) {
      nodes {
        code name
        childInstitutions(first: 10, orderBy: PRIMARY_KEY_ASC) {
          nodes { code name services(first: 3, orderBy: PRIMARY_KEY_ASC) { nodes { code name } } }
        }
      }
    }
  }`,
};

/**
 * PostGraphile 5 names the same fields as 4 under the simplify inflection, except the row id
 * (`rowId`, so its order is ROW_ID_ASC).
 */
const peer5Query = (query: string) => query.replaceAll('PRIMARY_KEY_ASC', 'ROW_ID_ASC');

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
  // Institutions with a grandparent: a municipal or county centre, or a provider below one.
  const withGrandparent = await codes(
    `SELECT i.code FROM institution i JOIN institution p ON p.id = i.parent_id
      WHERE p.parent_id IS NOT NULL ORDER BY i.code`,
  );
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const bodies = (query: string, variables: () => object) =>
    Array.from({ length: BODIES }, () => JSON.stringify({ query, variables: variables() }));
  /** An operation and its peer, asked the same questions: `variables` is drawn once per pair. */
  const withPeer = (
    name: keyof typeof PEER_QUERIES,
    variables: (() => object) | null,
    renames: Record<string, string>,
  ): Operation => {
    const drawn = variables ? Array.from({ length: BODIES }, variables) : [{}];
    const as = (query: string) =>
      drawn.map((v) => JSON.stringify(variables ? { query, variables: v } : { query }));
    const peer = (query: string) => ({ query, bodies: as(query), renames });
    return {
      name,
      query: QUERIES[name],
      bodies: as(QUERIES[name]),
      peer: peer(PEER_QUERIES[name]),
      peer5: peer(peer5Query(PEER_QUERIES[name])),
    };
  };

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
    // Drawn after the others, so that their bodies stay those of earlier runs.
    withPeer('institutionPage20', null, { regionByRegionCode: 'region' }),
    withPeer('institutionByCode', () => ({ code: pick(withGrandparent) }), {
      institutionByCode: 'institution',
    }),
    withPeer('deepList', null, { childInstitutions: 'children' }),
  ];
}
