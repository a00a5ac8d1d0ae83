// A part of the seeded network for tests that seed a database of their own: one province and
// the national centre — quick to seed, the same rules.
import type { NetworkPlan } from '../../src/seed/network-plan';
import { planFromDivisions } from '../../src/seed/seed';

let whole: NetworkPlan | undefined;

/** The plan of the province whose codes start with `prefix` (e.g. '44'), with the national centre. */
export function provincePlan(prefix: string): NetworkPlan {
  whole ??= planFromDivisions();
  const inProvince = (code: string | null) => code === null || code.startsWith(prefix);
  const institutions = whole.institutions.filter((row) => inProvince(row.regionCode));
  const codes = new Set(institutions.map((row) => row.code));
  return {
    ...whole,
    regions: whole.regions.filter((row) => inProvince(row.code)),
    institutions,
    services: whole.services.filter((row) => codes.has(row.institutionCode)),
  };
}
