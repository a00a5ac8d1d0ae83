// The designation table: the registry of cultivated enterprises (创新型中小企业, 专精特新, 小巨人).
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
import { Enterprise } from '../referrals/enterprise.entity';
import { Region } from '../regions/region.entity';
import { Node } from '../schema/node';
import { toGlobalId } from '../schema/global-id';
import { DesignationKind, DesignationStatus } from './designation-enums';

/**
 * One grant of one rung to one enterprise, valid from `validFrom` through `validUntil` (three
 * years). `status` is what the last change wrote; readers derive today's status from it and the
 * dates (a designation is never read ACTIVE after its validUntil, even before the job ran).
 */
@ObjectType({
  implements: Node,
  description:
    'A rung of gradient cultivation granted to an enterprise from a published list, valid three years.',
})
@Entity()
// No enterprise holds two live designations of the same kind: the race between two grants ends
// here, whatever the commands checked before.
@Index('designation_live_key', ['enterpriseId', 'kind'], {
  unique: true,
  where: `status IN ('ACTIVE', 'UNDER_REVIEW')`,
})
// An enterprise's designations, newest first (Enterprise.designations, the grant's checks).
@Index('designation_enterprise_id_idx', ['enterpriseId', 'key'])
@Check('designation_validity_check', `valid_until > valid_from`)
// Provinces grant the two provincial rungs; the nation grants little giants.
@Check('designation_granted_by_check', `(kind = 'LITTLE_GIANT') = (granted_by_code IS NULL)`)
export class Designation implements Node {
  @PrimaryGeneratedColumn('identity', {
    name: 'id',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'designation_pkey',
  })
  key!: number;

  @Column({ type: 'integer' })
  enterpriseId!: number;

  @ManyToOne(() => Enterprise, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enterprise_id', foreignKeyConstraintName: 'designation_enterprise_id_fkey' })
  enterprise?: Enterprise;

  @Field(() => DesignationKind, { description: 'Which rung.' })
  @Column({ type: 'enum', enum: DesignationKind, enumName: 'designation_kind' })
  kind!: DesignationKind;

  /** The granting province; null for LITTLE_GIANT. */
  @Column({ type: 'char', length: 6, nullable: true })
  grantedByCode!: string | null;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'granted_by_code',
    foreignKeyConstraintName: 'designation_granted_by_code_fkey',
  })
  grantedBy?: Region;

  /** The published batch, e.g. "2024-1". */
  @Field({ description: 'The published batch, e.g. "2024-1".' })
  @Index('designation_batch_idx')
  @Column({ type: 'text' })
  batch!: string;

  /** pg reads a date as local midnight (see registry-days.ts). */
  @Column({ type: 'date' })
  validFrom!: Date;

  @Index('designation_valid_until_idx')
  @Column({ type: 'date' })
  validUntil!: Date;

  @Column({ type: 'enum', enum: DesignationStatus, enumName: 'designation_status' })
  status!: DesignationStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  get id(): string {
    return toGlobalId('Designation', this.key);
  }
}
