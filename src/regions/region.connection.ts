// The GraphQL connection type of regions.
import { connectionTypes } from '../schema/pagination';
import { Region } from './region.entity';

export const RegionConnection = connectionTypes(Region, 'Region', 'region');
export type RegionConnection = InstanceType<typeof RegionConnection>;
