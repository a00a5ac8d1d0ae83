// The connection type of designations.
import { connectionTypes } from '../schema/pagination';
import { Designation } from './designation.entity';

export const DesignationConnection = connectionTypes(Designation, 'Designation', 'designation');
export type DesignationConnection = InstanceType<typeof DesignationConnection>;
