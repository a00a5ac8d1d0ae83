// importNetwork: the import engine behind an ADMIN key (the CLI is src/app/cli/import.ts).
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { requireAdmin } from '../auth/permissions';
import { importNetwork } from './network-import';
import type { NetworkImportContext } from './network-import.context';
import { ImportNetworkInput, ImportReport } from './network-import.types';

/** An import changes what anonymous readers see: response caches are emptied after it. */
export const networkImportPublicWrites = ['importNetwork'];

/** A mutation of importNetwork alone runs under the import's time limit, not REQUEST_TIMEOUT_MS. */
export const networkImportLongRunning = ['importNetwork'];

@Resolver()
export class NetworkImportResolver {
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
    requireAdmin(context.viewer, 'import the network');
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
