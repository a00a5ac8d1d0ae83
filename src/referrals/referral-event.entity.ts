// The referral_event table: the history of every referral's status.
import { Field, ObjectType } from 'type-graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Referral } from './referral.entity';
import { ReferralStatus } from './referral-status';

/** One status change of a referral, written in the same transaction as the change. */
@ObjectType({ description: 'A status change of a referral.' })
@Entity()
@Index('referral_event_referral_idx', ['referralUuid', 'id'])
export class ReferralEvent {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id!: number;

  @Column({ type: 'uuid' })
  referralUuid!: string;

  @ManyToOne(() => Referral, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'referral_uuid',
    foreignKeyConstraintName: 'referral_event_referral_uuid_fkey',
  })
  referral?: Referral;

  @Field(() => ReferralStatus, { description: 'The status the referral moved to.' })
  @Column({ type: 'enum', enum: ReferralStatus, enumName: 'referral_status' })
  status!: ReferralStatus;

  @Field(() => String, { nullable: true, description: 'Why, in the actor’s words.' })
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Field({ description: 'When it happened.' })
  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;

  @Field({ description: 'Who made the change: an API client name or an institution.' })
  @Column({ type: 'text' })
  actor!: string;
}
