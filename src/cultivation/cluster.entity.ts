// The cluster table: characteristic industrial clusters of SMEs (中小企业特色产业集群).
import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { ClusterLevel, DesignationStatus } from './designation-enums';

/**
 * A cluster: an industry (GB/T 4754-2017 code prefixes) in one or a few county-level divisions
 * (cluster_region), recognised in a batch for a validity period. Its enterprises are not stored:
 * an enterprise belongs while it is located in one of the regions with an industry under a prefix.
 */
@Entity()
@Unique('cluster_code_key', ['code'])
@Check('cluster_validity_check', `valid_until > valid_from`)
@Check('cluster_industry_codes_check', `cardinality(industry_codes) > 0`)
export class Cluster {
  @PrimaryGeneratedColumn('identity', {
    name: 'id',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'cluster_pkey',
  })
  key!: number;

  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'enum', enum: ClusterLevel, enumName: 'cluster_level' })
  level!: ClusterLevel;

  /** Its leading industry in words, e.g. 汽车零部件. */
  @Column({ type: 'text' })
  industry!: string;

  @Column({ type: 'text', array: true })
  industryCodes!: string[];

  @Column({ type: 'text' })
  batch!: string;

  @Column({ type: 'date' })
  validFrom!: string;

  @Column({ type: 'date' })
  validUntil!: string;

  @Column({ type: 'enum', enum: DesignationStatus, enumName: 'designation_status' })
  status!: DesignationStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
