import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../schema/context';
import { createService, updateService } from '../services/service-admin';
import {
  CreateServiceInput,
  ServicePayload,
  UpdateServiceInput,
} from '../services/service-admin.types';
import { createInstitution, moveInstitution, updateInstitution } from './institution-admin';
import {
  CreateInstitutionInput,
  InstitutionPayload,
  MoveInstitutionInput,
  UpdateInstitutionInput,
} from './institution-admin.types';

/** Mutations that keep the network itself up to date. */
@Resolver()
export class NetworkAdminResolver {
  @Mutation(() => InstitutionPayload, {
    description: 'ADMIN. Keeping the network itself up to date.',
  })
  async createInstitution(
    @Arg('input', () => CreateInstitutionInput) input: CreateInstitutionInput,
    @Ctx() context: RequestContext,
  ) {
    return { institution: await createInstitution(context, input) };
  }

  @Mutation(() => InstitutionPayload, {
    description: "ADMIN, or INSTITUTION_STAFF for its own institution's contact details.",
  })
  async updateInstitution(
    @Arg('input', () => UpdateInstitutionInput) input: UpdateInstitutionInput,
    @Ctx() context: RequestContext,
  ) {
    return { institution: await updateInstitution(context, input) };
  }

  @Mutation(() => InstitutionPayload, {
    description: 'ADMIN. Re-parents an institution; tier and region rules still hold afterwards.',
  })
  async moveInstitution(
    @Arg('input', () => MoveInstitutionInput) input: MoveInstitutionInput,
    @Ctx() context: RequestContext,
  ) {
    return { institution: await moveInstitution(context, input) };
  }

  @Mutation(() => ServicePayload, {
    description: 'ADMIN, or INSTITUTION_STAFF for its own institution.',
  })
  async createService(
    @Arg('input', () => CreateServiceInput) input: CreateServiceInput,
    @Ctx() context: RequestContext,
  ) {
    return { service: await createService(context, input) };
  }

  @Mutation(() => ServicePayload, {
    description: 'ADMIN, or INSTITUTION_STAFF for its own institution.',
  })
  async updateService(
    @Arg('input', () => UpdateServiceInput) input: UpdateServiceInput,
    @Ctx() context: RequestContext,
  ) {
    return { service: await updateService(context, input) };
  }
}
