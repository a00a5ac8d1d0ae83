// The one-stop lookup: "I am an SME in this region with this need — who serves me?"
// One statement whatever the region and limit: every tier's matches at once (one-stop.queries.ts).
// The region chain and the taxonomy come from the process's reference data.
import { InstitutionKind } from '../institutions/institution-enums';
import type { Region } from '../regions/region.entity';
import { normalizeRegionCode } from '../regions/region-code';
import { badInput, notFound, quote } from '../schema/errors';
import { searchText } from '../schema/input';
import { SpecializationLevel } from '../services/eligibility';
import type { ServiceContext } from '../services/service.context';
import type { ServiceCategory } from '../services/service-category.entity';
import type { Taxonomy } from '../services/taxonomy';
import { escalationChain } from './escalation-chain';
import { findOneStopRows, type OneStopRow } from './one-stop.queries';
import { matchReason } from './one-stop.reasons';
import {
  DEFAULT_EVENTS_PER_TIER,
  DEFAULT_LIMIT_PER_TIER,
  MAX_EVENTS_PER_TIER,
  MAX_LIMIT_PER_TIER,
  type OneStopInput,
  type OneStopMatch,
  type OneStopResult,
} from './one-stop.types';

function limitPerTier(value: number | null | undefined): number {
  if (value === null || value === undefined) return DEFAULT_LIMIT_PER_TIER;
  if (!Number.isInteger(value) || value < 1 || value > MAX_LIMIT_PER_TIER) {
    throw badInput(
      `limitPerTier must be between 1 and ${MAX_LIMIT_PER_TIER}, got ${value}`,
      'limitPerTier',
    );
  }
  return value;
}

function eventsPerTier(value: number | null | undefined): number {
  if (value === null || value === undefined) return DEFAULT_EVENTS_PER_TIER;
  if (!Number.isInteger(value) || value < 0 || value > MAX_EVENTS_PER_TIER) {
    throw badInput(
      `eventsPerTier must be between 0 and ${MAX_EVENTS_PER_TIER}, got ${value}`,
      'eventsPerTier',
    );
  }
  return value;
}

/** The category asked for, or null; BAD_USER_INPUT if malformed, NOT_FOUND if unknown. */
function askedCategory(input: OneStopInput, taxonomy: Taxonomy): ServiceCategory | null {
  return input.categoryCode === null || input.categoryCode === undefined
    ? null
    : taxonomy.resolve(input.categoryCode, 'categoryCode');
}

/** The 18 characters of a Unified Social Credit Code (GB 32100-2015), its check left to the registry. */
const CREDIT_CODE_FORM = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/**
 * The standing the lookup matches by: with a credit code, what the registry verifies today (an
 * enterprise it does not hold is NONE); without one, the declared level of a visitor exploring.
 */
async function standingAsked(
  context: OneStopContext,
  input: OneStopInput,
): Promise<SpecializationLevel> {
  if (input.creditCode === null || input.creditCode === undefined) {
    return input.specialization ?? SpecializationLevel.NONE;
  }
  const creditCode = input.creditCode.trim().toUpperCase();
  if (!CREDIT_CODE_FORM.test(creditCode)) {
    throw badInput(
      `creditCode ${quote(input.creditCode)} is not a Unified Social Credit Code: 18 characters of 0-9 and A-Y without I, O, S, V, Z, e.g. 91440300MA5FXXXX0X`,
      'creditCode',
    );
  }
  return context.registry.levelOf(context.sql, creditCode);
}

/** What the lookup needs of a request: the services' context (regions, taxonomy, loaders). */
export type OneStopContext = ServiceContext;

export async function oneStopLookup(
  context: OneStopContext,
  input: OneStopInput,
): Promise<OneStopResult> {
  const { sql } = context;
  const code = normalizeRegionCode(input.regionCode, 'regionCode');
  const limit = limitPerTier(input.limitPerTier);
  const events = eventsPerTier(input.eventsPerTier);
  const search = searchText(input.search, 'search');

  const [taxonomy, regions, specialization] = await Promise.all([
    context.taxonomy.current(),
    context.regions.chain(code),
    standingAsked(context, input),
  ]);
  const asked = askedCategory(input, taxonomy);
  if (regions.length === 0) {
    throw notFound(
      `regionCode ${quote(input.regionCode)} names no GB/T 2260 division: use a province, prefecture or county code such as 44, 4419 or 441900`,
      'regionCode',
    );
  }
  const regionByCode = new Map(regions.map((region) => [region.code, region]));
  const chain = escalationChain(regions);

  const categoryKeys = asked ? taxonomy.subtreeKeys(asked) : null;
  const rows = await findOneStopRows(sql, chain, {
    categoryKeys,
    scale: input.scale ?? null,
    specialization,
    deliveryMode: input.deliveryMode ?? null,
    search,
    limitPerTier: limit,
  });
  context.institutions.prime(rows.map((row) => row.institution));
  context.services.prime(rows.flatMap((row) => (row.service ? [row.service] : [])));

  const origin = regionByCode.get(code)!;
  const toMatch = (
    row: OneStopRow & { service: NonNullable<OneStopRow['service']> },
  ): OneStopMatch => ({
    service: row.service,
    institution: row.institution,
    distance: row.distance,
    reason: matchReason({
      institution: row.institution,
      service: row.service,
      region: row.institution.regionCode
        ? (regionByCode.get(row.institution.regionCode) as Region)
        : null,
      origin,
      distance: row.distance,
      category: taxonomy.byKey.get(row.service.categoryId)!,
      askedCategory: asked,
      scale: input.scale ?? null,
      specialization: input.creditCode ? specialization : (input.specialization ?? null),
    }),
  });

  const tiers = chain.map((step) => {
    const ofStep = rows.filter((row) => row.distance === step.distance);
    return {
      tier: step.tier,
      institution:
        ofStep.find((row) => row.institution.kind === InstitutionKind.PUBLIC)?.institution ?? null,
      matches: ofStep
        .filter(
          (row): row is OneStopRow & { service: NonNullable<OneStopRow['service']> } =>
            row.service !== null,
        )
        .map(toMatch),
      eventQuery: {
        regionCode: step.regionCode,
        scale: input.scale ?? null,
        specialization,
        categoryKeys,
        eventsPerTier: events,
      },
    };
  });
  return { region: origin, tiers, matches: tiers.flatMap((tier) => tier.matches) };
}
