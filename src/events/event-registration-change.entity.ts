// The event_registration_change table: the history of every registration's status, written in
// the same transaction as the change (like referral_event for referrals).
import { Field, Int, ObjectType } from 'type-graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { RegistrationStatus } from './event-enums';
import { EventRegistration } from './event-registration.entity';

/** One status change of a registration. Waitlist renumbering alone is not a change of status. */
@ObjectType({ description: 'A status change of an event registration.' })
@Entity()
@Index('event_registration_change_registration_idx', ['registrationId', 'id'])
export class EventRegistrationChange {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id!: number;

  @Column({ type: 'integer' })
  registrationId!: number;

  @ManyToOne(() => EventRegistration, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'registration_id',
    foreignKeyConstraintName: 'event_registration_change_registration_id_fkey',
  })
  registration?: EventRegistration;

  @Field(() => RegistrationStatus, { description: 'The status the registration moved to.' })
  @Column({ type: 'enum', enum: RegistrationStatus, enumName: 'registration_status' })
  status!: RegistrationStatus;

  @Field(() => Int, {
    nullable: true,
    description: 'Its place in the waitlist when it moved to WAITLISTED.',
  })
  @Column({ type: 'integer', nullable: true })
  waitlistPosition!: number | null;

  @Field(() => String, { nullable: true, description: 'Why, e.g. "promoted from the waitlist".' })
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Field({ description: 'When it happened.' })
  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;

  @Field({ description: 'Who made the change: an API client name or an institution.' })
  @Column({ type: 'text' })
  actor!: string;
}
