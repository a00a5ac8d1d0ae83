// The referral_feedback table: the referring partner's rating of a COMPLETED referral, at most one
// per referral (its primary key), so that a retry finds the first rating instead of adding one.
import { Field, Int, ObjectType } from 'type-graphql';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryColumn,
} from 'typeorm';
import { ApiKey } from '../auth/api-key.entity';
import { Referral } from './referral.entity';

@ObjectType({ description: 'How the referring partner rated a completed referral.' })
@Entity()
@Check('referral_feedback_rating_check', `rating BETWEEN 1 AND 5`)
export class ReferralFeedback {
  @PrimaryColumn({ type: 'uuid' })
  referralUuid!: string;

  @OneToOne(() => Referral, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'referral_uuid',
    foreignKeyConstraintName: 'referral_feedback_referral_uuid_fkey',
  })
  referral?: Referral;

  @Field(() => Int, { description: '1 (poor) to 5 (excellent).' })
  @Column({ type: 'smallint' })
  rating!: number;

  @Field(() => String, { nullable: true, description: 'What the partner wrote, if anything.' })
  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  /** The key that gave it: the one that made the referral. */
  @Index('referral_feedback_api_key_id_idx')
  @Column({ type: 'integer' })
  apiKeyId!: number;

  @ManyToOne(() => ApiKey, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'api_key_id', foreignKeyConstraintName: 'referral_feedback_api_key_id_fkey' })
  apiKey?: ApiKey;

  @Field({ description: 'When it was given.' })
  @Index('referral_feedback_at_idx')
  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;
}
