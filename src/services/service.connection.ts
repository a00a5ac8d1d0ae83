// The GraphQL connection type of services.
import { connectionTypes } from '../schema/pagination';
import { Service } from './service.entity';

export const ServiceConnection = connectionTypes(Service, 'Service', 'service');
export type ServiceConnection = InstanceType<typeof ServiceConnection>;
