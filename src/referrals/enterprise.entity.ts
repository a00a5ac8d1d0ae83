// The enterprise table: SMEs, keyed by their Unified Social Credit Code.
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
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { Region } from '../regions/region.entity';
import { Node } from '../schema/node';
import { toGlobalId } from '../schema/global-id';
import { EnterpriseScale, SpecializationLevel } from '../services/eligibility';

/**
 * An SME, upserted by its Unified Social Credit Code when a referral names it. Contact
 * details are personal data and live on each referral, seen only by those who see it.
 */
@ObjectType({ implements: Node, description: 'An SME referred to a service.' })
@Entity()
@Unique('enterprise_credit_code_key', ['creditCode'])
// A GB/T 4754-2017 code: a section letter and the 2 to 4 digits of a division, group or class
// (that it exists in the table is checked where it is written).
@Check('enterprise_industry_code_check', `industry_code ~ '^[A-T][0-9]{2,4}$'`)
export class Enterprise implements Node {
  /** Row id (column `id`); the GraphQL `id` is the global id built from it. */
  @PrimaryGeneratedColumn('identity', { name: 'id', generatedIdentity: 'ALWAYS' })
  key!: number;

  @Field({
    description:
      '18-character Unified Social Credit Code (GB 32100-2015), check character verified.',
  })
  @Column({ type: 'char', length: 18 })
  creditCode!: string;

  @Field({ description: 'Registered name.' })
  @Column({ type: 'text' })
  name!: string;

  @Field(() => EnterpriseScale, { description: 'Size class.' })
  @Column({ type: 'enum', enum: EnterpriseScale, enumName: 'enterprise_scale' })
  scale!: EnterpriseScale;

  @Field(() => SpecializationLevel, {
    description:
      'The standing a partner declared when it last named the enterprise; no rule reads it (verifiedSpecialization is what the registry says).',
  })
  @Column({
    type: 'enum',
    enum: SpecializationLevel,
    enumName: 'specialization_level',
    default: SpecializationLevel.NONE,
  })
  specialization!: SpecializationLevel;

  /** GB/T 4754-2017 industry code, e.g. C3670; null until the registry or a partner says. */
  @Field(() => String, {
    nullable: true,
    description: 'GB/T 4754-2017 industry code, e.g. C3670; null until the registry holds it.',
  })
  @Index('enterprise_industry_code_idx')
  @Column({ type: 'text', nullable: true })
  industryCode!: string | null;

  @Index('enterprise_region_code_idx')
  @Column({ type: 'char', length: 6 })
  regionCode!: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code', foreignKeyConstraintName: 'enterprise_region_code_fkey' })
  region?: Region;

  /**
   * When a granted list first named the enterprise: from then on its name, region, scale and
   * industry are the registry's, and what a partner sends with a referral no longer changes them.
   */
  @Column({ type: 'timestamptz', nullable: true })
  registryListedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  get id(): string {
    return toGlobalId('Enterprise', this.key);
  }
}
