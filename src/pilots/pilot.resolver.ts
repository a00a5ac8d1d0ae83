// Pilot cities in GraphQL: pilotCity, pilotCities, a city's fields (its progress and enterprises)
// and the pilots' mutations.
import type { GraphQLResolveInfo } from 'graphql';
import { DateResolver } from 'graphql-scalars';
import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  Float,
  Info,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Allow } from '../auth/permissions';
import { Role } from '../auth/role';
import { normalizeRegionCode } from '../regions/region-code';
import { Region } from '../regions/region.entity';
import { badInput } from '../schema/errors';
import { CacheEffect, ChangesCache } from '../schema/field-policy';
import { BY_ROW_ID, PageArgs, pageWindow, toConnection } from '../schema/pagination';
import { selects } from '../schema/selection';
import { PilotCityConnection, PilotEnterpriseConnection } from './pilot.connection';
import type { PilotContext } from './pilot.context';
import { PilotCity } from './pilot-city.entity';
import { createPilotCity } from './pilot-city.commands';
import {
  acceptPilotProject,
  dayText,
  enrolPilotEnterprise,
  recordPilotDiagnosis,
  startPilotProject,
  withdrawPilotEnterprise,
} from './pilot-enterprise.commands';
import { PilotStage } from './pilot-enums';
import { smePoolLeftYuan, smePoolYuan } from './pilot-money';
import { enterprisePagesByCity, listPilotCities } from './pilot.queries';
import { progressOf } from './pilot-progress';
import {
  AcceptPilotProjectInput,
  CreatePilotCityInput,
  EnrolPilotEnterpriseInput,
  PilotCityPayload,
  PilotEnterprisePayload,
  PilotProgress,
  RecordPilotDiagnosisInput,
  StartPilotProjectInput,
  WithdrawPilotEnterpriseInput,
} from './pilot.types';

const GOVERNORS = [Role.AUTHORITY, Role.ADMIN] as const;
const GOVERNORS_REFUSAL = {
  who: 'AUTHORITY keys of a region containing the city, or ADMIN keys,',
};

@Resolver(() => PilotCity)
export class PilotCityResolver {
  @Query(() => PilotCity, {
    nullable: true,
    description: 'The pilot city of a division (2-, 4- or 6-digit code); null if it is none.',
  })
  pilotCity(
    @Arg('regionCode', { description: 'The city’s region code, e.g. 440300.' }) regionCode: string,
    @Ctx() { pilots }: PilotContext,
  ): Promise<PilotCity | null> {
    return pilots.cityByRegion.load(normalizeRegionCode(regionCode, 'regionCode'));
  }

  @Query(() => PilotCityConnection, {
    description:
      'Pilot cities, in the order they were made; regionCode: those in that region and below it.',
  })
  async pilotCities(
    @Args() page: PageArgs,
    @Arg('batch', () => Int, { nullable: true, description: 'Only cities of this batch.' })
    batch: number | null,
    @Arg('regionCode', () => String, {
      nullable: true,
      description: 'Only cities in this region and below it (2-, 4- or 6-digit code).',
    })
    regionCode: string | null,
    @Ctx() context: PilotContext,
  ): Promise<PilotCityConnection> {
    if (batch !== null && batch !== undefined && (!Number.isInteger(batch) || batch < 1)) {
      throw badInput(`batch must be 1 or more, got ${batch}`, 'batch');
    }
    const region =
      regionCode === null || regionCode === undefined
        ? null
        : normalizeRegionCode(regionCode, 'regionCode');
    const window = pageWindow(page, BY_ROW_ID, 'Query.pilotCities');
    return toConnection(await listPilotCities(context, batch ?? null, region, window), window);
  }

  @FieldResolver(() => Region, {
    description: 'A prefecture-level division, or a district of a municipality.',
  })
  async region(@Root() city: PilotCity, @Ctx() { regions }: PilotContext): Promise<Region> {
    return (await regions.byCode(city.regionCode))!;
  }

  @FieldResolver(() => DateResolver, { description: 'First day of the pilot (Beijing).' })
  startsOn(@Root() city: PilotCity): string {
    return dayText(city.startsOn);
  }

  @FieldResolver(() => DateResolver, {
    description: 'Last day of the pilot; enrolment closes after it.',
  })
  endsOn(@Root() city: PilotCity): string {
    return dayText(city.endsOn);
  }

  @FieldResolver(() => Float, { description: 'Central funds allocated to the city, yuan.' })
  fundsAllocatedYuan(@Root() city: PilotCity): number {
    return Number(city.fundsAllocatedYuan);
  }

  @FieldResolver(() => Int, {
    description:
      'Percent of the funds kept for public services (公共服务); the rest is the SME pool.',
  })
  reservePercent(@Root() city: PilotCity): number {
    return city.reservePercent;
  }

  @FieldResolver(() => Float, {
    description:
      'The SME pool: the funds less the public-services reserve, yuan (whole fen, rounded down).',
  })
  smePoolYuan(@Root() city: PilotCity): number {
    return smePoolYuan(city);
  }

  @FieldResolver(() => Float, {
    description: 'What the SME pool still holds for subsidies, yuan: acceptances never take more.',
  })
  smePoolLeftYuan(@Root() city: PilotCity): number {
    return smePoolLeftYuan(city);
  }

  @FieldResolver(() => PilotProgress, {
    description: 'Its enterprises by stage reached, and the subsidies paid.',
  })
  async progress(@Root() city: PilotCity, @Ctx() { pilots }: PilotContext): Promise<PilotProgress> {
    return progressOf(await pilots.progressByArea.load(city.regionCode));
  }

