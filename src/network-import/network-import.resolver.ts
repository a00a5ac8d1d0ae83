// importNetwork: the import engine behind an ADMIN key (the CLI is src/app/cli/import.ts).
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Allow } from '../auth/permissions';
import { Role } from '../auth/role';
import { CacheEffect, ChangesCache, LongRunning } from '../schema/field-policy';
import { IMPORT_TIME_LIMIT_MS, importNetwork } from './network-import';
import type { NetworkImportContext } from './network-import.context';
import { ImportNetworkInput, ImportReport } from './network-import.types';

@Resolver()
export class NetworkImportResolver {
  // The import announces its change itself, in the transaction that commits it (its CLI too).
  @ChangesCache(CacheEffect.ANNOUNCED_BY_COMMIT)
  // Sent alone, it runs under the import's time limit rather than REQUEST_TIMEOUT_MS.
  @LongRunning(IMPORT_TIME_LIMIT_MS)
  @Allow([Role.ADMIN], 'import the network')
  @Mutation(() => ImportReport, {
    description:
      'ADMIN. Creates or updates institutions and services from CSV; one transaction, nothing written if any row fails.',
  })
  async importNetwork(
    @Arg('input', () => ImportNetworkInput, {
      description: 'The CSV text and whether to only check it.',
    })
    input: ImportNetworkInput,
    @Ctx() context: NetworkImportContext,
  ): Promise<ImportReport> {
    return importNetwork({
      sql: context.sql,
      regions: context.regions,
      taxonomy: context.taxonomy,
      actor: context.viewer,
      csv: input.csv,
      dryRun: input.dryRun ?? false,
      source: 'importNetwork',
    });
  }
}
