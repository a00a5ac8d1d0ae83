// The appeal table: an enterprise's appeal (企业诉求), who handles it, its deadlines and where it
// stands. Each deadline keeps the moment it is counted from (submission, reopening, escalation
// or, for an approved extension, the latest of those), so that a calendar year set later can
// count it again.
import { Field, Int, ObjectType } from 'type-graphql';
import {
  Check,
  Column,
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
import { Enterprise } from '../referrals/enterprise.entity';
import { Region } from '../regions/region.entity';
import { Node } from '../schema/node';
import { toGlobalId } from '../schema/global-id';
import { AppealCategory, AppealStatus } from './appeal-enums';

@ObjectType({
  implements: Node,
  description:
    'An enterprise appeal (企业诉求), answered by a PUBLIC centre within working-day deadlines and escalated one tier up when late.',
})
@Entity()
// A retry with the same idempotency key finds the first appeal instead of making another.
@Unique('appeal_idempotency_key', ['apiKeyId', 'idempotencyKey'])
@Check('appeal_satisfaction_check', `satisfaction BETWEEN 1 AND 5`)
@Check('appeal_escalations_check', `escalations >= 0`)
// A handler's list (staff keys, scorecards) reads its rows newest first and stops at the page.
@Index('appeal_handler_idx', ['handlerId', 'seq'])
// GIN over the earlier handlers of escalated appeals (staff see what their institution handled):
// a partial index, see the migration.
@Index('appeal_previous_handler_ids_idx', { synchronize: false })
// The moment the next step is due, for open appeals only (overdue lists, the escalation sweep):
// an expression index, see the migration and DUE_AT in appeal-deadlines.ts.
@Index('appeal_due_idx', { synchronize: false })
export class Appeal implements Node {
  @PrimaryGeneratedColumn('uuid')
  uuid!: string;

  /** Insertion order: lists show the newest first; the public code is built from it. */
  @Index('appeal_seq_idx', { unique: true })
  @Column({ type: 'integer' })
  @Generated('increment')
  seq!: number;

  @Index('appeal_enterprise_id_idx')
  @Column({ type: 'integer' })
  enterpriseId!: number;

  @ManyToOne(() => Enterprise, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enterprise_id', foreignKeyConstraintName: 'appeal_enterprise_id_fkey' })
  enterprise?: Enterprise;

  /** The key that submitted it: the partner told of every move, and the one that closes it. */
  @Column({ type: 'integer' })
  apiKeyId!: number;

  @ManyToOne(() => ApiKey, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'api_key_id', foreignKeyConstraintName: 'appeal_api_key_id_fkey' })
  apiKey?: ApiKey;

  @Column({ type: 'text' })
  idempotencyKey!: string;

  /** SHA-256 of the request, to tell a retry from a different request under the same key. */
  @Column({ type: 'text' })
  requestHash!: string;

  @Field(() => AppealCategory, { description: 'What the appeal is about.' })
  @Column({ type: 'enum', enum: AppealCategory, enumName: 'appeal_category' })
  category!: AppealCategory;

  @Field({ description: 'The appeal in a line.' })
  @Column({ type: 'text' })
  title!: string;

  @Field({ description: 'The appeal in the enterprise’s words.' })
  @Column({ type: 'text' })
  description!: string;

  /** Where the enterprise's need is: the start of the routing chain. */
  @Index('appeal_region_code_idx')
  @Column({ type: 'char', length: 6 })
  regionCode!: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code', foreignKeyConstraintName: 'appeal_region_code_fkey' })
  region?: Region;

  @Column({ type: 'integer' })
  handlerId!: number;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'handler_id', foreignKeyConstraintName: 'appeal_handler_id_fkey' })
  handler?: Institution;

  /** The institutions that handled it before an escalation moved it on (their staff still see it). */
  @Column({ type: 'integer', array: true, default: () => "'{}'" })
  previousHandlerIds!: number[];

  @Field(() => AppealStatus, { description: 'Where the appeal stands.' })
  @Column({
    type: 'enum',
    enum: AppealStatus,
    enumName: 'appeal_status',
    default: AppealStatus.SUBMITTED,
  })
  status!: AppealStatus;

  @Field({ description: 'When the partner submitted it.' })
  @Column({ type: 'timestamptz' })
  submittedAt!: Date;

  /** The latest start (submission, reopening, escalation): an approved extension counts from it. */
  @Column({ type: 'timestamptz' })
  startedAt!: Date;

  @Column({ type: 'timestamptz' })
  acknowledgeFrom!: Date;

  @Field({ description: 'The end of the 1st working day after its start (Beijing time).' })
  @Column({ type: 'timestamptz' })
  acknowledgeBy!: Date;

  @Column({ type: 'timestamptz' })
  replyFrom!: Date;

  @Field({ description: 'The end of the 3rd working day after its start.' })
  @Column({ type: 'timestamptz' })
  replyBy!: Date;

  @Column({ type: 'timestamptz' })
  resolveFrom!: Date;

  @Field({
    description:
      'The end of the 15th working day after its start; the 30th from the latest start with an approved extension.',
  })
  @Column({ type: 'timestamptz' })
  resolveBy!: Date;

  @Field({
    description:
      'Set when a deadline falls in a year whose holiday schedule is not yet known (weekends only were counted).',
  })
  @Column({ type: 'boolean', default: false })
  provisionalDeadlines!: boolean;

  @Field(() => Int, { description: 'How many times it moved one tier up for a missed deadline.' })
  @Column({ type: 'integer', default: 0 })
  escalations!: number;

  @Column({ type: 'text', nullable: true })
  extensionReason!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  extensionRequestedAt!: Date | null;

  @Column({ type: 'boolean', nullable: true })
  extensionApproved!: boolean | null;

  @Column({ type: 'timestamptz', nullable: true })
  extensionDecidedAt!: Date | null;

  /** A dissatisfied close reopens it once; the second close is final whatever it says. */
  @Column({ type: 'boolean', default: false })
  reopened!: boolean;

  @Field(() => Int, { nullable: true, description: '1 to 5, given by the partner when closing.' })
  @Column({ type: 'smallint', nullable: true })
  satisfaction!: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  repliedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  /** Working days from the latest start to the resolution, counted when resolved (figures). */
  @Column({ type: 'smallint', nullable: true })
  resolvedWorkingDays!: number | null;

  // Personal data: shown only to those who may see the appeal, never logged or sent in webhooks.
  @Column({ type: 'text', nullable: true })
  contactName!: string | null;

  @Column({ type: 'text', nullable: true })
  contactPhone!: string | null;

  @Column({ type: 'text', nullable: true })
  contactEmail!: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  get id(): string {
    return toGlobalId('Appeal', this.uuid);
  }
}
