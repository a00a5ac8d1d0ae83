// The matchmaking_outcome table: what came of a matchmaking event for an enterprise that
// attended it — a loan, an order, a licence — as the organizer's staff record it.
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
} from 'typeorm';
import { Enterprise } from '../referrals/enterprise.entity';
import { OutcomeKind } from './event-enums';
import { EventRegistration } from './event-registration.entity';
import { Event } from './event.entity';

/** One result of a matchmaking event for one enterprise (an enterprise may have several). */
@ObjectType({ description: 'What came of a matchmaking event for an enterprise that attended.' })
@Entity()
@Index('matchmaking_outcome_event_idx', ['eventId', 'id'])
@Check('matchmaking_outcome_amount_check', `amount_yuan >= 0`)
export class MatchmakingOutcome {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id!: number;

  @Column({ type: 'integer' })
  eventId!: number;

  @ManyToOne(() => Event, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'matchmaking_outcome_event_id_fkey' })
  event?: Event;

  @Index('matchmaking_outcome_enterprise_id_idx')
  @Column({ type: 'integer' })
  enterpriseId!: number;

  @ManyToOne(() => Enterprise, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'enterprise_id',
    foreignKeyConstraintName: 'matchmaking_outcome_enterprise_id_fkey',
  })
  enterprise?: Enterprise;

  /** The ATTENDED registration the outcome belongs to. */
  @Index('matchmaking_outcome_registration_id_idx')
  @Column({ type: 'integer' })
  registrationId!: number;

  @ManyToOne(() => EventRegistration, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'registration_id',
    foreignKeyConstraintName: 'matchmaking_outcome_registration_id_fkey',
  })
  registration?: EventRegistration;

  @Field(() => OutcomeKind, { description: 'Financing, procurement, technology or cooperation.' })
  @Column({ type: 'enum', enum: OutcomeKind, enumName: 'outcome_kind' })
  kind!: OutcomeKind;

  @Field({ description: 'The bank, fund or large enterprise on the other side.' })
  @Column({ type: 'text' })
  counterpart!: string;

  /** Yuan; bigint, which pg hands over as text (the resolver turns it into a number). */
  @Column({ type: 'bigint', nullable: true })
  amountYuan!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'What was agreed, in the organizer’s words.',
  })
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** Who recorded it: an API client name. */
  @Column({ type: 'text' })
  recordedBy!: string;

  @Field({ description: 'When it was recorded.' })
  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt!: Date;
}
