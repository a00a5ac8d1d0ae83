// The pilot_stage_change table: the history of every pilot enterprise's stage, written in the
// same transaction as the move.
import { Field, ObjectType } from 'type-graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { PilotStage } from './pilot-enums';
import { PilotEnterprise } from './pilot-enterprise.entity';

@ObjectType({ description: 'A stage a pilot enterprise moved to.' })
@Entity()
@Index('pilot_stage_change_pilot_enterprise_idx', ['pilotEnterpriseId', 'id'])
export class PilotStageChange {
  @PrimaryGeneratedColumn('identity', {
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pilot_stage_change_pkey',
  })
  id!: number;

  @Column({ type: 'integer' })
  pilotEnterpriseId!: number;

  @ManyToOne(() => PilotEnterprise, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'pilot_enterprise_id',
    foreignKeyConstraintName: 'pilot_stage_change_pilot_enterprise_id_fkey',
  })
  pilotEnterprise?: PilotEnterprise;

  @Field(() => PilotStage, { description: 'The stage it moved to.' })
  @Column({ type: 'enum', enum: PilotStage, enumName: 'pilot_stage' })
  stage!: PilotStage;

  @Field({ description: 'When.' })
  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;

  @Field({ description: 'The key’s name that made the move.' })
  @Column({ type: 'text' })
  actor!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'What the move recorded: the level and provider, the cost, the subsidy, the reason.',
  })
  @Column({ type: 'text', nullable: true })
  note!: string | null;
}
