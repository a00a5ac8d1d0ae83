// The pilot_city table: a city of the digital-transformation pilots (中小企业数字化转型试点城市),
// its batch and dates, its central funds and the rule its subsidies follow.
import { Field, Int, ObjectType } from 'type-graphql';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { Region } from '../regions/region.entity';
import { Node } from '../schema/node';
import { toGlobalId } from '../schema/global-id';
import type { SubsidyRule } from './subsidy-rule';

/**
 * One city per division. Its funds are split into the public-services reserve
 * (`reservePercent`, 20 by default) and the SME pool; `subsidyPaidYuan` is what acceptances paid
 * out of the pool, moved only under this row's lock, and a CHECK keeps it within the pool should
 * anything slip.
 */
@ObjectType({
  implements: Node,
  description: 'A city of the digital-transformation pilots for SMEs (中小企业数字化转型试点城市).',
})
@Entity()
@Unique('pilot_city_region_code_key', ['regionCode'])
@Check('pilot_city_dates_check', `ends_on > starts_on`)
@Check('pilot_city_batch_check', `batch >= 1`)
@Check('pilot_city_target_check', `target_enterprises >= 1`)
@Check('pilot_city_funds_check', `funds_allocated_yuan >= 0`)
@Check('pilot_city_reserve_check', `reserve_percent BETWEEN 0 AND 100`)
// The pool is what the reserve leaves: compared exactly, in numeric, never in floating point.
@Check(
  'pilot_city_pool_check',
  `subsidy_paid_yuan >= 0 AND subsidy_paid_yuan * 100 <= funds_allocated_yuan * (100 - reserve_percent)`,
)
export class PilotCity implements Node {
  /** Row id (column `id`); the GraphQL `id` is the global id built from it. */
  @PrimaryGeneratedColumn('identity', {
    name: 'id',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pilot_city_pkey',
  })
  key!: number;

  /** A prefecture-level division or a municipality's district, six digits. */
  @Column({ type: 'char', length: 6 })
  regionCode!: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code', foreignKeyConstraintName: 'pilot_city_region_code_fkey' })
  region?: Region;

  @Field(() => Int, { description: 'The yearly batch it was chosen in (1, 2, 3 …).' })
  @Column({ type: 'integer' })
  batch!: number;

  @Column({ type: 'date' })
  startsOn!: string;

  /** Enrolment closes after this day (Beijing). */
  @Column({ type: 'date' })
  endsOn!: string;

  @Field(() => Int, { description: 'How many enterprises the city set out to transform.' })
  @Column({ type: 'integer' })
  targetEnterprises!: number;

  /** Yuan, exact (numeric reads as a string). */
  @Column({ type: 'numeric', precision: 14, scale: 2 })
  fundsAllocatedYuan!: string;

  /** Share of the funds kept for public services (公共服务), percent. */
  @Column({ type: 'smallint', default: 20 })
  reservePercent!: number;

  /**
   * How acceptances are subsidised (subsidy-rule.ts): DEFAULT_SUBSIDY_RULE, written by whoever makes
   * the city, unless a city differs.
   */
  @Column({ type: 'jsonb' })
  subsidyRule!: SubsidyRule;

  /** Subsidies paid so far, yuan, exact. */
  @Column({ type: 'numeric', precision: 14, scale: 2, default: 0 })
  subsidyPaidYuan!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  get id(): string {
    return toGlobalId('PilotCity', this.key);
  }
}
