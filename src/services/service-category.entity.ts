// The service_category table: the two-level taxonomy of services.
import { Field, ObjectType } from 'type-graphql';
import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { Node } from '../schema/node';
import { toGlobalId } from '../schema/global-id';

/** A node of the two-level service taxonomy (e.g. FIN 融资服务 › FIN-LOAN 信贷融资). */
@ObjectType({ implements: Node, description: 'A category of the two-level service taxonomy.' })
@Entity()
@Unique('service_category_code_key', ['code'])
export class ServiceCategory implements Node {
  /** Row id (column `id`); the GraphQL `id` is the global id built from it. */
  @PrimaryGeneratedColumn('identity', { name: 'id', generatedIdentity: 'ALWAYS' })
  key!: number;

  @Field({
    description: 'Stable code: FIN for a top category, FIN-LOAN for one of its sub-categories.',
  })
  @Column({ type: 'text' })
  code!: string;

  @Field({ description: 'Chinese name, e.g. 融资服务.' })
  @Column({ type: 'text' })
  name!: string;

  @Field({ description: 'English name, e.g. Financing.' })
  @Column({ type: 'text' })
  nameEn!: string;

  @Index('service_category_parent_id_idx')
  @Column({ type: 'integer', nullable: true })
  parentId!: number | null;

  @ManyToOne(() => ServiceCategory, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'service_category_parent_id_fkey' })
  parent?: ServiceCategory;

  /** Display order among siblings. */
  @Column({ type: 'integer', default: 0 })
  position!: number;

  get id(): string {
    return toGlobalId('ServiceCategory', this.key);
  }
}
