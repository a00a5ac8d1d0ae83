// The service table: what an institution offers, to whom, how and at what fee.
import { Field, ObjectType } from 'type-graphql';
import {
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
import { Node } from '../schema/node';
import { toGlobalId } from '../schema/global-id';
import { Institution } from '../institutions/institution.entity';
import { EnterpriseScale, SpecializationLevel } from './eligibility';
import { DeliveryMode, FeeType } from './service-enums';
import { ServiceCategory } from './service-category.entity';

/** A service an institution offers to enterprises. */
@ObjectType({ implements: Node, description: 'A service an institution offers to SMEs.' })
@Entity()
@Unique('service_code_key', ['code'])
// An institution's services are paged in id order: this index reads just the page.
@Index('service_institution_id_idx', ['institutionId', 'key'])
export class Service implements Node {
  /** Row id (column `id`); the GraphQL `id` is the global id built from it. */
  @PrimaryGeneratedColumn('identity', { name: 'id', generatedIdentity: 'ALWAYS' })
  key!: number;

  @Field({ description: 'Stable public code, unique across the network.' })
  @Column({ type: 'text' })
  code!: string;

  @Field({ description: 'Chinese name.' })
  @Index('service_name_trgm_idx', { synchronize: false }) // GIN trigram, see the migration
  @Column({ type: 'text' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'English name.' })
  @Index('service_name_en_trgm_idx', { synchronize: false }) // GIN trigram, see the migration
  @Column({ type: 'text', nullable: true })
  nameEn!: string | null;

  @Field(() => String, { nullable: true, description: 'What the service does, in Chinese.' })
  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'integer' })
  institutionId!: number;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'institution_id', foreignKeyConstraintName: 'service_institution_id_fkey' })
  institution?: Institution;

  @Index('service_category_id_idx')
  @Column({ type: 'integer' })
  categoryId!: number;

  @ManyToOne(() => ServiceCategory, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'category_id', foreignKeyConstraintName: 'service_category_id_fkey' })
  category?: ServiceCategory;

  @Field(() => DeliveryMode, { description: 'Online, on site or both.' })
  @Column({ type: 'enum', enum: DeliveryMode, enumName: 'delivery_mode' })
  deliveryMode!: DeliveryMode;

  @Field(() => FeeType, { description: 'Free, subsidized or paid.' })
  @Column({ type: 'enum', enum: FeeType, enumName: 'fee_type' })
  fee!: FeeType;

  @Field(() => [EnterpriseScale], { description: 'Empty means every scale.' })
  @Column({
    type: 'enum',
    enum: EnterpriseScale,
    enumName: 'enterprise_scale',
    array: true,
    default: '{}',
  })
  eligibleScales!: EnterpriseScale[];

  @Field(() => SpecializationLevel, {
    description: 'Lowest specialization level an enterprise must hold (NONE = open to all).',
  })
  @Column({
    type: 'enum',
    enum: SpecializationLevel,
    enumName: 'specialization_level',
    default: SpecializationLevel.NONE,
  })
  minSpecialization!: SpecializationLevel;

  @Field({ description: 'False once the service is withdrawn; withdrawn ones stay readable.' })
  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Field({ description: 'When the record was created.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field({ description: 'When the record last changed.' })
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  get id(): string {
    return toGlobalId('Service', this.key);
  }
}
