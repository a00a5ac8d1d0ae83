// The batched reads of policies, applications, their history and figures a request shares.
import { newLoader, rowsByUniqueKey, type LoaderSettings } from '../db/loaders';
import type { Sql } from '../db/sql';
import { PolicyApplicationChange } from './policy-application-change.entity';
import { PolicyApplication } from './policy-application.entity';
import { Policy } from './policy.entity';
import { figuresByPolicy } from './policy.queries';
import type { PolicyFigures } from './policy.types';

export function createPolicyLoaders(sql: Sql, settings: LoaderSettings) {
  const byKey = rowsByUniqueKey(sql, Policy, 'id', 'int', (row) => row.key, settings);
  const byCode = rowsByUniqueKey(sql, Policy, 'code', 'text', (row) => row.code, settings);
  const applicationByKey = rowsByUniqueKey(
    sql,
    PolicyApplication,
    'id',
    'int',
    (row) => row.key,
    settings,
  );
  return {
    byKey,
    byCode,
    /** Remembers policies a list or a match already read, so that their fields cost no statement. */
    prime(policies: Policy[]) {
      for (const policy of policies) {
        byKey.prime(policy.key, policy);
        byCode.prime(policy.code, policy);
      }
    },
    applicationByKey,
    primeApplications(applications: PolicyApplication[]) {
      for (const application of applications) applicationByKey.prime(application.key, application);
    },
    /** Every status change of each application, oldest first. */
    history: newLoader<number, PolicyApplicationChange[]>(settings, async (keys) => {
      const rows = await sql.rows(
        'SELECT * FROM policy_application_change WHERE application_id = ANY($1::int[]) ORDER BY application_id, id',
        [keys],
      );
      const hydrate = sql.hydrator(PolicyApplicationChange);
      const groups = new Map<number, PolicyApplicationChange[]>();
      for (const change of rows.map(hydrate))
        groups.set(change.applicationId, [...(groups.get(change.applicationId) ?? []), change]);
      return keys.map((key) => groups.get(key) ?? []);
    }),
    figures: newLoader<number, PolicyFigures>(settings, (keys) => figuresByPolicy(sql, keys)),
  };
}

export type PolicyLoaders = ReturnType<typeof createPolicyLoaders>;
