// Writes the planned network into the database. Idempotent: every row is keyed by its code and
// inserted only when missing (ON CONFLICT DO NOTHING), so a second run changes nothing and rows
// edited since are left as they are. One statement per table (and tier), in one transaction.
import { publishChange } from '../db/change-feed';
import type { Sql, SqlRunner } from '../db/sql';
import { InstitutionKind, InstitutionTier } from '../institutions/institution-enums';
import { loadDivisions } from './divisions';
import { planNetwork, type NetworkPlan } from './network-plan';

export interface SeedCounts {
  regions: number;
  categories: number;
  institutions: number;
  services: number;
}

export function planFromDivisions(): NetworkPlan {
  return planNetwork(loadDivisions());
}

/** True when the database holds no institution yet. */
export async function isNetworkEmpty(sql: SqlRunner): Promise<boolean> {
  const [{ empty }] = await sql.rows<{ empty: boolean }>(
    'SELECT NOT EXISTS (SELECT 1 FROM institution) AS empty',
  );
  return empty;
}

/** Inserts whatever of the plan is missing; returns how many rows each table gained. */
export async function seedNetwork(
  sql: Sql,
  plan: NetworkPlan = planFromDivisions(),
): Promise<SeedCounts> {
  return sql.transaction(async (transaction) => {
    const counts = {
      regions: await insertRegions(transaction, plan),
      categories: await insertCategories(transaction, plan),
      institutions: await insertInstitutions(transaction, plan),
      services: await insertServices(transaction, plan),
    };
    // Running processes re-read regions and taxonomy once this commits.
    await publishChange(transaction, 'reference');
    return counts;
  });
}

const column = <T, K extends keyof T>(rows: T[], key: K) => rows.map((row) => row[key]);

async function inserted(sql: SqlRunner, text: string, parameters: unknown[]): Promise<number> {
  return (await sql.run(text, parameters)).rowCount;
}

async function insertRegions(sql: SqlRunner, { regions }: NetworkPlan): Promise<number> {
  // Parents precede children in the plan, and WITH ORDINALITY keeps that order on insert.
  return inserted(
    sql,
    `INSERT INTO region (code, name, name_en, level, parent_code)
     SELECT code, name, name_en, level::region_level, parent_code
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
            WITH ORDINALITY AS r(code, name, name_en, level, parent_code, n)
      ORDER BY n
     ON CONFLICT (code) DO NOTHING`,
    [
      column(regions, 'code'),
      column(regions, 'name'),
      column(regions, 'nameEn'),
      column(regions, 'level'),
      column(regions, 'parentCode'),
    ],
  );
}

async function insertCategories(sql: SqlRunner, { categories }: NetworkPlan): Promise<number> {
  let count = 0;
  // Top categories first, then sub-categories whose parent id is looked up by code.
  for (const rows of [
    categories.filter((c) => !c.parentCode),
    categories.filter((c) => c.parentCode),
  ]) {
    count += await inserted(
      sql,
      `INSERT INTO service_category (code, name, name_en, parent_id, position)
       SELECT c.code, c.name, c.name_en, parent.id, c.position
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[])
              WITH ORDINALITY AS c(code, name, name_en, parent_code, position, n)
         LEFT JOIN service_category parent ON parent.code = c.parent_code
        ORDER BY c.n
       ON CONFLICT (code) DO NOTHING`,
      [
        column(rows, 'code'),
        column(rows, 'name'),
        column(rows, 'nameEn'),
        column(rows, 'parentCode'),
        column(rows, 'position'),
      ],
    );
  }
  return count;
}

async function insertInstitutions(sql: SqlRunner, { institutions }: NetworkPlan): Promise<number> {
  let count = 0;
  // Tier by tier from the top, centres before the agencies attached to them, so that every
  // statement finds its rows' parents (inserted by an earlier one) by code.
  const groups = [
    InstitutionTier.NATIONAL,
    InstitutionTier.PROVINCIAL,
    InstitutionTier.MUNICIPAL,
    InstitutionTier.COUNTY,
  ].flatMap((tier) =>
    [InstitutionKind.PUBLIC, InstitutionKind.MARKET].map((kind) => ({ tier, kind })),
  );
  for (const { tier, kind } of groups) {
    const rows = institutions.filter(
      (institution) => institution.tier === tier && institution.kind === kind,
    );
    if (rows.length === 0) continue;
    count += await inserted(
      sql,
      `INSERT INTO institution (code, name, name_en, tier, kind, region_code, parent_id,
                                phone, email, website, address, latitude, longitude)
       SELECT i.code, i.name, i.name_en, i.tier::institution_tier, i.kind::institution_kind, i.region_code, parent.id,
              i.phone, i.email, i.website, i.address, i.latitude, i.longitude
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                     $8::text[], $9::text[], $10::text[], $11::text[], $12::float8[], $13::float8[])
              WITH ORDINALITY AS i(code, name, name_en, tier, kind, region_code, parent_code,
                                   phone, email, website, address, latitude, longitude, n)
         LEFT JOIN institution parent ON parent.code = i.parent_code
        ORDER BY i.n
       ON CONFLICT (code) DO NOTHING`,
      [
        column(rows, 'code'),
        column(rows, 'name'),
        column(rows, 'nameEn'),
        column(rows, 'tier'),
        column(rows, 'kind'),
        column(rows, 'regionCode'),
        column(rows, 'parentCode'),
        column(rows, 'phone'),
        column(rows, 'email'),
        column(rows, 'website'),
        column(rows, 'address'),
        column(rows, 'latitude'),
        column(rows, 'longitude'),
      ],
    );
  }
  return count;
}

async function insertServices(sql: SqlRunner, { services }: NetworkPlan): Promise<number> {
  return inserted(
    sql,
    `INSERT INTO service (code, name, name_en, description, institution_id, category_id,
                          delivery_mode, fee, eligible_scales, min_specialization, active)
     SELECT s.code, s.name, s.name_en, s.description, institution.id, category.id,
            s.delivery_mode::delivery_mode, s.fee::fee_type,
            -- unnest cannot take a 2-D array of ragged lists: scales travel as '{MICRO,SMALL}' text
            s.eligible_scales::enterprise_scale[], s.min_specialization::specialization_level, s.active
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                   $7::text[], $8::text[], $9::text[], $10::text[], $11::bool[])
            WITH ORDINALITY AS s(code, name, name_en, description, institution_code, category_code,
                                 delivery_mode, fee, eligible_scales, min_specialization, active, n)
       JOIN institution ON institution.code = s.institution_code
       JOIN service_category category ON category.code = s.category_code
      ORDER BY s.n
     ON CONFLICT (code) DO NOTHING`,
    [
      column(services, 'code'),
      column(services, 'name'),
      column(services, 'nameEn'),
      column(services, 'description'),
      column(services, 'institutionCode'),
      column(services, 'categoryCode'),
      column(services, 'deliveryMode'),
      column(services, 'fee'),
      services.map((service) => `{${service.eligibleScales.join(',')}}`),
      column(services, 'minSpecialization'),
      column(services, 'active'),
    ],
  );
}
