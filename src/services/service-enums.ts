// Delivery mode and fee of a service, spelled the same in TypeScript, GraphQL and PostgreSQL.
import { registerEnumType } from 'type-graphql';

export enum DeliveryMode {
  ONLINE = 'ONLINE',
  ONSITE = 'ONSITE',
  HYBRID = 'HYBRID',
}

/** Ordered as the one-stop ranking prefers them: free first. */
export enum FeeType {
  FREE = 'FREE',
  SUBSIDIZED = 'SUBSIDIZED',
  PAID = 'PAID',
}

registerEnumType(DeliveryMode, {
  name: 'DeliveryMode',
  description: 'How a service is delivered.',
  valuesConfig: {
    ONLINE: { description: 'Online only: remote consultation, platforms, webinars.' },
    ONSITE: { description: 'In person, at the institution or at the enterprise.' },
    HYBRID: { description: 'Online and in person.' },
  },
});

registerEnumType(FeeType, {
  name: 'FeeType',
  description: 'What the enterprise pays.',
  valuesConfig: {
    FREE: { description: 'Free of charge (public-interest service).' },
    SUBSIDIZED: { description: 'Partly paid by government vouchers or subsidies.' },
    PAID: { description: 'Charged at market rates.' },
  },
});
