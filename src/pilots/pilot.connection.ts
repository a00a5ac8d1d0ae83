// The connection types of pilot cities and of a city's enterprises.
import { connectionTypes } from '../schema/pagination';
import { PilotCity } from './pilot-city.entity';
import { PilotEnterprise } from './pilot-enterprise.entity';

export const PilotCityConnection = connectionTypes(PilotCity, 'PilotCity', 'pilot city');
export type PilotCityConnection = InstanceType<typeof PilotCityConnection>;

export const PilotEnterpriseConnection = connectionTypes(
  PilotEnterprise,
  'PilotEnterprise',
  'pilot enterprise',
);
export type PilotEnterpriseConnection = InstanceType<typeof PilotEnterpriseConnection>;
