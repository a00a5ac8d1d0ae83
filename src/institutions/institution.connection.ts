// The GraphQL connection type of institutions.
import { connectionTypes } from '../schema/pagination';
import { Institution } from './institution.entity';

export const InstitutionConnection = connectionTypes(Institution, 'Institution', 'institution');
export type InstitutionConnection = InstanceType<typeof InstitutionConnection>;
