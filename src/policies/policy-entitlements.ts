// No-application payouts (免申即享): entitlements made by the registry's word, set-based. Three
// moments make them — publishing an open AUTOMATIC policy, the policy's opening day (the job
// queue), a designation granted while such a policy is open — and a revoked or exited designation
// ends the unpaid ones it rested on.
//
// Why a lock: publishing and granting run in separate READ COMMITTED transactions, and each one's
// statement sees only what had committed when it began. A grant whose statement ran before the
// policy committed, and a publication whose statement ran before the grant committed, would
// each miss the other, and the enterprise would never be entitled. So they serialize on one
// transaction-level advisory lock: whoever changes a policy (publish, withdraw, the opening day)
// takes it exclusively before writing the policy; a grant takes it shared before reading the
// policies (grants do not wait for one another). The second to take it starts its statement
// after the first committed, and sees what the first wrote. Doubles cannot happen anyway: one
// application per enterprise and policy (a unique constraint), inserted ON CONFLICT DO NOTHING.
import type { SqlRunner, SqlTransaction } from '../db/sql';
import { payDeadlineFrom } from './pay-by';
import {
  APPLIES_IN_CHAIN,
  MEETS_CONDITIONS,
  OPEN_TODAY,
  ENTERPRISE_JOINS,
} from './policy-eligibility';
import { PolicyApplicationStatus } from './policy-enums';
import { policyApplicationLifecycle } from './policy-application-lifecycle';
import { tellOfApplicationChanges } from './policy-webhooks';

/** The advisory lock key of entitlements: "POLICY" in ASCII, as a 48-bit number. */
export const ENTITLEMENT_LOCK = 0x504f4c494359;

/** The actor history rows name for what the registry and the calendar did. */
export const SYSTEM_ACTOR = 'system';

const { ENTITLED, DECLINED } = PolicyApplicationStatus;

/** Held until the transaction ends: exclusively by changes to policies, shared by grants. */
export async function lockEntitlements(
  transaction: SqlTransaction,
  mode: 'exclusive' | 'shared',
): Promise<void> {
  await transaction.run(
    mode === 'exclusive'
      ? 'SELECT pg_advisory_xact_lock($1::bigint)'
      : 'SELECT pg_advisory_xact_lock_shared($1::bigint)',
    [ENTITLEMENT_LOCK],
  );
}

interface EntitlementScope {
  /** Only these policies (row ids); all open AUTOMATIC policies when absent. */
  policyIds?: readonly number[];
  /** Only these enterprises (row ids); every enterprise when absent. */
  enterpriseIds?: readonly number[];
}

/**
 * Entitles every enterprise the registry shows eligible today for every open AUTOMATIC policy in
 * scope, in one statement (with the history lines); the caller holds the entitlement lock.
 * Returns how many were entitled.
 */
export async function entitleEligible(
  transaction: SqlTransaction,
  scope: EntitlementScope,
  now: Date = new Date(),
  /** Webhooks for the entitlements: off only for the seed (history, before any subscriber). */
  { tell = true }: { tell?: boolean } = {},
): Promise<number> {
  const { payBy, provisional } = await payDeadlineFrom(transaction, now);
  const parameters: unknown[] = [now, payBy, provisional, SYSTEM_ACTOR];
  const within: string[] = [];
  if (scope.policyIds) {
    parameters.push(scope.policyIds);
    within.push(`p.id = ANY($${parameters.length}::int[])`);
  }
  if (scope.enterpriseIds) {
    parameters.push(scope.enterpriseIds);
    within.push(`e.id = ANY($${parameters.length}::int[])`);
  }
  const entitled = await transaction.rows<{ id: number; code: string }>(
    `WITH entitled AS (
       INSERT INTO policy_application (policy_id, enterprise_id, delivery, status, pay_from, pay_by, provisional_pay_by)
       SELECT p.id, e.id, 'AUTOMATIC', 'ENTITLED', $1::timestamptz, $2::date, $3::boolean
         FROM policy p CROSS JOIN enterprise e
         ${ENTERPRISE_JOINS}
        WHERE p.delivery = 'AUTOMATIC' AND ${OPEN_TODAY} AND ${APPLIES_IN_CHAIN} AND ${MEETS_CONDITIONS}
          ${within.map((condition) => `AND ${condition}`).join(' ')}
        ORDER BY p.id, e.id
       ON CONFLICT ON CONSTRAINT policy_application_enterprise_key DO NOTHING
       RETURNING id, policy_id),
     change AS (
       INSERT INTO policy_application_change (application_id, status, actor, at)
       SELECT id, 'ENTITLED', $4, $1::timestamptz FROM entitled)
     SELECT x.id, p.code FROM entitled x JOIN policy p ON p.id = x.policy_id ORDER BY x.id`,
    parameters,
  );
  if (!tell) return entitled.length;
  await tellOfApplicationChanges(
    transaction,
    entitled.map((row) => ({
      id: row.id,
      apiKeyId: null,
      policyCode: row.code,
      status: ENTITLED,
      previousStatus: null,
    })),
  );
  return entitled.length;
}

/**
 * For the registry's grants (and renewals): entitles these enterprises to every open AUTOMATIC
 * policy they now qualify for, in the grant's transaction, after the designations are written.
 */
export async function entitleNewlyEligible(
  transaction: SqlTransaction,
  enterpriseIds: readonly number[],
  now: Date = new Date(),
): Promise<number> {
  if (enterpriseIds.length === 0) return 0;
  await lockEntitlements(transaction, 'shared');
  return entitleEligible(transaction, { enterpriseIds }, now);
}

/**
 * For the registry's revocations and exits: the unpaid entitlements of these enterprises whose
 * policy they no longer qualify for end DECLINED with `note`, in the change's transaction, after
 * the designations are written. Returns how many ended.
 */
export async function endEntitlementsOf(
  transaction: SqlRunner,
  enterpriseIds: readonly number[],
  note: string,
): Promise<number> {
  if (enterpriseIds.length === 0) return 0;
  policyApplicationLifecycle.check(ENTITLED, DECLINED, ['SYSTEM']);
  const ended = await transaction.rows<{ id: number; code: string }>(
    `WITH ended AS (
       UPDATE policy_application a SET status = 'DECLINED', updated_at = now()
         FROM policy p, enterprise e ${ENTERPRISE_JOINS}
        WHERE a.policy_id = p.id AND a.enterprise_id = e.id AND e.id = ANY($1::int[])
          AND a.status = 'ENTITLED' AND NOT ${MEETS_CONDITIONS}
       RETURNING a.id, p.code),
     change AS (
       INSERT INTO policy_application_change (application_id, status, actor, note)
       SELECT id, 'DECLINED', $2, $3 FROM ended)
     SELECT id, code FROM ended ORDER BY id`,
    [enterpriseIds, SYSTEM_ACTOR, note],
  );
  await tellOfApplicationChanges(
    transaction,
    ended.map((row) => ({
      id: row.id,
      apiKeyId: null,
      policyCode: row.code,
      status: DECLINED,
      previousStatus: ENTITLED,
    })),
  );
  return ended.length;
}
