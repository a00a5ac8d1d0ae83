// The writes of an import, in the caller's transaction, one statement per table and step whatever
// the size of the file: new institutions tier by tier from the top (centres before the agencies
// attached to them, so that each statement finds its rows' parents, new or old, by code), then
// the changed ones (parents included), then new and changed services.
import type { SqlRunner } from '../db/sql';
import { InstitutionKind, InstitutionTier } from '../institutions/institution-enums';
import type { Change } from './import-plan';
import type { InstitutionValues, ServiceValues } from './row-checks';

const TIERS = [
  InstitutionTier.NATIONAL,
  InstitutionTier.PROVINCIAL,
  InstitutionTier.MUNICIPAL,
  InstitutionTier.COUNTY,
];

/** An institution as the bulk statements write it: its code and values, its parent by code. */
export type InstitutionRecord = InstitutionValues & { code: string };

export const institutionRecords = (
  rows: readonly Change<InstitutionValues>[],
): InstitutionRecord[] => rows.map(({ code, values }) => ({ ...values, code }));

function institutionArrays(rows: readonly InstitutionRecord[]): unknown[] {
  const of = <K extends keyof InstitutionRecord>(key: K) => rows.map((row) => row[key]);
  return [
    of('code'),
    of('name'),
    of('nameEn'),
    of('tier'),
    of('kind'),
    of('regionCode'),
    of('parentCode'),
    of('phone'),
    of('email'),
    of('website'),
    of('address'),
    of('latitude'),
    of('longitude'),
    of('active'),
  ];
}

const INSTITUTION_ROWS = `unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
               $8::text[], $9::text[], $10::text[], $11::text[], $12::float8[], $13::float8[], $14::bool[])
        WITH ORDINALITY AS x(code, name, name_en, tier, kind, region_code, parent_code,
                             phone, email, website, address, latitude, longitude, active, n)`;

/**
 * Inserts new institutions (the import's, and the seed's); returns how many. Codes must be new:
 * a taken one fails the statement.
 */
export async function createInstitutions(
  sql: SqlRunner,
  rows: readonly InstitutionRecord[],
): Promise<number> {
  let created = 0;
  for (const tier of TIERS) {
    for (const kind of [InstitutionKind.PUBLIC, InstitutionKind.MARKET]) {
      const group = rows.filter((row) => row.tier === tier && row.kind === kind);
      if (group.length === 0) continue;
      const { rowCount } = await sql.run(
        `INSERT INTO institution (code, name, name_en, tier, kind, region_code, parent_id,
                                  phone, email, website, address, latitude, longitude, active)
         SELECT x.code, x.name, x.name_en, x.tier::institution_tier, x.kind::institution_kind, x.region_code, parent.id,
                x.phone, x.email, x.website, x.address, x.latitude, x.longitude, x.active
           FROM ${INSTITUTION_ROWS}
           LEFT JOIN institution parent ON parent.code = x.parent_code
          ORDER BY x.n`,
        institutionArrays(group),
      );
      created += rowCount;
    }
  }
  return created;
}

export async function updateInstitutions(
  sql: SqlRunner,
  rows: readonly Change<InstitutionValues>[],
): Promise<void> {
  if (rows.length === 0) return;
  // Tier, kind and region never change through an import (the plan refuses it).
  await sql.run(
    `UPDATE institution i
        SET name = x.name, name_en = x.name_en, phone = x.phone, email = x.email, website = x.website,
            address = x.address, latitude = x.latitude, longitude = x.longitude, active = x.active,
            parent_id = (SELECT p.id FROM institution p WHERE p.code = x.parent_code),
            updated_at = now()
       FROM ${INSTITUTION_ROWS}
      WHERE i.code = x.code`,
    institutionArrays(institutionRecords(rows)),
  );
}

type ServiceChange = Change<ServiceValues & { categoryKey: number }>;

function serviceArrays(rows: readonly ServiceChange[]): unknown[] {
  const of = <K extends keyof ServiceChange['values']>(key: K) =>
    rows.map((row) => row.values[key]);
  return [
    rows.map((row) => row.code),
    of('name'),
    of('nameEn'),
    of('description'),
    of('institutionCode'),
    of('categoryKey'),
    of('deliveryMode'),
    of('fee'),
    // unnest cannot take a 2-D array of ragged lists: scales travel as '{MICRO,SMALL}' text
    rows.map((row) => `{${row.values.eligibleScales.join(',')}}`),
    of('minSpecialization'),
    of('active'),
  ];
}

const SERVICE_ROWS = `unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[],
               $8::text[], $9::text[], $10::text[], $11::bool[])
        WITH ORDINALITY AS x(code, name, name_en, description, institution_code, category_id, delivery_mode,
                             fee, eligible_scales, min_specialization, active, n)`;

export async function createServices(
  sql: SqlRunner,
  rows: readonly ServiceChange[],
): Promise<void> {
  if (rows.length === 0) return;
  await sql.run(
    `INSERT INTO service (code, name, name_en, description, institution_id, category_id,
                          delivery_mode, fee, eligible_scales, min_specialization, active)
     SELECT x.code, x.name, x.name_en, x.description, i.id, x.category_id, x.delivery_mode::delivery_mode,
            x.fee::fee_type, x.eligible_scales::enterprise_scale[], x.min_specialization::specialization_level, x.active
       FROM ${SERVICE_ROWS}
       JOIN institution i ON i.code = x.institution_code
      ORDER BY x.n`,
    serviceArrays(rows),
  );
}

export async function updateServices(
  sql: SqlRunner,
  rows: readonly ServiceChange[],
): Promise<void> {
  if (rows.length === 0) return;
  await sql.run(
    `UPDATE service s
        SET name = x.name, name_en = x.name_en, description = x.description, category_id = x.category_id,
            delivery_mode = x.delivery_mode::delivery_mode, fee = x.fee::fee_type,
            eligible_scales = x.eligible_scales::enterprise_scale[],
            min_specialization = x.min_specialization::specialization_level, active = x.active,
            updated_at = now()
       FROM ${SERVICE_ROWS}
      WHERE s.code = x.code`,
    serviceArrays(rows),
  );
}
