// The enterprise a request names (a referral, an event registration): its fields checked the same
// way wherever it is named, and the enterprise upserted by its credit code (the latest
// submission's name, scale, standing and region win, unless the registry lists it).
import type { SqlRunner } from '../db/sql';
import { normalizeRegionCode } from '../regions/region-code';
import { badInput } from '../schema/errors';
import { optionalText, requiredText } from '../schema/input';
import { SpecializationLevel } from '../services/eligibility';
import { parseCreditCode } from './credit-code';
import type { EnterpriseInput } from './referral.types';

/** An enterprise as a request names it, checked and in canonical form. */
export interface EnterpriseDetails {
  creditCode: string;
  name: string;
  scale: EnterpriseInput['scale'];
  specialization: SpecializationLevel;
  regionCode: string;
  // Personal data: kept on the referral or registration, never on the enterprise.
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
}

function phone(value: string | null | undefined): string | null {
  const trimmed = optionalText(value, 'enterprise.contactPhone', 30);
  if (trimmed !== null && !/^\+?[0-9][0-9 ()-]{4,28}$/.test(trimmed)) {
    throw badInput(
      'enterprise.contactPhone must be a phone number such as 0769-22123456 or 13800138000',
      'enterprise.contactPhone',
    );
  }
  return trimmed;
}

/**
 * The input's enterprise, checked field by field (BAD_USER_INPUT naming `enterprise.<field>`).
 * The region code's form is checked here; whether it names a division, by the caller.
 */
export function enterpriseDetails(input: EnterpriseInput): EnterpriseDetails {
  // The key order is part of the referrals' request hash: keep it.
  return {
    creditCode: parseCreditCode(input.creditCode, 'enterprise.creditCode'),
    name: requiredText(input.name, 'enterprise.name', 200),
    scale: input.scale,
    specialization: input.specialization ?? SpecializationLevel.NONE,
    regionCode: normalizeRegionCode(input.regionCode, 'enterprise.regionCode'),
    contactName: optionalText(input.contactName, 'enterprise.contactName', 100),
    contactPhone: phone(input.contactPhone),
    contactEmail: input.contactEmail?.trim().toLowerCase() || null,
  };
}

/** What a request or a programme says of an enterprise, for upsertEnterprise. */
export interface EnterpriseNaming {
  creditCode: string;
  name: string;
  scale: EnterpriseDetails['scale'];
  regionCode: string;
  /** The standing a partner declares; a programme declares none (the registry decides it). */
  specialization?: SpecializationLevel;
  /** Its GB/T 4754 class, when the naming gives one; else the one it has stays. */
  industryCode?: string | null;
}

/**
 * Inserts the enterprise or updates the one with its credit code; its row id. Once the registry
 * lists an enterprise (registry_listed_at), its name, region, scale and industry are the
 * registry's: only a declared standing follows the partner. The upsert locks the enterprise's row
 * until the caller's transaction ends, so a revocation (which locks it too) waits or is seen.
 */
export async function upsertEnterprise(
  transaction: SqlRunner,
  enterprise: EnterpriseNaming,
): Promise<number> {
  const [{ id }] = await transaction.rows<{ id: number }>(
    `INSERT INTO enterprise (credit_code, name, scale, region_code, specialization, industry_code)
     VALUES ($1, $2, $3, $4, coalesce($5::specialization_level, 'NONE'), $6)
     ON CONFLICT (credit_code) DO UPDATE
       SET name = CASE WHEN enterprise.registry_listed_at IS NULL THEN EXCLUDED.name ELSE enterprise.name END,
           scale = CASE WHEN enterprise.registry_listed_at IS NULL THEN EXCLUDED.scale ELSE enterprise.scale END,
           region_code = CASE WHEN enterprise.registry_listed_at IS NULL THEN EXCLUDED.region_code ELSE enterprise.region_code END,
           industry_code = CASE WHEN enterprise.registry_listed_at IS NULL
                                THEN coalesce(EXCLUDED.industry_code, enterprise.industry_code)
                                ELSE enterprise.industry_code END,
           specialization = coalesce($5::specialization_level, enterprise.specialization),
           updated_at = now()
     RETURNING id`,
    [
      enterprise.creditCode,
      enterprise.name,
      enterprise.scale,
      enterprise.regionCode,
      enterprise.specialization ?? null,
      enterprise.industryCode ?? null,
    ],
  );
  return id;
}
