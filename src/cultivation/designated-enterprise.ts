// The enterprise a programme names (a published list of designations, a pilot's enrolment): its
// fields checked the same way wherever it is named, and the enterprise upserted by its credit code
// as referrals do (the latest naming's name, scale and region win; its industry when given). The
// level it declares is never written: the registry decides it (registry-today.ts).
import { Field, InputType } from 'type-graphql';
import type { SqlRunner } from '../db/sql';
import { parseCreditCode } from '../referrals/credit-code';
import { normalizeRegionCode } from '../regions/region-code';
import { requiredText, shownText } from '../schema/input';
import { EnterpriseScale } from '../services/eligibility';
import { parseIndustryCode } from './industry-classification';

@InputType({ description: 'An enterprise as a published list or an enrolment names it.' })
export class DesignatedEnterpriseInput {
  @Field({
    description: '18-character Unified Social Credit Code; its check character is verified.',
  })
  creditCode!: string;

  @Field({ description: 'Registered name.' })
  name!: string;

  @Field({ description: 'Where it is registered: a 2-, 4- or 6-digit GB/T 2260 code.' })
  regionCode!: string;

  @Field(() => EnterpriseScale, { description: 'Size class.' })
  scale!: EnterpriseScale;

  @Field(() => String, {
    nullable: true,
    description: 'GB/T 4754-2017 code of its industry (a division or finer), e.g. C3670.',
  })
  industryCode?: string | null;
}

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
       SET name = EXCLUDED.name, scale = EXCLUDED.scale, region_code = EXCLUDED.region_code,
           industry_code = coalesce(EXCLUDED.industry_code, enterprise.industry_code), updated_at = now()
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
