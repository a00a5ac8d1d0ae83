// The policy table: support policies for enterprises (惠企政策) issued by the nation, a province,
// a prefecture or a county, each with its conditions, window and application guide (申报指南).
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
import { ApiKey } from '../auth/api-key.entity';
import { DesignationKind } from '../cultivation/designation-enums';
import { Region } from '../regions/region.entity';
import { Node } from '../schema/node';
import { toGlobalId } from '../schema/global-id';
import { EnterpriseScale } from '../services/eligibility';
import { ServiceCategory } from '../services/service-category.entity';
import { BenefitKind, PolicyDelivery, PolicyStatus } from './policy-enums';

@ObjectType({
  implements: Node,
  description:
    'A support policy for enterprises (惠企政策): who issued it, what it gives, to whom, when, and how to apply.',
})
@Entity()
@Unique('policy_code_key', ['code'])
@Check('policy_window_check', `closes_on IS NULL OR closes_on >= opens_on`)
@Check('policy_max_amount_check', `max_amount_yuan IS NULL OR max_amount_yuan > 0`)
// A published policy carries its whole guide: the table refuses one without it too.
@Check(
  'policy_guide_check',
  `guide_beneficiaries <> '' AND guide_conditions <> '' AND guide_materials <> '' AND guide_office <> '' AND guide_phone <> ''`,
)
@Check('policy_withdrawn_check', `(status = 'WITHDRAWN') = (withdrawn_at IS NOT NULL)`)
export class Policy implements Node {
  /** Row id (column `id`); the GraphQL `id` is the global id built from it. */
  @PrimaryGeneratedColumn('identity', {
    name: 'id',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'policy_pkey',
  })
  key!: number;

  @Field({ description: 'The public code, e.g. GD-2026-017.' })
  @Column({ type: 'text' })
  code!: string;

  @Field({ description: 'The title as published, e.g. 广东省专精特新中小企业数字化改造补贴.' })
  @Column({ type: 'text' })
  title!: string;

  /** The issuing division (province, real prefecture or county); null for national policies. */
  @Index('policy_region_code_idx')
  @Column({ type: 'char', length: 6, nullable: true })
  regionCode!: string | null;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code', foreignKeyConstraintName: 'policy_region_code_fkey' })
  region?: Region;

  @Field({ description: 'The issuing department, e.g. 广东省工业和信息化厅.' })
  @Column({ type: 'text' })
  issuer!: string;

  @Column({ type: 'integer' })
  categoryId!: number;

  @ManyToOne(() => ServiceCategory, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'category_id', foreignKeyConstraintName: 'policy_category_id_fkey' })
  category?: ServiceCategory;

  @Field(() => BenefitKind, { description: 'What it gives.' })
  @Column({ type: 'enum', enum: BenefitKind, enumName: 'benefit_kind' })
  benefitKind!: BenefitKind;

  /** Exact yuan as PostgreSQL's numeric text; the API's maxAmountYuan. */
  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true })
  maxAmountYuan!: string | null;

  @Field(() => PolicyDelivery, { description: 'Without applying (AUTOMATIC) or on application.' })
  @Column({ type: 'enum', enum: PolicyDelivery, enumName: 'policy_delivery' })
  delivery!: PolicyDelivery;

  @Field(() => [EnterpriseScale], { description: 'Empty: every scale.' })
  @Column({
    type: 'enum',
    enum: EnterpriseScale,
    enumName: 'enterprise_scale',
    array: true,
    default: '{}',
  })
  eligibleScales!: EnterpriseScale[];

  @Field(() => DesignationKind, {
    nullable: true,
    description: 'The lowest designation required (a higher rung also qualifies); null: none.',
  })
  @Column({ type: 'enum', enum: DesignationKind, enumName: 'designation_kind', nullable: true })
  minDesignation!: DesignationKind | null;

  @Field(() => [String], { description: 'GB/T 4754 code prefixes; empty: every industry.' })
  @Column({ type: 'text', array: true, default: '{}' })
  industryCodes!: string[];

  @Field({ description: 'Only enterprises enrolled in a digital-transformation pilot.' })
  @Column({ type: 'boolean', default: false })
  pilotOnly!: boolean;

  @Index('policy_opens_on_idx')
  @Column({ type: 'date' })
  opensOn!: Date | string;

  @Column({ type: 'date', nullable: true })
  closesOn!: Date | string | null;

  @Field(() => PolicyStatus, { description: 'PUBLISHED, or WITHDRAWN.' })
  @Column({ type: 'enum', enum: PolicyStatus, enumName: 'policy_status' })
  status!: PolicyStatus;

  @Column({ type: 'text' })
  guideBeneficiaries!: string;

  @Column({ type: 'text' })
  guideConditions!: string;

  @Column({ type: 'text' })
  guideMaterials!: string;

  @Column({ type: 'text' })
  guideOffice!: string;

  @Column({ type: 'text' })
  guidePhone!: string;

  /** The key that published it; null for the seed's policies. */
  @Column({ type: 'integer', nullable: true })
  publishedByApiKeyId!: number | null;

  @ManyToOne(() => ApiKey, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'published_by_api_key_id',
    foreignKeyConstraintName: 'policy_published_by_api_key_id_fkey',
  })
  publishedBy?: ApiKey;

  /** When a policy whose window opened later had its AUTOMATIC entitlements made; null before. */
  @Column({ type: 'timestamptz', nullable: true })
  entitledAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  get id(): string {
    return toGlobalId('Policy', this.key);
  }
}
