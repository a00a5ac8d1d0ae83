// The referral table: an SME referred to a service by a partner, and where it stands.
import { Field, ObjectType } from 'type-graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  Generated,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { ApiKey } from '../auth/api-key.entity';
import { Institution } from '../institutions/institution.entity';
import { Node } from '../schema/node';
import { toGlobalId } from '../schema/global-id';
import { Service } from '../services/service.entity';
import { Enterprise } from './enterprise.entity';
import { ReferralStatus } from './referral-status';

/** A partner's referral of an enterprise to a service, and where it stands. */
@ObjectType({
  implements: Node,
  description: 'A referral of an SME to a service, and its lifecycle.',
})
@Entity()
// A retry with the same idempotency key finds the first referral instead of making another.
@Unique('referral_idempotency_key', ['apiKeyId', 'idempotencyKey'])
export class Referral implements Node {
  @PrimaryGeneratedColumn('uuid')
  uuid!: string;

  /** Insertion order: lists show the newest first. */
  @Index('referral_seq_idx', { unique: true })
  @Column({ type: 'integer' })
  @Generated('increment')
  seq!: number;

  @Index('referral_enterprise_id_idx')
  @Column({ type: 'integer' })
  enterpriseId!: number;

  @ManyToOne(() => Enterprise, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enterprise_id', foreignKeyConstraintName: 'referral_enterprise_id_fkey' })
  enterprise?: Enterprise;

  @Index('referral_service_id_idx')
  @Column({ type: 'integer' })
  serviceId!: number;

  @ManyToOne(() => Service, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'service_id', foreignKeyConstraintName: 'referral_service_id_fkey' })
  service?: Service;

  /** The service's institution when the referral was made: it receives and works it. */
  @Index('referral_institution_id_idx')
  @Column({ type: 'integer' })
  institutionId!: number;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'institution_id', foreignKeyConstraintName: 'referral_institution_id_fkey' })
  institution?: Institution;

  /** The key of the client that made it. */
  @Index('referral_api_key_id_idx')
  @Column({ type: 'integer' })
  apiKeyId!: number;

  @ManyToOne(() => ApiKey, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'api_key_id', foreignKeyConstraintName: 'referral_api_key_id_fkey' })
  apiKey?: ApiKey;

  @Column({ type: 'text' })
  idempotencyKey!: string;

  /** SHA-256 of the request, to tell a retry from a different request under the same key. */
  @Column({ type: 'text' })
  requestHash!: string;

  @Field(() => ReferralStatus, { description: 'Where the referral stands.' })
  @Column({
    type: 'enum',
    enum: ReferralStatus,
    enumName: 'referral_status',
    default: ReferralStatus.SUBMITTED,
  })
  status!: ReferralStatus;

  @Field(() => String, { nullable: true, description: 'What the partner wrote when referring.' })
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  // Personal data: shown only to those who may see the referral, never logged.
  @Column({ type: 'text', nullable: true })
  contactName!: string | null;

  @Column({ type: 'text', nullable: true })
  contactPhone!: string | null;

  @Column({ type: 'text', nullable: true })
  contactEmail!: string | null;

  @Field({ description: 'When the referral was submitted.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field({ description: 'When its status last changed.' })
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  get id(): string {
    return toGlobalId('Referral', this.uuid);
  }
}
