// The policy_application table: an enterprise's application to a policy (快申快享), or its
// entitlement without applying (免申即享), with the amounts and the working-day payment deadline.
import { Field, ObjectType } from 'type-graphql';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { ApiKey } from '../auth/api-key.entity';
import { Enterprise } from '../referrals/enterprise.entity';
import { Node } from '../schema/node';
import { toGlobalId } from '../schema/global-id';
import { PolicyApplicationStatus, PolicyDelivery } from './policy-enums';
import { Policy } from './policy.entity';

@ObjectType({
  implements: Node,
  description:
    'An enterprise’s application to a policy, or its entitlement without applying (AUTOMATIC).',
})
@Entity()
// A retry with the same idempotency key finds the first application instead of making another.
@Unique('policy_application_idempotency_key', ['apiKeyId', 'idempotencyKey'])
// One application per enterprise and policy, whatever became of it: the race between an
// entitlement on publishing and one on a grant, or between two partners applying, ends here. A
// declined entitlement is not made again by a later grant (a governor's DECLINED stands).
@Unique('policy_application_enterprise_key', ['policyId', 'enterpriseId'])
@Index('policy_application_policy_idx', ['policyId', 'key'])
@Check(
  'policy_application_idempotency_check',
  `(api_key_id IS NULL) = (idempotency_key IS NULL) AND (idempotency_key IS NULL) = (request_hash IS NULL)`,
)
// Entitlements are the system's; applications are a key's, or (seeded history) made at the office.
@Check('policy_application_delivery_check', `delivery = 'APPLICATION' OR api_key_id IS NULL`)
@Check(
  'policy_application_amounts_check',
  `(amount_requested_yuan IS NULL OR amount_requested_yuan > 0) AND (amount_approved_yuan IS NULL OR amount_approved_yuan >= 0) AND (amount_paid_yuan IS NULL OR amount_paid_yuan >= 0)`,
)
@Check('policy_application_paid_check', `(status = 'PAID') = (paid_on IS NOT NULL)`)
export class PolicyApplication implements Node {
  @PrimaryGeneratedColumn('identity', {
    name: 'id',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'policy_application_pkey',
  })
  key!: number;

  @Column({ type: 'integer' })
  policyId!: number;

  @ManyToOne(() => Policy, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'policy_id', foreignKeyConstraintName: 'policy_application_policy_id_fkey' })
  policy?: Policy;

  @Index('policy_application_enterprise_id_idx')
  @Column({ type: 'integer' })
  enterpriseId!: number;

  @ManyToOne(() => Enterprise, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'enterprise_id',
    foreignKeyConstraintName: 'policy_application_enterprise_id_fkey',
  })
  enterprise?: Enterprise;

  @Field(() => PolicyDelivery, {
    description: 'AUTOMATIC entitlements are created by the system, not applied for.',
  })
  @Column({ type: 'enum', enum: PolicyDelivery, enumName: 'policy_delivery' })
  delivery!: PolicyDelivery;

  @Field(() => PolicyApplicationStatus, { description: 'Where it stands.' })
  @Column({ type: 'enum', enum: PolicyApplicationStatus, enumName: 'policy_application_status' })
  status!: PolicyApplicationStatus;

  /** The key that applied (the PARTNER told of every change); null for entitlements. */
  @Index('policy_application_api_key_id_idx')
  @Column({ type: 'integer', nullable: true })
  apiKeyId!: number | null;

  @ManyToOne(() => ApiKey, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'api_key_id',
    foreignKeyConstraintName: 'policy_application_api_key_id_fkey',
  })
  apiKey?: ApiKey;

  @Column({ type: 'text', nullable: true })
  idempotencyKey!: string | null;

  /** SHA-256 of the request, to tell a retry from a different request under the same key. */
  @Column({ type: 'text', nullable: true })
  requestHash!: string | null;

  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true })
  amountRequestedYuan!: string | null;

  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true })
  amountApprovedYuan!: string | null;

  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true })
  amountPaidYuan!: string | null;

  @Column({ type: 'date', nullable: true })
  paidOn!: Date | string | null;

  /** When the 60 working days began: the entitlement or the approval. */
  @Column({ type: 'timestamptz', nullable: true })
  payFrom!: Date | null;

  @Index('policy_application_pay_by_idx')
  @Column({ type: 'date', nullable: true })
  payBy!: Date | string | null;

  @Field({
    description:
      'payBy was counted in a year whose holiday schedule is not yet known (weekends only).',
  })
  @Column({ type: 'boolean', default: false })
  provisionalPayBy!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  get id(): string {
    return toGlobalId('PolicyApplication', this.key);
  }
}
