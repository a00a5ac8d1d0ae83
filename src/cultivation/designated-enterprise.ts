// The enterprise a programme names (a published list of designations, a pilot's enrolment): its
// fields checked the same way wherever it is named, and the enterprise upserted by its credit code
// as referrals do (the latest naming's name, scale and region win, its industry when given —
// unless a published list holds the enterprise: then the registry's stand). The
// level it declares is never written: the registry decides it (registry-today.ts).
import type { SqlRunner } from '../db/sql';
import { parseCreditCode } from '../referrals/credit-code';
import { normalizeRegionCode } from '../regions/region-code';
import { requiredText, shownText } from '../schema/input';
import type { EnterpriseScale } from '../services/eligibility';
import type { DesignatedEnterpriseInput } from './designation.inputs';
import { parseIndustryCode } from './industry-classification';

/** A designated enterprise, checked and in canonical form. */
export interface DesignatedEnterprise {
  creditCode: string;
  name: string;
  regionCode: string;
  scale: EnterpriseScale;
  industryCode: string | null;
}

/**
 * The input's enterprise, checked field by field (BAD_USER_INPUT naming `<prefix>.<field>`).
 * Whether the region code names a division is the caller's to check.
 */
export function designatedEnterprise(
  input: DesignatedEnterpriseInput,
  prefix = 'enterprise',
): DesignatedEnterprise {
  return {
    creditCode: parseCreditCode(input.creditCode, `${prefix}.creditCode`),
    name: shownText(requiredText(input.name, `${prefix}.name`, 200), `${prefix}.name`)!,
    regionCode: normalizeRegionCode(input.regionCode, `${prefix}.regionCode`),
    scale: input.scale,
    industryCode:
      input.industryCode === null || input.industryCode === undefined
        ? null
        : parseIndustryCode(input.industryCode, `${prefix}.industryCode`),
  };
}

/** Inserts the enterprise or updates the one with its credit code; its row id. */
export async function upsertDesignatedEnterprise(
  transaction: SqlRunner,
  enterprise: DesignatedEnterprise,
): Promise<number> {
  const [{ id }] = await transaction.rows<{ id: number }>(
    `INSERT INTO enterprise (credit_code, name, scale, region_code, industry_code) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (credit_code) DO UPDATE
       SET name = CASE WHEN enterprise.registry_listed_at IS NULL THEN EXCLUDED.name ELSE enterprise.name END,
           scale = CASE WHEN enterprise.registry_listed_at IS NULL THEN EXCLUDED.scale ELSE enterprise.scale END,
           region_code = CASE WHEN enterprise.registry_listed_at IS NULL THEN EXCLUDED.region_code ELSE enterprise.region_code END,
           industry_code = CASE WHEN enterprise.registry_listed_at IS NULL
                                THEN coalesce(EXCLUDED.industry_code, enterprise.industry_code)
                                ELSE enterprise.industry_code END,
           updated_at = now()
     RETURNING id`,
    [
      enterprise.creditCode,
      enterprise.name,
      enterprise.scale,
      enterprise.regionCode,
      enterprise.industryCode,
    ],
  );
  return id;
}
