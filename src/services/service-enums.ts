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
