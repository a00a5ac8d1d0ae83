// The webhook_delivery table: one change told to one subscription — the transactional outbox the
// change's own transaction writes, and the record of every attempt to deliver it.
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Generated,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Node } from '../schema/node';
import { toGlobalId } from '../schema/global-id';
import { DeliveryStatus, WebhookEventType } from './webhook-enums';
import { WebhookSubscription } from './webhook-subscription.entity';

@ObjectType({
  implements: Node,
  description:
    'One change told to one subscription: the body POSTed, and how its attempts went. Its id is the delivery id of the payload and of the SME-Webhook-Id header, stable across retries: receivers deduplicate by it.',
})
@Entity()
// A subscription's deliveries, newest first.
@Index('webhook_delivery_subscription_idx', ['subscriptionId', 'seq'])
@Check('webhook_delivery_attempts_check', `attempts >= 0`)
export class WebhookDelivery implements Node {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'webhook_delivery_pkey' })
  uuid!: string;

  /** Creation order: lists show the newest first. */
  @Index('webhook_delivery_seq_idx', { unique: true })
  @Column({ type: 'integer' })
  @Generated('increment')
  seq!: number;

  @Column({ type: 'integer' })
  subscriptionId!: number;

  // Deliveries go with their subscription: deleting one (never done by the API, which only
  // deactivates) takes its history along.
  @ManyToOne(() => WebhookSubscription, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'subscription_id',
    foreignKeyConstraintName: 'webhook_delivery_subscription_id_fkey',
  })
  subscription?: WebhookSubscription;

  @Field(() => WebhookEventType, { description: 'The kind of change.' })
  @Column({ type: 'enum', enum: WebhookEventType, enumName: 'webhook_event_type' })
  eventType!: WebhookEventType;

  /** What changed: the referral's or registration's global id and statuses (the payload's `data`). */
  @Column({ type: 'jsonb' })
  data!: Record<string, unknown>;

  @Field(() => DeliveryStatus, { description: 'Where the delivery stands.' })
  @Column({
    type: 'enum',
    enum: DeliveryStatus,
    enumName: 'delivery_status',
    default: DeliveryStatus.PENDING,
  })
  status!: DeliveryStatus;

  @Field(() => Int, { description: 'Attempts made so far.' })
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** Attempts allowed; null: WEBHOOK_MAX_ATTEMPTS. A redelivery raises it to allow one more. */
  @Column({ type: 'integer', nullable: true })
  attemptLimit!: number | null;

  @Field(() => Date, {
    nullable: true,
    description:
      'When the next attempt is due (while one is under way: when it is retried should it not finish); null once DELIVERED or DEAD.',
  })
  @Index('webhook_delivery_next_attempt_idx', { where: `next_attempt_at IS NOT NULL` })
  @Column({ type: 'timestamptz', nullable: true })
  nextAttemptAt!: Date | null;

  @Field(() => Int, { nullable: true, description: 'HTTP status of the last answer, if any.' })
  @Column({ type: 'integer', nullable: true })
  lastStatusCode!: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Why the last attempt failed (with at most the first 200 characters of the answer); null after a success.',
  })
  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Field(() => Date, { nullable: true, description: 'When a receiver first answered 2xx.' })
  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @Field({ description: 'When the change happened (its transaction committed with this row).' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  get id(): string {
    return toGlobalId('WebhookDelivery', this.uuid);
  }

  /** The body every attempt POSTs (the same bytes each time: JSON of this object). */
  @Field(() => GraphQLJSONObject, {
    description: 'The JSON body POSTed: { id, type, createdAt, data }.',
  })
  get payload(): Record<string, unknown> {
    return webhookPayload(this);
  }
}

/** The body of a delivery: its id (for deduplication), the event type, when, and what changed. */
export function webhookPayload(delivery: WebhookDelivery): Record<string, unknown> {
  return {
    id: delivery.id,
    type: delivery.eventType,
    createdAt: delivery.createdAt.toISOString(),
    data: delivery.data,
  };
}
