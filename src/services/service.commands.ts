// Institutions' own services: admins, and staff of the institution, add and change them.
import { requireAdminOrStaffOf } from '../auth/permissions';
import type { Viewer } from '../auth/viewer';
import { fieldChanges, recordAudit } from '../db/audit-trail';
import { updateAudited, type ColumnChange } from '../db/audited-update';
import { isUniqueViolation } from '../db/unique-violation';
import { institutionByCode } from '../institutions/institution.queries';
import { publicCode } from '../schema/input';
import { conflict, notFound, quote } from '../schema/errors';
import { SpecializationLevel } from './eligibility';
import type { ServiceContext } from './service.context';
import type { CreateServiceInput, UpdateServiceInput } from './service.inputs';
import { serviceDescription, serviceName, serviceNameEn } from './service-rules';
import { Service } from './service.entity';

/** The fields of a service the audit trail compares, named as the API names them. */
export const SERVICE_AUDIT_FIELDS = [
  'institutionCode',
  'name',
  'nameEn',
  'description',
  'categoryCode',
  'deliveryMode',
  'fee',
  'eligibleScales',
  'minSpecialization',
  'active',
] as const;

/** A service as the audit trail shows it: its institution and category by code. */
export function auditedService(
  service: Service,
  institutionCode: string,
  categoryCode: string | undefined,
) {
  const { name, nameEn, description, deliveryMode, fee, eligibleScales, minSpecialization } =
    service;
  return {
    institutionCode,
    name,
    nameEn,
    description,
    categoryCode,
    deliveryMode,
    fee,
    eligibleScales,
    minSpecialization,
    active: service.active,
  };
}

function requireManager(viewer: Viewer, institutionId: number): void {
  requireAdminOrStaffOf(viewer, institutionId, 'change its services');
}

export async function createService(
  context: ServiceContext,
  input: CreateServiceInput,
): Promise<Service> {
  const { sql, viewer, taxonomy } = context;
  const institution = await institutionByCode(sql, input.institutionCode.trim(), 'institutionCode');
  requireManager(viewer, institution.key);
  const code = publicCode(input.code);
  const category = (await taxonomy.current()).resolve(input.categoryCode, 'categoryCode');
  try {
    return await sql.transaction(async (transaction) => {
      const [row] = await transaction.rows(
        `INSERT INTO service (code, name, name_en, description, institution_id, category_id, delivery_mode, fee, eligible_scales, min_specialization)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::enterprise_scale[], $10) RETURNING *`,
        [
          code,
          serviceName(input.name),
          serviceNameEn(input.nameEn),
          serviceDescription(input.description),
          institution.key,
          category.key,
          input.deliveryMode,
          input.fee,
          input.eligibleScales ?? [],
          input.minSpecialization ?? SpecializationLevel.NONE,
        ],
      );
      const created = sql.hydrator(Service)(row);
      await recordAudit(transaction, viewer, [
        {
          action: 'service.create',
          entityType: 'service',
          entityCode: created.code,
          changes: fieldChanges(
            null,
            auditedService(created, institution.code, category.code),
            SERVICE_AUDIT_FIELDS,
          ),
        },
      ]);
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'service_code_key'))
      throw conflict(`a service with code ${code} exists already`);
    throw error;
  }
}

export async function updateService(
  context: ServiceContext,
  input: UpdateServiceInput,
): Promise<Service> {
  const { sql, viewer, taxonomy } = context;
  const catalog = await taxonomy.current();
  return sql.transaction(async (transaction) => {
    // Locked, so that the audit trail's "before" is what this change replaced.
    const [current] = await transaction.rows(
      `SELECT s.*, i.code AS institution_code FROM service s JOIN institution i ON i.id = s.institution_id
        WHERE s.code = $1 FOR UPDATE OF s`,
      [input.code.trim()],
    );
    if (!current) throw notFound(`code ${quote(input.code)} names no service`, 'code');
    const service = sql.hydrator(Service)(current);
    requireManager(viewer, service.institutionId);

    const changes: ColumnChange[] = [];
    if (input.name !== undefined && input.name !== null)
      changes.push(['name', serviceName(input.name)]);
    if (input.nameEn !== undefined) changes.push(['name_en', serviceNameEn(input.nameEn)]);
    if (input.description !== undefined)
      changes.push(['description', serviceDescription(input.description)]);
    if (input.categoryCode)
      changes.push(['category_id', catalog.resolve(input.categoryCode, 'categoryCode').key]);
    if (input.deliveryMode) changes.push(['delivery_mode', input.deliveryMode]);
    if (input.fee) changes.push(['fee', input.fee]);
    if (input.eligibleScales)
      changes.push(['eligible_scales', input.eligibleScales, '::enterprise_scale[]']);
    if (input.minSpecialization) changes.push(['min_specialization', input.minSpecialization]);
    if (input.active !== undefined && input.active !== null) changes.push(['active', input.active]);
    const institutionCode = current.institution_code as string;
    return updateAudited(transaction, viewer, service, {
      table: 'service',
      entity: Service,
      changes,
      audited: (record: Service) =>
        auditedService(record, institutionCode, catalog.byKey.get(record.categoryId)?.code),
      fields: SERVICE_AUDIT_FIELDS,
    });
  });
}