  @FieldResolver(() => PilotEnterpriseConnection, {
    description: 'Its enterprises, in enrolment order.',
  })
  enterprises(
    @Root() city: PilotCity,
    @Args() page: PageArgs,
    @Arg('stage', () => [PilotStage], {
      nullable: true,
      description: 'Only enterprises at any of these stages.',
    })
    stage: PilotStage[] | null,
    @Ctx() context: PilotContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<PilotEnterpriseConnection> {
    const window = pageWindow(page, BY_ROW_ID, 'PilotCity.enterprises');
    const withTotals = selects(info, 'totalCount');
    return context.connections
      .get<number, PilotEnterpriseConnection>(
        'PilotCity.enterprises',
        { page, stage, withTotals },
        async (keys) =>
          (await enterprisePagesByCity(context, keys, stage, window, withTotals)).map((keyed) =>
            toConnection(keyed, window),
          ),
      )
      .load(city.key);
  }

  // Pilot lists are published: every write changes what anonymous readers see.
  @ChangesCache(CacheEffect.PUBLIC_DATA)
  @Allow([Role.ADMIN], 'create pilot cities')
  @Mutation(() => PilotCityPayload, { description: 'ADMIN: a new pilot city, one per division.' })
  async createPilotCity(
    @Arg('input', () => CreatePilotCityInput, { description: 'The city.' })
    input: CreatePilotCityInput,
    @Ctx() context: PilotContext,
  ) {
    return { pilotCity: await createPilotCity(context, input) };
  }

  @ChangesCache(CacheEffect.PUBLIC_DATA)
  @Allow(GOVERNORS, 'enrol pilot enterprises', GOVERNORS_REFUSAL)
  @Mutation(() => PilotEnterprisePayload, {
    description:
      'AUTHORITY of a region containing the city, or ADMIN: enrols an enterprise located in the city’s region, until the city’s end date; one pilot at a time per enterprise; idempotent per key.',
  })
  async enrolPilotEnterprise(
    @Arg('input', () => EnrolPilotEnterpriseInput, { description: 'The city and the enterprise.' })
    input: EnrolPilotEnterpriseInput,
    @Ctx() context: PilotContext,
  ) {
    return { pilotEnterprise: await enrolPilotEnterprise(context, input) };
  }

  @ChangesCache(CacheEffect.PUBLIC_DATA)
  @Allow(GOVERNORS, 'record pilot diagnoses', GOVERNORS_REFUSAL)
  @Mutation(() => PilotEnterprisePayload, {
    description:
      'AUTHORITY of a region containing the city, or ADMIN: ENROLLED → DIAGNOSED, the level found by an active MARKET agency of the city’s province.',
  })
  async recordPilotDiagnosis(
    @Arg('input', () => RecordPilotDiagnosisInput, { description: 'The level and who found it.' })
    input: RecordPilotDiagnosisInput,
    @Ctx() context: PilotContext,
  ) {
    return { pilotEnterprise: await recordPilotDiagnosis(context, input) };
  }

  @ChangesCache(CacheEffect.PUBLIC_DATA)
  @Allow(GOVERNORS, 'start pilot projects', GOVERNORS_REFUSAL)
  @Mutation(() => PilotEnterprisePayload, {
    description:
      'AUTHORITY of a region containing the city, or ADMIN: DIAGNOSED → IN_TRANSFORMATION, with its provider and cost.',
  })
  async startPilotProject(
    @Arg('input', () => StartPilotProjectInput, { description: 'The provider and the cost.' })
    input: StartPilotProjectInput,
    @Ctx() context: PilotContext,
  ) {
    return { pilotEnterprise: await startPilotProject(context, input) };
  }

  @ChangesCache(CacheEffect.PUBLIC_DATA)
  @Allow(GOVERNORS, 'accept pilot projects', GOVERNORS_REFUSAL)
  @Mutation(() => PilotEnterprisePayload, {
    description:
      'Computes the subsidy by the city’s rule; the city’s funds are never overspent. AUTHORITY of a region containing the city, or ADMIN: IN_TRANSFORMATION → ACCEPTED at the level reached (at least the level found); CONFLICT, saying what is left, when the SME pool cannot pay the subsidy.',
  })
  async acceptPilotProject(
    @Arg('input', () => AcceptPilotProjectInput, { description: 'The level reached.' })
    input: AcceptPilotProjectInput,
    @Ctx() context: PilotContext,
  ) {
    return { pilotEnterprise: await acceptPilotProject(context, input) };
  }

  @ChangesCache(CacheEffect.PUBLIC_DATA)
  @Allow(GOVERNORS, 'withdraw pilot enterprises', GOVERNORS_REFUSAL)
  @Mutation(() => PilotEnterprisePayload, {
    description:
      'AUTHORITY of a region containing the city, or ADMIN: from any stage but ACCEPTED, with a reason.',
  })
  async withdrawPilotEnterprise(
    @Arg('input', () => WithdrawPilotEnterpriseInput, { description: 'The reason.' })
    input: WithdrawPilotEnterpriseInput,
    @Ctx() context: PilotContext,
  ) {
    return { pilotEnterprise: await withdrawPilotEnterprise(context, input) };
  }
}

/** Pilot city and pilot enterprise nodes for `node(id)`: published, so anyone sees them. */
export const pilotNodes = {
  PilotCity: ({ pilots }: PilotContext, key: string) => pilots.cityByKey.load(Number(key)),
  PilotEnterprise: ({ pilots }: PilotContext, key: string) =>
    pilots.enterpriseByKey.load(Number(key)),
};
