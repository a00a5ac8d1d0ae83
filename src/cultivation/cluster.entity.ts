// The cluster table: characteristic industrial clusters of SMEs (中小企业特色产业集群).
import { DateResolver } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Node } from '../schema/node';
import { toGlobalId } from '../schema/global-id';
import { ClusterLevel, DesignationStatus } from './designation-enums';

/**
 * A cluster: an industry (GB/T 4754-2017 code prefixes) in one or a few county-level divisions
 * (cluster_region), recognised in a batch for a validity period. Its enterprises are not stored:
 * an enterprise belongs while it is located in one of the regions with an industry under a prefix.
 */
@ObjectType({
  implements: Node,
  description:
    'A characteristic industrial cluster of SMEs (中小企业特色产业集群), located in one or a few county-level divisions.',
})
@Entity()
@Unique('cluster_code_key', ['code'])
@Check('cluster_validity_check', `valid_until > valid_from`)
@Check('cluster_industry_codes_check', `cardinality(industry_codes) > 0`)
export class Cluster implements Node {
  @PrimaryGeneratedColumn('identity', {
    name: 'id',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'cluster_pkey',
  })
  key!: number;

  @Field({ description: 'Its public code, e.g. NC-2024-001 (national) or PC-44-1 (provincial).' })
  @Column({ type: 'text' })
  code!: string;

  @Field({ description: 'Its published name, e.g. 佛山市顺德区智能家电产业集群.' })
  @Column({ type: 'text' })
  name!: string;

  @Field(() => ClusterLevel, { description: 'Recognised by the nation or by a province.' })
  @Column({ type: 'enum', enum: ClusterLevel, enumName: 'cluster_level' })
  level!: ClusterLevel;

  @Field({ description: 'Its leading industry in words, e.g. 汽车零部件.' })
  @Column({ type: 'text' })
  industry!: string;

  @Field(() => [String], {
    description:
      'GB/T 4754-2017 codes of its industry (an enterprise belongs when its industryCode starts with one).',
  })
  @Column({ type: 'text', array: true })
  industryCodes!: string[];

  @Field({ description: 'The published batch, e.g. "2024-2".' })
  @Column({ type: 'text' })
  batch!: string;

  @Field(() => DateResolver, { description: 'First day of its recognition (Beijing).' })
  @Column({ type: 'date' })
  validFrom!: string;

  @Field(() => DateResolver, { description: 'Last day of its recognition (three years on).' })
  @Column({ type: 'date' })
  validUntil!: string;

  /**
   * As written by its last change; the API answers the status as of today (clusterStatusToday),
   * which the dates decide as for designations.
   */
  @Column({ type: 'enum', enum: DesignationStatus, enumName: 'designation_status' })
  status!: DesignationStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  get id(): string {
    return toGlobalId('Cluster', this.key);
  }
}
