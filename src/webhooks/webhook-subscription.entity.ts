// The webhook_subscription table: a partner's (or admin's) URL that is told about changes, and
// the secret its deliveries are signed with — kept encrypted, shown once at creation.
import { URLResolver } from 'graphql-scalars';
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
import { ApiKey } from '../auth/api-key.entity';
import { Node } from '../schema/node';
import { toGlobalId } from '../schema/global-id';
import { WebhookEventType } from './webhook-enums';

@ObjectType({
  implements: Node,
  description:
    'A URL that receives signed POSTs about changes its API key may see. Rotate its secret by creating a new subscription and deleting this one.',
})
@Entity()
@Check('webhook_subscription_events_check', `cardinality(events) > 0`)
@Check('webhook_subscription_deleted_check', `active = (deleted_at IS NULL)`)
export class WebhookSubscription implements Node {
  /** Row id (column `id`); the GraphQL `id` is the global id built from it. */
  @PrimaryGeneratedColumn('identity', {
    name: 'id',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'webhook_subscription_pkey',
  })
  key!: number;

  /** The key that created it: its owner, whose visibility decides what it is told. */
  @Index('webhook_subscription_api_key_id_idx')
  @Column({ type: 'integer' })
  apiKeyId!: number;

  @ManyToOne(() => ApiKey, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'api_key_id',
    foreignKeyConstraintName: 'webhook_subscription_api_key_id_fkey',
  })
  apiKey?: ApiKey;

  @Field(() => URLResolver, { description: 'Where deliveries are POSTed.' })
  @Column({ type: 'text' })
  url!: string;

  @Field(() => [WebhookEventType], { description: 'The changes it is told about.' })
  @Column({ type: 'enum', enum: WebhookEventType, enumName: 'webhook_event_type', array: true })
  events!: WebhookEventType[];

  /** AES-256-GCM of the signing secret under WEBHOOK_SECRET_KEY (webhook-secrets.ts). */
  @Column({ type: 'bytea' })
  secretCiphertext!: Buffer;

  /** Which encryption key sealed the secret (a hash prefix), to tell a changed key from damage. */
  @Column({ type: 'text' })
  secretKeyId!: string;

  @Field({ description: 'False once deleted: no new deliveries, queued ones stop.' })
  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Field({ description: 'When it was created.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;

  get id(): string {
    return toGlobalId('WebhookSubscription', this.key);
  }
}
