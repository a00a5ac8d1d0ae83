// Making pilot cities (ADMIN): one per division, a prefecture-level division or a district of a
// municipality, with its batch, dates, target and funds; audited in the same transaction.
import { fieldChanges, recordAudit } from '../db/audit-trail';
import { isUniqueViolation } from '../db/unique-violation';
import { normalizeRegionCode } from '../regions/region-code';
import { RegionLevel } from '../regions/region-level';
import { badInput, conflict, notFound, quote } from '../schema/errors';
import { yuan } from '../schema/yuan';
import type { PilotContext } from './pilot.context';
import { PilotCity } from './pilot-city.entity';
import type { CreatePilotCityInput } from './pilot.types';
import { DEFAULT_SUBSIDY_RULE } from './subsidy-rule';

/** The four municipalities: their districts are cities of their own for the pilots. */
const MUNICIPALITIES = new Set(['110000', '120000', '310000', '500000']);

const MAX_BATCH = 100;
const AUDITED = [
  'batch',
  'startsOn',
  'endsOn',
  'targetEnterprises',
  'fundsAllocatedYuan',
  'reservePercent',
  'subsidyRule',
] as const;
const MAX_TARGET = 1_000_000;

/** A Date scalar's day, YYYY-MM-DD. */
const dayOf = (date: Date) => date.toISOString().slice(0, 10);

export async function createPilotCity(
  context: PilotContext,
  input: CreatePilotCityInput,
): Promise<PilotCity> {
  const { sql, viewer, regions } = context;
  const regionCode = normalizeRegionCode(input.regionCode, 'regionCode');
  const region = await regions.byCode(regionCode);
  if (!region) {
    throw notFound(
      `regionCode ${quote(input.regionCode)} names no GB/T 2260 division`,
      'regionCode',
    );
  }
  const municipalDistrict =
    region.level === RegionLevel.COUNTY && MUNICIPALITIES.has(region.parentCode ?? '');
  if (region.level !== RegionLevel.PREFECTURE && !municipalDistrict) {
    throw badInput(
      `regionCode ${regionCode} (${region.name}) is a ${region.level.toLowerCase()}-level division: a pilot city is a prefecture-level division, e.g. 440300, or a district of Beijing, Tianjin, Shanghai or Chongqing, e.g. 110112`,
      'regionCode',
    );
  }
  if (!Number.isInteger(input.batch) || input.batch < 1 || input.batch > MAX_BATCH) {
    throw badInput(`batch must be from 1 to ${MAX_BATCH}, got ${input.batch}`, 'batch');
  }
  const startsOn = dayOf(input.startsOn);
  const endsOn = dayOf(input.endsOn);
  if (endsOn <= startsOn) {
    throw badInput(`endsOn (${endsOn}) must come after startsOn (${startsOn})`, 'endsOn');
  }
  if (
    !Number.isInteger(input.targetEnterprises) ||
    input.targetEnterprises < 1 ||
    input.targetEnterprises > MAX_TARGET
  ) {
    throw badInput(
      `targetEnterprises must be from 1 to ${MAX_TARGET}, got ${input.targetEnterprises}`,
      'targetEnterprises',
    );
  }
  const funds = yuan(input.fundsAllocatedYuan, 'fundsAllocatedYuan');

  try {
    return await sql.transaction(async (transaction) => {
      const [row] = await transaction.rows(
        `INSERT INTO pilot_city (region_code, batch, starts_on, ends_on, target_enterprises, funds_allocated_yuan, subsidy_rule)
         VALUES ($1, $2, $3, $4, $5, $6::numeric, $7::jsonb) RETURNING *`,
        [
          regionCode,
          input.batch,
          startsOn,
          endsOn,
          input.targetEnterprises,
          funds,
          JSON.stringify(DEFAULT_SUBSIDY_RULE),
        ],
      );
      const city = transaction.hydrator(PilotCity)(row);
      // Days as written (pg reads a date as a Date at local midnight).
      Object.assign(city, { startsOn, endsOn });
      await recordAudit(transaction, viewer, [
        {
          action: 'pilot.city.create',
          entityType: 'pilot_city',
          entityCode: regionCode,
          changes: fieldChanges<Record<string, unknown>>(
            null,
            { ...city, fundsAllocatedYuan: funds },
            AUDITED,
          ),
        },
      ]);
      return city;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'pilot_city_region_code_key')) {
      throw conflict(
        `${region.name} (${regionCode}) is a pilot city already: one pilot city per division`,
      );
    }
    throw error;
  }
}
