// The network as an import finds it, read inside the import's transaction: the institutions and
// services the file names (locked, so that what is compared is what gets replaced) and every
// PUBLIC centre (for the tree rules). Three statements whatever the size of the file.
import type { SqlRunner, SqlTransaction } from '../db/sql';
import type { InstitutionKind, InstitutionTier } from '../institutions/institution-enums';
import type { InstitutionValues, ServiceValues } from './row-checks';

export interface ExistingInstitution {
  id: number;
  tier: InstitutionTier;
  kind: InstitutionKind;
  regionCode: string | null;
  /** The fields the audit trail compares, named as the API names them. */
  audited: InstitutionValues;
}

export interface ExistingService {
  id: number;
  audited: ServiceValues;
}

export interface PublicCentre {
  code: string;
  regionCode: string | null;
}

export async function institutionsByCode(
  sql: SqlTransaction,
  codes: readonly string[],
): Promise<Map<string, ExistingInstitution>> {
  const rows = await sql.rows<ExistingInstitution['audited'] & { id: number; code: string }>(
    `SELECT i.id, i.code, i.name, i.name_en AS "nameEn", i.tier, i.kind, i.region_code AS "regionCode",
            p.code AS "parentCode", i.phone, i.email, i.website, i.address, i.latitude, i.longitude, i.active
       FROM institution i LEFT JOIN institution p ON p.id = i.parent_id
      WHERE i.code = ANY($1::text[])
      ORDER BY i.id
        FOR UPDATE OF i`,
    [codes],
  );
  return new Map(
    rows.map(({ id, code, ...audited }) => [
      code,
      { id, tier: audited.tier, kind: audited.kind, regionCode: audited.regionCode, audited },
    ]),
  );
}

export async function servicesByCode(
  sql: SqlTransaction,
  codes: readonly string[],
): Promise<Map<string, ExistingService>> {
  const rows = await sql.rows<ExistingService['audited'] & { id: number; code: string }>(
    `SELECT s.id, s.code, i.code AS "institutionCode", s.name, s.name_en AS "nameEn", s.description,
            c.code AS "categoryCode", s.delivery_mode AS "deliveryMode", s.fee,
            s.eligible_scales::text[] AS "eligibleScales", s.min_specialization AS "minSpecialization", s.active
       FROM service s JOIN institution i ON i.id = s.institution_id
       JOIN service_category c ON c.id = s.category_id
      WHERE s.code = ANY($1::text[])
      ORDER BY s.id
        FOR UPDATE OF s`,
    [codes],
  );
  return new Map(rows.map(({ id, code, ...audited }) => [code, { id, audited }]));
}

export function publicCentres(sql: SqlRunner): Promise<PublicCentre[]> {
  return sql.rows<PublicCentre>(
    `SELECT code, region_code AS "regionCode" FROM institution WHERE kind = 'PUBLIC'`,
  );
}
