// The audit_entry table and its GraphQL type: who changed what in the network, and when. Rows are
// appended by src/db/audit-trail.ts in the transaction of each write and never change afterwards:
// a trigger refuses UPDATE, DELETE and TRUNCATE (see the migration).
import { JSONObjectResolver } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from '../auth/role';
import { Node } from '../schema/node';
import { toGlobalId } from '../schema/global-id';

@ObjectType({ description: 'Who made a change: an API key (never the key itself) or the console.' })
export class AuditActor {
  @Field(() => String, {
    nullable: true,
    description: 'Public id of the API key (printed inside the key); null for the console.',
  })
  keyId!: string | null;

  @Field(() => String, { nullable: true, description: 'The API client’s name.' })
  name!: string | null;

  @Field(() => Role, { description: 'The role the change was made with.' })
  role!: Role;
}

/** One change of the network, as the audit trail keeps it. */
@ObjectType({ implements: Node, description: 'One change of the network: who, when, what.' })
@Entity()
// The filters of auditLog, each newest first: by record and by action.
@Index('audit_entry_entity_code_idx', ['entityCode', 'key'])
@Index('audit_entry_action_idx', ['action', 'key'])
export class AuditEntry implements Node {
  /** Row id (column `id`): the trail's order, newest last. */
  @PrimaryGeneratedColumn('identity', { name: 'id', generatedIdentity: 'ALWAYS' })
  key!: number;

  @Field({ description: 'When the change was committed (its transaction’s time).' })
  @Index('audit_entry_at_idx')
  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;

  /** The key's public id; null for the console. */
  @Column({ type: 'text', nullable: true })
  actorKeyId!: string | null;

  @Column({ type: 'text', nullable: true })
  actorName!: string | null;

  @Column({ type: 'enum', enum: Role, enumName: 'role' })
  actorRole!: Role;

  @Field({
    description:
      'e.g. institution.create, institution.move, service.update, event.cancel, network.import',
  })
  @Column({ type: 'text' })
  action!: string;

  @Field({ description: 'institution, service, event, api_key or network.' })
  @Column({ type: 'text' })
  entityType!: string;

  @Field({ description: 'The public code of the record changed (an API key: its public id).' })
  @Column({ type: 'text' })
  entityCode!: string;

  @Field(() => JSONObjectResolver, {
    description: 'Changed fields with their values before and after: { field: { before, after } }.',
  })
  @Column({ type: 'jsonb', default: {} })
  changes!: Record<string, unknown>;

  get id(): string {
    return toGlobalId('AuditEntry', this.key);
  }
}
