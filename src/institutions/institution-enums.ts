// Tier and kind of an institution, spelled the same in TypeScript, GraphQL and PostgreSQL.
import { registerEnumType } from 'type-graphql';

/** The four tiers of the network, nearest to the enterprise last. */
export enum InstitutionTier {
  NATIONAL = 'NATIONAL',
  PROVINCIAL = 'PROVINCIAL',
  MUNICIPAL = 'MUNICIPAL',
  COUNTY = 'COUNTY',
}

export enum InstitutionKind {
  PUBLIC = 'PUBLIC',
  MARKET = 'MARKET',
}

registerEnumType(InstitutionTier, {
  name: 'InstitutionTier',
  description: 'Tier of the network an institution belongs to.',
  valuesConfig: {
    NATIONAL: { description: 'The national centre; no region, no parent.' },
    PROVINCIAL: { description: 'Serves a province; parent is the national centre.' },
    MUNICIPAL: { description: 'Serves a real prefecture; parent is its provincial centre.' },
    COUNTY: {
      description:
        'Serves a county-level division; parent is its municipal centre, or the provincial one where there is none.',
    },
  },
});

registerEnumType(InstitutionKind, {
  name: 'InstitutionKind',
  description:
    'PUBLIC: a public service institution of the network. MARKET: a market-oriented service agency attached to it.',
  valuesConfig: {
    PUBLIC: {
      description: 'A public SME service centre of the network: at most one per region.',
    },
    MARKET: {
      description:
        'A market-oriented service agency, attached to the PUBLIC centre of its region (or the nearest one above).',
    },
  },
});
