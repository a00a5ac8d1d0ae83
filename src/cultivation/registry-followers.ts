// What follows a change of the registry in its own transaction, in programmes above cultivation
// (policies' no-application entitlements): they are handed in by src/app, so that the registry
// need not know them and every grant, renewal, revocation and exit tells them alike.
import type { SqlTransaction } from '../db/sql';

export interface RegistryFollowers {
  /** After designations were granted or renewed to these enterprises. */
  granted(transaction: SqlTransaction, enterpriseIds: readonly number[]): Promise<unknown>;
  /** After designations of these enterprises were revoked or exited, for `note`'s reason. */
  ended(
    transaction: SqlTransaction,
    enterpriseIds: readonly number[],
    note: string,
  ): Promise<unknown>;
}
