// The appeal_change table: every move of every appeal, written in the move's transaction.
import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Institution } from '../institutions/institution.entity';
import { Appeal } from './appeal.entity';
import { AppealStatus } from './appeal-enums';

@ObjectType({ description: 'A move of an appeal: a step, an extension, an escalation.' })
@Entity()
@Index('appeal_change_appeal_idx', ['appealUuid', 'id'])
export class AppealChange {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id!: number;

  @Column({ type: 'uuid' })
  appealUuid!: string;

  @ManyToOne(() => Appeal, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'appeal_uuid', foreignKeyConstraintName: 'appeal_change_appeal_uuid_fkey' })
  appeal?: Appeal;

  @Field(() => AppealStatus, { description: 'The status after the move.' })
  @Column({ type: 'enum', enum: AppealStatus, enumName: 'appeal_status' })
  status!: AppealStatus;

  @Field({ description: 'When it happened.' })
  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;

  @Field({ description: 'Who made the move: an API client name, or the system for escalations.' })
  @Column({ type: 'text' })
  actor!: string;

  @Field(() => String, { nullable: true, description: 'What was said or decided.' })
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** The institution the appeal moved to (escalation); null for every other move. */
  @Column({ type: 'integer', nullable: true })
  handlerId!: number | null;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'handler_id', foreignKeyConstraintName: 'appeal_change_handler_id_fkey' })
  handler?: Institution;
}
