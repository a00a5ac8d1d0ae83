// Publishing and withdrawing policies. Publishing an AUTOMATIC policy that is open today entitles
// every eligible enterprise in the same transaction (policy-entitlements.ts); one that opens later
// is entitled by the job queue on its day. Withdrawing ends the open applications and unpaid
// entitlements, DECLINED with the note "policy withdrawn"; approvals already made stand.
import { requireAdmin, requireGovernorOf } from '../auth/permissions';
import { actorName } from '../auth/viewer';
import { fieldChanges, recordAudit } from '../db/audit-trail';
import type { SqlTransaction } from '../db/sql';
import { conflict, notFound, quote } from '../schema/errors';
import { publicCode } from '../schema/input';
import { beijingDayOf } from '../working-calendar/calendar-days';
import { policyApplicationLifecycle } from './policy-application-lifecycle';
import { entitleEligible, lockEntitlements } from './policy-entitlements';
import { PolicyApplicationStatus, PolicyDelivery, PolicyStatus } from './policy-enums';
import { policyDraft, type PolicyDraft } from './policy-input';
import type { PublishPolicyInput } from './policy.inputs';
import type { PolicyContext } from './policy.context';
import { Policy } from './policy.entity';
import { scheduleOpening } from './policy-opening';
import { tellOfApplicationChanges } from './policy-webhooks';

export const WITHDRAWN_NOTE = 'policy withdrawn';

const AUDITED = [
  'title',
  'regionCode',
  'issuer',
  'categoryCode',
  'benefitKind',
  'maxAmountYuan',
  'delivery',
  'eligibleScales',
  'minDesignation',
  'industryCodes',
  'pilotOnly',
  'opensOn',
  'closesOn',
  'guide',
] as const;

/** FORBIDDEN unless the viewer may act for the issuing region (national: ADMIN only). */
function requireIssuer(context: PolicyContext, regionCode: string | null, action: string): void {
  if (regionCode === null) requireAdmin(context.viewer, `${action} national policies`);
  else
    requireGovernorOf(
      context.viewer,
      regionCode,
      `${action} policies of ${regionCode}`,
      'the policy',
    );
}

/** The policy with `code`, its row locked until the transaction ends; NOT_FOUND if none. */
export async function lockedPolicyByCode(
  transaction: SqlTransaction,
  code: string,
  field = 'code',
): Promise<Policy> {
  const [row] = await transaction.rows('SELECT * FROM policy WHERE code = $1 FOR UPDATE', [code]);
  if (!row) throw notFound(`${field} ${quote(code)} names no policy`, field);
  return transaction.hydrator(Policy)(row);
}

async function checkedDraft(
  context: PolicyContext,
  input: PublishPolicyInput,
): Promise<PolicyDraft> {
  const draft = policyDraft(input, beijingDayOf(context.clock()));
  if (draft.regionCode !== null && !(await context.regions.byCode(draft.regionCode))) {
    throw notFound(
      `regionCode ${quote(input.regionCode ?? '')} names no division that issues policies: use a province, a real prefecture or a county (pseudo-prefectures such as 4290 are not divisions)`,
      'regionCode',
    );
  }
  return draft;
}

