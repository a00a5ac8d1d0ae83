// The pilot_enterprise table: an enterprise in a pilot city, where it stands, its digital levels,
// its provider, project and subsidy. Other programmes read `enterprise_id` and `stage` (a pilot
// enterprise is one with a row whose stage is not WITHDRAWN).
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
import { Institution } from '../institutions/institution.entity';
import { Enterprise } from '../referrals/enterprise.entity';
import { Node } from '../schema/node';
import { toGlobalId } from '../schema/global-id';
import { PilotCity } from './pilot-city.entity';
import { PilotStage } from './pilot-enums';

@ObjectType({
  implements: Node,
  description:
    'An enterprise in a pilot city, from enrolment through diagnosis and project to acceptance.',
})
@Entity()
// A retry with the same idempotency key finds the first enrolment instead of making another.
@Unique('pilot_enterprise_idempotency_key', ['apiKeyId', 'idempotencyKey'])
// One pilot at a time per enterprise: only a WITHDRAWN one may enrol again (an ACCEPTED one had
// its pilot and its subsidy). The race between two enrolments ends here.
@Index('pilot_enterprise_live_key', ['enterpriseId'], {
  unique: true,
  where: `stage <> 'WITHDRAWN'`,
})
@Index('pilot_enterprise_city_idx', ['cityId', 'key'])
@Check(
  'pilot_enterprise_levels_check',
  `level_before BETWEEN 1 AND 4 AND level_after BETWEEN level_before AND 4`,
)
@Check('pilot_enterprise_money_check', `project_cost_yuan > 0 AND subsidy_yuan >= 0`)
// What each stage has: a diagnosis from DIAGNOSED on, a project from IN_TRANSFORMATION, a level
// reached and a subsidy exactly when ACCEPTED.
@Check(
  'pilot_enterprise_stage_check',
  `(stage IN ('ENROLLED', 'WITHDRAWN') OR (level_before IS NOT NULL AND diagnosed_by_id IS NOT NULL))
   AND (stage IN ('ENROLLED', 'DIAGNOSED', 'WITHDRAWN') OR (provider_id IS NOT NULL AND project_cost_yuan IS NOT NULL))
   AND ((stage = 'ACCEPTED') = (level_after IS NOT NULL AND subsidy_yuan IS NOT NULL))`,
)
@Check(
  'pilot_enterprise_idempotency_check',
  `(api_key_id IS NULL) = (idempotency_key IS NULL) AND (idempotency_key IS NULL) = (request_hash IS NULL)`,
)
export class PilotEnterprise implements Node {
  /** Row id (column `id`); the GraphQL `id` is the global id built from it. */
  @PrimaryGeneratedColumn('identity', {
    name: 'id',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pilot_enterprise_pkey',
  })
  key!: number;

  @Column({ type: 'integer' })
  cityId!: number;

  @ManyToOne(() => PilotCity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'city_id', foreignKeyConstraintName: 'pilot_enterprise_city_id_fkey' })
  city?: PilotCity;

  @Column({ type: 'integer' })
  enterpriseId!: number;

  @ManyToOne(() => Enterprise, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'enterprise_id',
    foreignKeyConstraintName: 'pilot_enterprise_enterprise_id_fkey',
  })
  enterprise?: Enterprise;

  @Field({ description: 'The sub-industry it was enrolled under (细分行业).' })
  @Column({ type: 'text' })
  subIndustry!: string;

  @Field(() => PilotStage, { description: 'Where it stands.' })
  @Index('pilot_enterprise_stage_idx')
  @Column({ type: 'enum', enum: PilotStage, enumName: 'pilot_stage', default: PilotStage.ENROLLED })
  stage!: PilotStage;

  @Column({ type: 'smallint', nullable: true })
  levelBefore!: number | null;

  @Column({ type: 'smallint', nullable: true })
  levelAfter!: number | null;

  @Index('pilot_enterprise_diagnosed_by_id_idx')
  @Column({ type: 'integer', nullable: true })
  diagnosedById!: number | null;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'diagnosed_by_id',
    foreignKeyConstraintName: 'pilot_enterprise_diagnosed_by_id_fkey',
  })
  diagnosedBy?: Institution;

  @Index('pilot_enterprise_provider_id_idx')
  @Column({ type: 'integer', nullable: true })
  providerId!: number | null;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'provider_id',
    foreignKeyConstraintName: 'pilot_enterprise_provider_id_fkey',
  })
  provider?: Institution;

  /** Yuan, exact (numeric reads as a string). */
  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true })
  projectCostYuan!: string | null;

  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true })
  subsidyYuan!: string | null;

  /** The key that enrolled it (null for the seeded pilots). */
  @Column({ type: 'integer', nullable: true })
  apiKeyId!: number | null;

  @ManyToOne(() => ApiKey, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'api_key_id', foreignKeyConstraintName: 'pilot_enterprise_api_key_id_fkey' })
  apiKey?: ApiKey;

  @Column({ type: 'text', nullable: true })
  idempotencyKey!: string | null;

  @Column({ type: 'text', nullable: true })
  requestHash!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  get id(): string {
    return toGlobalId('PilotEnterprise', this.key);
  }
}
