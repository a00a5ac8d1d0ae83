// Service in a planned statement, and Institution.services: the page of an institution's services
// as servicePagesByInstitution reads it, with the same filter conditions.
import { filterCategoryKeys } from '../institutions/institution.queries';
import { serviceConditions, type ServiceFilter } from '../services/service-filter';
import { connectionJson } from './connection-plan';
import { column, globalId, type FieldPlan, type TypePlan } from './plan-scope';

/** Service's fields read from its own columns (category and institution are left to execution). */
export const SERVICE_FIELDS: TypePlan = {
  id: globalId('Service', 'id'),
  code: column('code'),
  name: column('name'),
  nameEn: column('name_en'),
  description: column('description'),
  deliveryMode: column('delivery_mode'),
  fee: column('fee'),
  eligibleScales: column('eligible_scales'),
  minSpecialization: column('min_specialization'),
  active: column('active'),
};

export const institutionServices: FieldPlan = (scope, row, field, nodes) =>
  connectionJson(scope, field, nodes, {
    list: 'Institution.services',
    table: 'service',
    fields: SERVICE_FIELDS,
    partition: [`t.institution_id = ${row}.id`],
    conditions: async (filter, params) => {
      const serviceFilter = filter as ServiceFilter | null;
      const categoryKeys = await filterCategoryKeys(scope, serviceFilter);
      return serviceConditions(serviceFilter, params, categoryKeys);
    },
  });
