// The designation_change table: every status a designation took, who set it and why.
import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DesignationStatus } from './designation-enums';
import { Designation } from './designation.entity';

@ObjectType({ description: 'One status a designation took: when, by whom, why.' })
@Entity()
export class DesignationChange {
  @PrimaryGeneratedColumn('identity', {
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'designation_change_pkey',
  })
  id!: number;

  @Index('designation_change_designation_id_idx')
  @Column({ type: 'integer' })
  designationId!: number;

  @ManyToOne(() => Designation, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'designation_id',
    foreignKeyConstraintName: 'designation_change_designation_id_fkey',
  })
  designation?: Designation;

  @Field(() => DesignationStatus, { description: 'The status it took.' })
  @Column({ type: 'enum', enum: DesignationStatus, enumName: 'designation_status' })
  status!: DesignationStatus;

  @Field({ description: 'When.' })
  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;

  /** The key's name, or "system" for automatic changes (review opening, expiry). */
  @Field({ description: "The key's name, or the system for automatic expiry." })
  @Column({ type: 'text' })
  actor!: string;

  @Field(() => String, {
    nullable: true,
    description: "Why: the revocation's reason, the review's outcome and note.",
  })
  @Column({ type: 'text', nullable: true })
  reason!: string | null;
}
