// The enterprise a programme names (a published list of designations, a pilot's enrolment): its
// fields checked the same way wherever it is named; it is upserted as referrals upsert theirs
// (upsertEnterprise: the latest naming wins, its industry when given, unless a published list
// holds the enterprise). The level it declares is never written: the registry decides it
// (registry-today.ts).
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
