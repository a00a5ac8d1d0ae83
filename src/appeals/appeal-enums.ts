// What an appeal is about and where it stands, spelled the same in TypeScript, GraphQL and
// PostgreSQL.
import { registerEnumType } from 'type-graphql';

export enum AppealCategory {
  FINANCING = 'FINANCING',
  POLICY_CONSULTATION = 'POLICY_CONSULTATION',
  PAYMENT_ARREARS = 'PAYMENT_ARREARS',
  MARKET_ACCESS = 'MARKET_ACCESS',
  IP_PROTECTION = 'IP_PROTECTION',
  TALENT_AND_LABOR = 'TALENT_AND_LABOR',
  LAND_AND_FACILITIES = 'LAND_AND_FACILITIES',
  OTHER = 'OTHER',
}

export enum AppealStatus {
  SUBMITTED = 'SUBMITTED',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  REPLIED = 'REPLIED',
  RESOLVED = 'RESOLVED',
  CLOSED = 'CLOSED',
}

registerEnumType(AppealCategory, {
  name: 'AppealCategory',
  description: 'What an enterprise appeal (企业诉求) is about.',
  valuesConfig: {
    FINANCING: { description: 'Loans, guarantees, financing costs.' },
    POLICY_CONSULTATION: { description: 'Which policies apply and how to claim them.' },
    PAYMENT_ARREARS: { description: 'Payments owed to the enterprise (拖欠账款).' },
    MARKET_ACCESS: { description: 'Licences, tenders, barriers to entry.' },
    IP_PROTECTION: { description: 'Patents, trademarks, infringement.' },
    TALENT_AND_LABOR: { description: 'Hiring, training, labour relations.' },
    LAND_AND_FACILITIES: { description: 'Land, premises, utilities.' },
    OTHER: { description: 'Anything else.' },
  },
});

registerEnumType(AppealStatus, {
  name: 'AppealStatus',
  description:
    'Where an appeal is: each step once and in order; CLOSED is final (a dissatisfied close reopens it once, back to SUBMITTED).',
  valuesConfig: {
    SUBMITTED: { description: 'Waiting for the handler to acknowledge it.' },
    ACKNOWLEDGED: { description: 'The handler took it on; a reply is due.' },
    REPLIED: { description: 'The handler answered; a resolution is due.' },
    RESOLVED: { description: 'The handler resolved it; the partner may close it.' },
    CLOSED: { description: 'Closed by the partner with a satisfaction. Final.' },
  },
});
