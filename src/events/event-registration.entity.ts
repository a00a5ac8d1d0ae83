// The event_registration table: an enterprise's place at an event, made by a partner's key (or,
// for the seeded calendar, by the organizer), with its waitlist position while it waits.
import { Field, Int, ObjectType } from 'type-graphql';
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
import { RegistrationStatus } from './event-enums';
import { Event } from './event.entity';

/** An enterprise registered for an event, and where its registration stands. */
@ObjectType({
  implements: Node,
  description: 'An enterprise’s registration for an event: a seat, or a place on the waitlist.',
})
@Entity()
// A retry with the same idempotency key finds the first registration instead of making another.
@Unique('event_registration_idempotency_key', ['apiKeyId', 'idempotencyKey'])
// Positions 1..n without duplicates; checked at commit, since renumbering shifts them one by one.
@Unique('event_registration_waitlist_key', ['eventId', 'waitlistPosition'], {
  deferrable: 'INITIALLY DEFERRED',
})
// One live (not CANCELLED) registration per enterprise and event.
@Index('event_registration_live_idx', ['eventId', 'enterpriseId'], {
  unique: true,
  where: `status <> 'CANCELLED'`,
})
@Index('event_registration_event_idx', ['eventId', 'key'])
@Check(
  'event_registration_waitlist_check',
  `(status = 'WAITLISTED') = (waitlist_position IS NOT NULL) AND (waitlist_position IS NULL OR waitlist_position >= 1)`,
)
@Check(
  'event_registration_idempotency_check',
  `(api_key_id IS NULL) = (idempotency_key IS NULL) AND (idempotency_key IS NULL) = (request_hash IS NULL)`,
)
export class EventRegistration implements Node {
  /** Row id (column `id`); the GraphQL `id` is the global id built from it. */
  @PrimaryGeneratedColumn('identity', { name: 'id', generatedIdentity: 'ALWAYS' })
  key!: number;

  @Column({ type: 'integer' })
  eventId!: number;

  @ManyToOne(() => Event, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'event_registration_event_id_fkey' })
  event?: Event;

  @Index('event_registration_enterprise_id_idx')
  @Column({ type: 'integer' })
  enterpriseId!: number;

  @ManyToOne(() => Enterprise, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'enterprise_id',
    foreignKeyConstraintName: 'event_registration_enterprise_id_fkey',
  })
  enterprise?: Enterprise;

  /** The key of the client that registered; null for registrations taken by the organizer itself. */
  @Index('event_registration_api_key_id_idx')
  @Column({ type: 'integer', nullable: true })
  apiKeyId!: number | null;

  @ManyToOne(() => ApiKey, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'api_key_id',
    foreignKeyConstraintName: 'event_registration_api_key_id_fkey',
  })
  apiKey?: ApiKey;

  @Column({ type: 'text', nullable: true })
  idempotencyKey!: string | null;

  /** SHA-256 of the request, to tell a retry from a different request under the same key. */
  @Column({ type: 'text', nullable: true })
  requestHash!: string | null;

  @Field(() => RegistrationStatus, { description: 'Where the registration stands.' })
  @Column({ type: 'enum', enum: RegistrationStatus, enumName: 'registration_status' })
  status!: RegistrationStatus;

  @Field(() => Int, {
    nullable: true,
    description: '1-based place in the waitlist while WAITLISTED.',
  })
  @Column({ type: 'integer', nullable: true })
  waitlistPosition!: number | null;

  // Personal data: shown only to those who may see the registration, never logged.
  @Column({ type: 'text', nullable: true })
  contactName!: string | null;

  @Column({ type: 'text', nullable: true })
  contactPhone!: string | null;

  @Column({ type: 'text', nullable: true })
  contactEmail!: string | null;

  @Field({ description: 'When the enterprise registered.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field({ description: 'When its status or waitlist position last changed.' })
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  get id(): string {
    return toGlobalId('EventRegistration', this.key);
  }
}
