// The event table: financing and matchmaking sessions, trainings, briefings and exhibitions an
// institution runs, with their seats. The seat counters live on the row so that the row lock
// taken by every registration change (registration.commands.ts) guards them, and a CHECK keeps
// confirmed_count within capacity whatever the code does.
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
import { Institution } from '../institutions/institution.entity';
import { Region } from '../regions/region.entity';
import { Node } from '../schema/node';
import { toGlobalId } from '../schema/global-id';
import { EnterpriseScale, SpecializationLevel } from '../services/eligibility';
import { ServiceCategory } from '../services/service-category.entity';
import { DeliveryMode } from '../services/service-enums';
import { EventKind, EventStatus } from './event-enums';

/**
 * An event an institution organizes. Its status is not stored: CANCELLED once `cancelledAt` is
 * set, else COMPLETED once it has ended, else SCHEDULED (see `eventStatus`).
 */
@ObjectType({
  implements: Node,
  description:
    'An event run by an institution: a financing or supply–demand matchmaking session, a training, a policy briefing or an exhibition.',
})
@Entity()
@Unique('event_code_key', ['code'])
@Check('event_capacity_check', `capacity >= 1`)
@Check('event_window_check', `ends_at > starts_at`)
@Check('event_registration_closes_check', `registration_closes_at <= starts_at`)
// Never more seats held than there are, whatever a bug or a race might try.
@Check('event_confirmed_count_check', `confirmed_count >= 0 AND confirmed_count <= capacity`)
@Check('event_waitlist_count_check', `waitlist_count >= 0`)
export class Event implements Node {
  /** Row id (column `id`); the GraphQL `id` is the global id built from it. */
  @PrimaryGeneratedColumn('identity', { name: 'id', generatedIdentity: 'ALWAYS' })
  key!: number;

  @Field({ description: 'Stable public code, unique across the network.' })
  @Column({ type: 'text' })
  code!: string;

  @Field({ description: 'Title (Chinese).' })
  @Index('event_title_trgm_idx', { synchronize: false }) // GIN trigram, see the migration
  @Column({ type: 'text' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'English title.' })
  @Index('event_title_en_trgm_idx', { synchronize: false }) // GIN trigram, see the migration
  @Column({ type: 'text', nullable: true })
  titleEn!: string | null;

  @Field(() => EventKind, { description: 'What kind of event it is.' })
  @Column({ type: 'enum', enum: EventKind, enumName: 'event_kind' })
  kind!: EventKind;

  /** The institution that runs it (`organizer` in GraphQL). */
  @Index('event_organizer_id_idx')
  @Column({ type: 'integer' })
  organizerId!: number;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organizer_id', foreignKeyConstraintName: 'event_organizer_id_fkey' })
  organizer?: Institution;

  /** Where it takes place; region subtrees are found by code range. */
  @Index('event_region_code_idx')
  @Column({ type: 'char', length: 6 })
  regionCode!: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code', foreignKeyConstraintName: 'event_region_code_fkey' })
  region?: Region;

  @Index('event_category_id_idx')
  @Column({ type: 'integer', nullable: true })
  categoryId!: number | null;

  @ManyToOne(() => ServiceCategory, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'category_id', foreignKeyConstraintName: 'event_category_id_fkey' })
  category?: ServiceCategory;

  @Field(() => DeliveryMode, { description: 'Online, on site or both.' })
  @Column({ type: 'enum', enum: DeliveryMode, enumName: 'delivery_mode' })
  deliveryMode!: DeliveryMode;

  @Field(() => String, {
    nullable: true,
    description: 'Where it takes place (an address or a hall).',
  })
  @Column({ type: 'text', nullable: true })
  venue!: string | null;

  @Field({ description: 'When it starts.' })
  @Index('event_starts_at_idx')
  @Column({ type: 'timestamptz' })
  startsAt!: Date;

  @Field({ description: 'When it ends.' })
  @Column({ type: 'timestamptz' })
  endsAt!: Date;

  @Field({ description: 'Registrations are taken until then (at the latest when it starts).' })
  @Column({ type: 'timestamptz' })
  registrationClosesAt!: Date;

  @Field(() => Int, { description: 'Seats.' })
  @Column({ type: 'integer' })
  capacity!: number;

  @Field(() => Int, {
    description: 'Registrations holding a seat (CONFIRMED or ATTENDED). Never more than capacity.',
  })
  @Column({ type: 'integer', default: 0 })
  confirmedCount!: number;

  @Field(() => Int, { description: 'Registrations waiting for a seat (WAITLISTED).' })
  @Column({ type: 'integer', default: 0 })
  waitlistCount!: number;

  @Field(() => [EnterpriseScale], { description: 'Empty means every scale.' })
  @Column({
    type: 'enum',
    enum: EnterpriseScale,
    enumName: 'enterprise_scale',
    array: true,
    default: '{}',
  })
  eligibleScales!: EnterpriseScale[];

  @Field(() => SpecializationLevel, {
    description: 'Lowest specialization level an enterprise must hold (NONE = open to all).',
  })
  @Column({
    type: 'enum',
    enum: SpecializationLevel,
    enumName: 'specialization_level',
    default: SpecializationLevel.NONE,
  })
  minSpecialization!: SpecializationLevel;

  @Field(() => [String], {
    description:
      'Large enterprises, funds or banks taking part on the other side of the matchmaking.',
  })
  @Column({ type: 'text', array: true, default: '{}' })
  counterparts!: string[];

  /** Set when the organizer calls the event off. */
  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;

  @Field({ description: 'When the record was created.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field({ description: 'When the record last changed.' })
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  get id(): string {
    return toGlobalId('Event', this.key);
  }
}

/** CANCELLED once called off, else COMPLETED once ended (by `now`), else SCHEDULED. */
export function eventStatus(event: Pick<Event, 'cancelledAt' | 'endsAt'>, now: Date): EventStatus {
  if (event.cancelledAt) return EventStatus.CANCELLED;
  return event.endsAt.getTime() <= now.getTime() ? EventStatus.COMPLETED : EventStatus.SCHEDULED;
}
