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
});
