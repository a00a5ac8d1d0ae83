// The policy_application_change table: every status an application or entitlement took, who set
// it and why, written in the same transaction as the change.
import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PolicyApplicationStatus } from './policy-enums';
import { PolicyApplication } from './policy-application.entity';

@ObjectType({ description: 'A status change of a policy application.' })
@Entity()
@Index('policy_application_change_application_idx', ['applicationId', 'id'])
export class PolicyApplicationChange {
  @PrimaryGeneratedColumn('identity', {
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'policy_application_change_pkey',
  })
  id!: number;

  @Column({ type: 'integer' })
  applicationId!: number;

  @ManyToOne(() => PolicyApplication, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'application_id',
    foreignKeyConstraintName: 'policy_application_change_application_id_fkey',
  })
  application?: PolicyApplication;

  @Field(() => PolicyApplicationStatus, { description: 'The status it moved to.' })
  @Column({ type: 'enum', enum: PolicyApplicationStatus, enumName: 'policy_application_status' })
  status!: PolicyApplicationStatus;

  @Field({ description: 'When it happened.' })
  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;

  @Field({ description: 'Who made the change: the key’s name, or the system.' })
  @Column({ type: 'text' })
  actor!: string;

  @Field(() => String, { nullable: true, description: 'Why, e.g. “policy withdrawn”.' })
  @Column({ type: 'text', nullable: true })
  note!: string | null;
}
