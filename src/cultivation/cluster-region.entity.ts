// The cluster_region table: the county-level divisions a cluster lies in.
import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Region } from '../regions/region.entity';
import { Cluster } from './cluster.entity';

@Entity()
export class ClusterRegion {
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'cluster_region_pkey' })
  clusterId!: number;

  @Index('cluster_region_region_code_idx')
  @PrimaryColumn({ type: 'char', length: 6, primaryKeyConstraintName: 'cluster_region_pkey' })
  regionCode!: string;

  @ManyToOne(() => Cluster, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cluster_id', foreignKeyConstraintName: 'cluster_region_cluster_id_fkey' })
  cluster?: Cluster;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code', foreignKeyConstraintName: 'cluster_region_region_code_fkey' })
  region?: Region;
}