export async function publishPolicy(
  context: PolicyContext,
  input: PublishPolicyInput,
): Promise<Policy> {
  const { sql, viewer, taxonomy } = context;
  const draft = await checkedDraft(context, input);
  requireIssuer(context, draft.regionCode, 'publish');
  const category = (await taxonomy.current()).resolve(draft.categoryCode, 'categoryCode');
  const now = context.clock();
  const today = beijingDayOf(now);
  const automatic = draft.delivery === PolicyDelivery.AUTOMATIC;
  return sql.transaction(async (transaction) => {
    // Before the policy exists: a grant racing this publication either committed already (and
    // the entitling statement below sees it) or waits, then sees this policy (see the lock's file).
    if (automatic) await lockEntitlements(transaction, 'exclusive');
    const [row] = await transaction.rows(
      `INSERT INTO policy (code, title, region_code, issuer, category_id, benefit_kind, max_amount_yuan,
                           delivery, eligible_scales, min_designation, industry_codes, pilot_only,
                           opens_on, closes_on, status, guide_beneficiaries, guide_conditions,
                           guide_materials, guide_office, guide_phone, published_by_api_key_id, entitled_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::numeric, $8, $9::enterprise_scale[], $10, $11::text[], $12,
               $13::date, $14::date, 'PUBLISHED', $15, $16, $17, $18, $19, $20, $21)
       ON CONFLICT ON CONSTRAINT policy_code_key DO NOTHING
       RETURNING *`,
      [
        draft.code,
        draft.title,
        draft.regionCode,
        draft.issuer,
        category.key,
        draft.benefitKind,
        draft.maxAmountYuan,
        draft.delivery,
        draft.eligibleScales,
        draft.minDesignation,
        draft.industryCodes,
        draft.pilotOnly,
        draft.opensOn,
        draft.closesOn,
        draft.guide.beneficiaries,
        draft.guide.conditions,
        draft.guide.materials,
        draft.guide.office,
        draft.guide.phone,
        viewer.apiKeyId,
        automatic && draft.opensOn <= today ? now : null,
      ],
    );
    if (!row)
      throw conflict(`code ${quote(draft.code)} already names a policy: choose another code`);
    const policy = transaction.hydrator(Policy)(row);
    if (automatic && draft.opensOn <= today) {
      await entitleEligible(transaction, { policyIds: [policy.key] }, now);
    } else if (automatic) {
      await scheduleOpening(transaction, draft.opensOn);
    }
    await recordAudit(transaction, viewer, [
      {
        action: 'policy.publish',
        entityType: 'policy',
        entityCode: policy.code,
        changes: fieldChanges(null, { ...draft }, [...AUDITED]),
      },
    ]);
    return policy;
  });
}

export async function withdrawPolicy(context: PolicyContext, code: string): Promise<Policy> {
  const { sql, viewer } = context;
  const policyCode = publicCode(code, 'code');
  return sql.transaction(async (transaction) => {
    // Exclusive: no grant entitles anyone to this policy while it is being withdrawn.
    await lockEntitlements(transaction, 'exclusive');
    const policy = await lockedPolicyByCode(transaction, policyCode);
    requireIssuer(context, policy.regionCode, 'withdraw');
    // Withdrawing a withdrawn policy again is a retry: nothing changes.
    if (policy.status === PolicyStatus.WITHDRAWN) return policy;
    const { ENTITLED, SUBMITTED, DECLINED } = PolicyApplicationStatus;
    policyApplicationLifecycle.check(ENTITLED, DECLINED, ['SYSTEM']);
    policyApplicationLifecycle.check(SUBMITTED, DECLINED, ['SYSTEM']);
    const ended = await transaction.rows<{
      id: number;
      apiKeyId: number | null;
      previous: PolicyApplicationStatus;
    }>(
      `WITH ended AS (
         UPDATE policy_application a SET status = 'DECLINED', updated_at = now()
           FROM policy_application before
          WHERE a.id = before.id AND a.policy_id = $1 AND a.status IN ('ENTITLED', 'SUBMITTED')
         RETURNING a.id, a.api_key_id, before.status AS previous),
       change AS (
         INSERT INTO policy_application_change (application_id, status, actor, note)
         SELECT id, 'DECLINED', $2, $3 FROM ended)
       SELECT id, api_key_id AS "apiKeyId", previous FROM ended ORDER BY id`,
      [policy.key, actorName(viewer), WITHDRAWN_NOTE],
    );
    await tellOfApplicationChanges(
      transaction,
      ended.map((row) => ({
        id: row.id,
        apiKeyId: row.apiKeyId,
        policyCode: policy.code,
        status: DECLINED,
        previousStatus: row.previous,
      })),
    );
    const [row] = await transaction.rows(
      `UPDATE policy SET status = 'WITHDRAWN', withdrawn_at = now(), updated_at = now() WHERE id = $1 RETURNING *`,
      [policy.key],
    );
    await recordAudit(transaction, viewer, [
      {
        action: 'policy.withdraw',
        entityType: 'policy',
        entityCode: policy.code,
        changes: {
          status: { before: PolicyStatus.PUBLISHED, after: PolicyStatus.WITHDRAWN },
          applicationsDeclined: { before: 0, after: ended.length },
        },
      },
    ]);
    return transaction.hydrator(Policy)(row);
  });
}
