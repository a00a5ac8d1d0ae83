// What the pilots' tests share: a pilot city of their own (a prefecture no seeded pilot uses, in a
// province with MARKET agencies), keys of its province, of another province and of ADMIN, and the
// documents of the mutations.
import { createApiKey } from '../../src/auth/api-key.commands';
import type { Sql } from '../../src/db/sql';
import { bearer } from '../support/referral-fixtures';
import type { TestApi } from '../support/test-api';

export const ENROL = `mutation ($input: EnrolPilotEnterpriseInput!) {
  enrolPilotEnterprise(input: $input) { pilotEnterprise { id stage enterprise { creditCode } } } }`;
export const DIAGNOSE = `mutation ($input: RecordPilotDiagnosisInput!) {
  recordPilotDiagnosis(input: $input) { pilotEnterprise { id stage levelBefore diagnosedBy { code } } } }`;
export const START = `mutation ($input: StartPilotProjectInput!) {
  startPilotProject(input: $input) { pilotEnterprise { id stage projectCostYuan provider { code } } } }`;
export const ACCEPT = `mutation ($input: AcceptPilotProjectInput!) {
  acceptPilotProject(input: $input) { pilotEnterprise { id stage levelAfter subsidyYuan } } }`;
export const WITHDRAW = `mutation ($input: WithdrawPilotEnterpriseInput!) {
  withdrawPilotEnterprise(input: $input) { pilotEnterprise { id stage history { stage note actor } } } }`;
export const CREATE_CITY = `mutation ($input: CreatePilotCityInput!) {
  createPilotCity(input: $input) { pilotCity { id batch startsOn endsOn fundsAllocatedYuan smePoolYuan smePoolLeftYuan region { code } } } }`;

export interface PilotPlace {
  /** Prefectures free of pilot cities, in a province with at least two active MARKET agencies. */
  prefectures: string[];
  /** A county under prefectures[0]. */
  county: string;
  province: string;
  /** Active MARKET agencies of the province. */
  agencies: string[];
  /** A PUBLIC centre of the province. */
  centre: string;
  /** An active MARKET agency of another province, and that province. */
  foreignAgency: string;
  otherProvince: string;
}

export async function pilotPlace(sql: Sql): Promise<PilotPlace> {
  const [row] = await sql.rows<{ province: string; prefectures: string[]; agencies: string[] }>(
    `WITH free AS (
       SELECT left(r.code, 2) AS p, array_agg(r.code ORDER BY r.code) AS prefectures FROM region r
        WHERE r.level = 'PREFECTURE' AND NOT EXISTS (SELECT 1 FROM pilot_city c WHERE c.region_code = r.code)
          AND EXISTS (SELECT 1 FROM region k WHERE k.parent_code = r.code)
        GROUP BY 1 HAVING count(*) >= 4),
     agency AS (
       SELECT left(i.region_code, 2) AS p, array_agg(i.code ORDER BY i.code) AS agencies FROM institution i
        WHERE i.kind = 'MARKET' AND i.active AND i.region_code IS NOT NULL
        GROUP BY 1 HAVING count(*) >= 2)
     SELECT f.p || '0000' AS province, f.prefectures, a.agencies
       FROM free f JOIN agency a ON a.p = f.p ORDER BY f.p LIMIT 1`,
  );
  const [{ county }] = await sql.rows<{ county: string }>(
    'SELECT min(code) AS county FROM region WHERE parent_code = $1',
    [row.prefectures[0]],
  );
  const [{ centre }] = await sql.rows<{ centre: string }>(
    `SELECT min(code) AS centre FROM institution WHERE kind = 'PUBLIC' AND left(region_code, 2) = $1`,
    [row.province.slice(0, 2)],
  );
  const [foreign] = await sql.rows<{ code: string; province: string }>(
    `SELECT code, left(region_code, 2) || '0000' AS province FROM institution
      WHERE kind = 'MARKET' AND active AND left(region_code, 2) <> $1 ORDER BY code LIMIT 1`,
    [row.province.slice(0, 2)],
  );
  return {
    prefectures: row.prefectures,
    county,
    province: row.province,
    agencies: row.agencies,
    centre,
    foreignAgency: foreign.code,
    otherProvince: foreign.province,
  };
}

export async function pilotKeys(sql: Sql, tag: string, place: PilotPlace) {
  const make = async (role: string, name: string, regionCode?: string) =>
    bearer((await createApiKey(sql, { role, name: `${tag} ${name}`, regionCode })).key);
  return {
    admin: await make('ADMIN', 'ministry'),
    authority: await make('AUTHORITY', 'province department', place.province),
    otherAuthority: await make('AUTHORITY', 'other province department', place.otherProvince),
    partner: await make('PARTNER', 'partner'),
  };
}

/** YYYY-MM-DD `days` from today (UTC). */
export const day = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

export function cityInput(regionCode: string, overrides: Record<string, unknown> = {}) {
  return {
    regionCode,
    batch: 4,
    startsOn: day(-30),
    endsOn: day(700),
    targetEnterprises: 400,
    fundsAllocatedYuan: 150_000_000,
    ...overrides,
  };
}

export async function createCity(
  api: TestApi,
  admin: Record<string, string>,
  regionCode: string,
  overrides: Record<string, unknown> = {},
) {
  const { data, errors } = await api.graphql(
    CREATE_CITY,
    { input: cityInput(regionCode, overrides) },
    admin,
  );
  if (errors) throw new Error(errors[0].message);
  return data!.createPilotCity.pilotCity;
}

/** What a table holds about the pilots, to compare before and after a refusal. */
export async function pilotRows(sql: Sql) {
  const [row] = await sql.rows<Record<string, unknown>>(
    `SELECT (SELECT count(*)::int FROM pilot_city) AS cities,
            (SELECT jsonb_agg(to_jsonb(p) - 'updated_at' ORDER BY p.id) FROM pilot_enterprise p WHERE p.api_key_id IS NOT NULL) AS enterprises,
            (SELECT jsonb_agg(c.subsidy_paid_yuan ORDER BY c.id) FROM pilot_city c) AS paid,
            (SELECT count(*)::int FROM pilot_stage_change) AS history,
            (SELECT count(*)::int FROM audit_entry WHERE action LIKE 'pilot.%') AS audit`,
  );
  return row;
}
