// The connection types of policies and of policy applications.
import { connectionTypes } from '../schema/pagination';
import { PolicyApplication } from './policy-application.entity';
import { Policy } from './policy.entity';

export const PolicyConnection = connectionTypes(Policy, 'Policy', 'policy');
export type PolicyConnection = InstanceType<typeof PolicyConnection>;

export const PolicyApplicationConnection = connectionTypes(
  PolicyApplication,
  'PolicyApplication',
  'policy application',
);
export type PolicyApplicationConnection = InstanceType<typeof PolicyApplicationConnection>;
