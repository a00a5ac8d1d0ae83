// The connection types of clusters and of enterprises.
import { connectionTypes } from '../schema/pagination';
import { Enterprise } from '../referrals/enterprise.entity';
import { Cluster } from './cluster.entity';

export const ClusterConnection = connectionTypes(Cluster, 'Cluster', 'cluster');
export type ClusterConnection = InstanceType<typeof ClusterConnection>;

export const EnterpriseConnection = connectionTypes(Enterprise, 'Enterprise', 'enterprise');
export type EnterpriseConnection = InstanceType<typeof EnterpriseConnection>;
