// The statuses of a referral, spelled the same in TypeScript, GraphQL and PostgreSQL.
import { registerEnumType } from 'type-graphql';

export enum ReferralStatus {
  SUBMITTED = 'SUBMITTED',
  ACCEPTED = 'ACCEPTED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  DECLINED = 'DECLINED',
  CANCELLED = 'CANCELLED',
}

registerEnumType(ReferralStatus, {
  name: 'ReferralStatus',
  description: 'Where a referral is in its lifecycle; COMPLETED, DECLINED and CANCELLED are final.',
  valuesConfig: {
    SUBMITTED: { description: 'Made by a partner; waiting for the receiving institution.' },
    ACCEPTED: { description: 'The institution took it on.' },
    IN_PROGRESS: { description: 'The institution is delivering the service.' },
    COMPLETED: { description: 'Delivered. Final.' },
    DECLINED: { description: 'The institution will not deliver it. Final.' },
    CANCELLED: { description: 'Withdrawn by the partner that made it, or by an admin. Final.' },
  },
});
