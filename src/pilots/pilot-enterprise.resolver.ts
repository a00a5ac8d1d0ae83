// A pilot enterprise's fields: its city, enterprise, providers, money and history; and what a
// provider delivered in pilots (Institution.pilotRecord), declared here so that institutions
// need not know pilots.
import { Ctx, FieldResolver, Float, Int, Resolver, Root } from 'type-graphql';
import { Institution } from '../institutions/institution.entity';
import { Enterprise } from '../referrals/enterprise.entity';
import { yuanOf } from '../schema/yuan';
import type { PilotContext } from './pilot.context';
import { PilotCity } from './pilot-city.entity';
import { PilotEnterprise } from './pilot-enterprise.entity';
import { PilotStageChange } from './pilot-stage-change.entity';
import { PilotRecord } from './pilot.types';

@Resolver(() => PilotEnterprise)
export class PilotEnterpriseResolver {
  @FieldResolver(() => PilotCity, { description: 'The pilot city it is enrolled in.' })
  async city(@Root() pilot: PilotEnterprise, @Ctx() { pilots }: PilotContext): Promise<PilotCity> {
    return (await pilots.cityByKey.load(pilot.cityId))!;
  }

  @FieldResolver(() => Enterprise, { description: 'The enterprise.' })
  async enterprise(
    @Root() pilot: PilotEnterprise,
    @Ctx() { referrals }: PilotContext,
  ): Promise<Enterprise> {
    return (await referrals.enterpriseByKey.load(pilot.enterpriseId))!;
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'Digital level (数字化水平, 1 to 4) found by the diagnosis.',
  })
  levelBefore(@Root() pilot: PilotEnterprise): number | null {
    return pilot.levelBefore;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Digital level reached at acceptance.' })
  levelAfter(@Root() pilot: PilotEnterprise): number | null {
    return pilot.levelAfter;
  }

  @FieldResolver(() => Institution, {
    nullable: true,
    description: 'The MARKET agency that made the diagnosis.',
  })
  diagnosedBy(
    @Root() pilot: PilotEnterprise,
    @Ctx() { institutions }: PilotContext,
  ): Promise<Institution | null> | null {
    return pilot.diagnosedById === null ? null : institutions.byKey.load(pilot.diagnosedById);
  }

  @FieldResolver(() => Institution, {
    nullable: true,
    description:
      'The MARKET agency that carries out the transformation project (an active one in the city’s province).',
  })
  provider(
    @Root() pilot: PilotEnterprise,
    @Ctx() { institutions }: PilotContext,
  ): Promise<Institution | null> | null {
    return pilot.providerId === null ? null : institutions.byKey.load(pilot.providerId);
  }

  @FieldResolver(() => Float, { nullable: true, description: 'What the project costs, yuan.' })
  projectCostYuan(@Root() pilot: PilotEnterprise): number | null {
    return yuanOf(pilot.projectCostYuan);
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description:
      'Paid at acceptance: min(50 % of the project cost, the cap of the level reached) by the default rule, in whole fen.',
  })
  subsidyYuan(@Root() pilot: PilotEnterprise): number | null {
    return yuanOf(pilot.subsidyYuan);
  }

  @FieldResolver(() => [PilotStageChange], {
    description: 'Every stage it moved to, oldest first.',
  })
  history(
    @Root() pilot: PilotEnterprise,
    @Ctx() { pilots }: PilotContext,
  ): Promise<PilotStageChange[]> {
    return pilots.history.load(pilot.key);
  }
}

@Resolver(() => Institution)
export class InstitutionPilotRecordResolver {
  @FieldResolver(() => PilotRecord, {
    description:
      'What it delivered as a provider of digital-transformation pilots: enterprises it diagnosed, its accepted projects and the mean level they gained — so that a city can compare providers.',
  })
  pilotRecord(
    @Root() institution: Institution,
    @Ctx() { pilots }: PilotContext,
  ): Promise<PilotRecord> {
    return pilots.recordByInstitution.load(institution.key);
  }
}
