// Applications (快申快享): a PARTNER (or ADMIN) applies for an enterprise, idempotently per key,
// while the policy's window is open and only when matching finds the enterprise eligible; the
// issuing region (an AUTHORITY over it, or ADMIN) approves with an amount or declines, then
// records the payout. Every change writes its history line, its audit entry and the partner's
// webhook in its own transaction. A change first takes the policy's row lock (shared), so a
// withdrawal (which takes it exclusively) and a change never interleave.
import { isPartner } from '../auth/permissions';
import { actorName } from '../auth/viewer';
import { recordAudit } from '../db/audit-trail';
import type { SqlRunner, SqlTransaction } from '../db/sql';
import { isUniqueViolation } from '../db/unique-violation';
import { parseIndustryCode } from '../cultivation/industry-classification';
import { parseCreditCode } from '../referrals/credit-code';
import { normalizeRegionCode } from '../regions/region-code';
import { DomainError, badInput, notFound, quote } from '../schema/errors';
import { createIdempotently, requestHash } from '../schema/idempotent-create';
import { optionalText, publicCode, requiredText, shownText } from '../schema/input';
import { requireNodeKey } from '../schema/global-id';
import { beijingDayOf } from '../working-calendar/calendar-days';
import { governsPolicyOf, canSeeApplication } from './application-visibility';
import { payDeadlineFrom } from './pay-by';
import { policyApplicationLifecycle } from './policy-application-lifecycle';
import { PolicyApplication } from './policy-application.entity';
import {
  PolicyApplicationStatus,
  PolicyDecision,
  PolicyDelivery,
  PolicyStatus,
} from './policy-enums';
import { dayOf, yuanAmount } from './policy-input';
import type {
  ApplyForPolicyInput,
  DecidePolicyApplicationInput,
  RecordPolicyPayoutInput,
} from './policy.inputs';
import type { PolicyContext } from './policy.context';
import { Policy } from './policy.entity';
import { matchPolicies } from './policy-matching';
import { tellOfApplicationChanges } from './policy-webhooks';
import { calendarDate } from './stored-values';

/** Why an application is refused, as `extensions.reason`. */
export enum ApplicationRefusal {
  NOT_ELIGIBLE = 'NOT_ELIGIBLE',
  WINDOW_CLOSED = 'WINDOW_CLOSED',
  POLICY_WITHDRAWN = 'POLICY_WITHDRAWN',
  AUTOMATIC_POLICY = 'AUTOMATIC_POLICY',
  ALREADY_APPLIED = 'ALREADY_APPLIED',
}

const refusal = (
  code: 'BAD_USER_INPUT' | 'CONFLICT',
  reason: ApplicationRefusal,
  message: string,
  field?: string,
  details: Record<string, unknown> = {},
) => new DomainError(code, message, field, { reason, ...details });

/** The policy with `code`, its row share-locked until the transaction ends; NOT_FOUND if none. */
async function sharedPolicyByCode(transaction: SqlTransaction, code: string): Promise<Policy> {
  const [row] = await transaction.rows('SELECT * FROM policy WHERE code = $1 FOR SHARE', [code]);
  if (!row) throw notFound(`policyCode ${quote(code)} names no policy`, 'policyCode');
  return transaction.hydrator(Policy)(row);
}

function checkOpenForApplications(policy: Policy, today: string): void {
  if (policy.status === PolicyStatus.WITHDRAWN)
    throw refusal(
      'CONFLICT',
      ApplicationRefusal.POLICY_WITHDRAWN,
      `policy ${policy.code} was withdrawn: it takes no applications`,
    );
  if (policy.delivery === PolicyDelivery.AUTOMATIC)
    throw refusal(
      'BAD_USER_INPUT',
      ApplicationRefusal.AUTOMATIC_POLICY,
      `policy ${policy.code} is AUTOMATIC (免申即享): eligible enterprises are entitled without applying — see policyMatches`,
      'policyCode',
    );
  const opens = calendarDate(policy.opensOn);
  const closes = calendarDate(policy.closesOn);
  if (today < opens || (closes !== null && today > closes))
    throw refusal(
      'BAD_USER_INPUT',
      ApplicationRefusal.WINDOW_CLOSED,
      `policy ${policy.code} takes applications from ${opens}${closes ? ` to ${closes}` : ''}; today is ${today} in Beijing`,
      'policyCode',
    );
}

/** The enterprise named, checked; the registry's record wins where it already holds one. */
function enterpriseNamed(input: ApplyForPolicyInput['enterprise']) {
  return {
    creditCode: parseCreditCode(input.creditCode, 'enterprise.creditCode'),
    name: shownText(requiredText(input.name, 'enterprise.name', 200), 'enterprise.name')!,
    regionCode: normalizeRegionCode(input.regionCode, 'enterprise.regionCode'),
    scale: input.scale,
    industryCode: input.industryCode?.trim()
      ? parseIndustryCode(input.industryCode, 'enterprise.industryCode')
      : null,
  };
}

export async function applyForPolicy(
  context: PolicyContext,
  input: ApplyForPolicyInput,
): Promise<PolicyApplication> {
  const { viewer, sql, regions } = context;
  const idempotencyKey = requiredText(input.idempotencyKey, 'idempotencyKey', 200);
  const policyCode = publicCode(input.policyCode, 'policyCode');
  const enterprise = enterpriseNamed(input.enterprise);
  if (!(await regions.byCode(enterprise.regionCode)))
    throw notFound(
      `enterprise.regionCode ${quote(input.enterprise.regionCode)} names no GB/T 2260 division`,
      'enterprise.regionCode',
    );
  const amountRequested =
    input.amountRequestedYuan === null || input.amountRequestedYuan === undefined
      ? null
      : yuanAmount(input.amountRequestedYuan, 'amountRequestedYuan');
  const apiKeyId = viewer.apiKeyId!;
  const hydrate = sql.hydrator(PolicyApplication);
  const request = {
    subject: 'policy application',
    idempotencyKey,
    requestHash: requestHash({ policyCode, enterprise, amountRequested }),
    existing: async (runner: SqlRunner) =>
      (
        await runner.rows(
          'SELECT * FROM policy_application WHERE api_key_id = $1 AND idempotency_key = $2',
          [apiKeyId, idempotencyKey],
        )
      ).map(hydrate)[0],
  };
  const today = beijingDayOf(context.clock());
  return createIdempotently(sql, request, async (transaction, replay) => {
    const policy = await sharedPolicyByCode(transaction, policyCode);
    const retry = await request.existing(transaction);
    if (retry) return replay(retry);
    checkOpenForApplications(policy, today);
    if (
      amountRequested !== null &&
      policy.maxAmountYuan !== null &&
      Number(amountRequested) > Number(policy.maxAmountYuan)
    )
      throw badInput(
        `amountRequestedYuan ${amountRequested} is above the policy's maximum of ${policy.maxAmountYuan} yuan`,
        'amountRequestedYuan',
      );
    // A new enterprise is recorded as named; one the registry holds keeps its record (a partner
    // cannot make an enterprise eligible by declaring another scale, region or industry).
    await transaction.run(
      `INSERT INTO enterprise (credit_code, name, scale, region_code, industry_code) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (credit_code) DO NOTHING`,
      [
        enterprise.creditCode,
        enterprise.name,
        enterprise.scale,
        enterprise.regionCode,
        enterprise.industryCode,
      ],
    );
    const { enterprise: found, matches } = await matchPolicies(
      context,
      enterprise.creditCode,
      { includeIneligible: true, policyId: policy.key },
      transaction,
    );
    const [match] = matches;
    if (!match)
      throw refusal(
        'BAD_USER_INPUT',
        ApplicationRefusal.NOT_ELIGIBLE,
        `policy ${policy.code} does not apply where enterprise ${enterprise.creditCode} is registered (${found.regionCode})`,
        'policyCode',
        { conditions: [] },
      );
    const failed = match.conditions.filter((condition) => !condition.met);
    if (failed.length > 0)
      throw refusal(
        'BAD_USER_INPUT',
        ApplicationRefusal.NOT_ELIGIBLE,
        `enterprise ${enterprise.creditCode} is not eligible for policy ${policy.code}: ${failed.map((condition) => condition.detail).join('; ')}`,
        'enterprise',
        { conditions: failed },
      );
    if (match.application)
      throw alreadyApplied(policy.code, enterprise.creditCode, match.application.status);
    try {
      const inserted = await transaction.rows(
        `WITH application AS (
           INSERT INTO policy_application (policy_id, enterprise_id, delivery, status, api_key_id,
                                           idempotency_key, request_hash, amount_requested_yuan)
           VALUES ($1, $2, 'APPLICATION', 'SUBMITTED', $3, $4, $5, $6::numeric)
           ON CONFLICT ON CONSTRAINT policy_application_idempotency_key DO NOTHING
           RETURNING *),
         change AS (
           INSERT INTO policy_application_change (application_id, status, actor)
           SELECT id, status, $7 FROM application)
         SELECT * FROM application`,
        [
          policy.key,
          found.id,
          apiKeyId,
          idempotencyKey,
          request.requestHash,
          amountRequested,
          actorName(viewer),
        ],
      );
      if (inserted.length === 0) return null;
      const application = hydrate(inserted[0]);
      await tellOfApplicationChanges(transaction, [
        {
          id: application.key,
          apiKeyId,
          policyCode: policy.code,
          status: application.status,
          previousStatus: null,
        },
      ]);
      await recordAudit(transaction, viewer, [
        {
          action: 'policyApplication.apply',
          entityType: 'policy_application',
          entityCode: String(application.key),
          changes: { status: { before: null, after: application.status } },
        },
      ]);
      return application;
    } catch (error) {
      // Another key applied for the same enterprise and policy at the same moment, and won.
      if (isUniqueViolation(error, 'policy_application_enterprise_key'))
        throw alreadyApplied(policy.code, enterprise.creditCode, null);
      throw error;
    }
  });
}

function alreadyApplied(
  policyCode: string,
  creditCode: string,
  status: PolicyApplicationStatus | null,
) {
  return refusal(
    'CONFLICT',
    ApplicationRefusal.ALREADY_APPLIED,
    `enterprise ${creditCode} already has an application to policy ${policyCode}${status ? ` (${status})` : ''}: one application per enterprise and policy`,
  );
}

/** The application and its policy, both locked; NOT_FOUND unless the viewer governs its policy. */
async function governedApplication(
  context: PolicyContext,
  transaction: SqlTransaction,
  applicationId: string,
): Promise<{ application: PolicyApplication; policy: Policy }> {
  const key = Number(requireNodeKey(applicationId, 'PolicyApplication', 'applicationId'));
  const [policyRow] = await transaction.rows(
    'SELECT * FROM policy WHERE id = (SELECT policy_id FROM policy_application WHERE id = $1) FOR SHARE',
    [key],
  );
  const [row] = policyRow
    ? await transaction.rows('SELECT * FROM policy_application WHERE id = $1 FOR UPDATE', [key])
    : [];
  const policy = policyRow ? transaction.hydrator(Policy)(policyRow) : null;
  const application = row ? transaction.hydrator(PolicyApplication)(row) : null;
  if (!policy || !application || !canSeeApplication(context.viewer, application, policy))
    throw notFound(
      `no policy application with id ${quote(applicationId)} is visible to this API key`,
      'applicationId',
    );
  // A partner sees its own application but does not decide it (its @Allow already says so).
  if (!governsPolicyOf(context.viewer, policy.regionCode) || isPartner(context.viewer))
    throw notFound(
      `no policy application with id ${quote(applicationId)} is governed by this API key`,
      'applicationId',
    );
  return { application, policy };
}

/** Moves the application, writes its history line, tells the partner, audits; returns it. */
async function moveApplication(
  context: PolicyContext,
  transaction: SqlTransaction,
  application: PolicyApplication,
  policy: Policy,
  to: PolicyApplicationStatus,
  set: Record<string, unknown>,
  note: string | null,
): Promise<PolicyApplication> {
  const columns = Object.keys(set);
  const [row] = await transaction.rows(
    `WITH moved AS (
       UPDATE policy_application SET status = $2, updated_at = now()
              ${columns.map((column, n) => `, ${column} = $${n + 5}`).join('')}
        WHERE id = $1 RETURNING *),
     change AS (
       INSERT INTO policy_application_change (application_id, status, actor, note)
       SELECT id, status, $3, $4 FROM moved)
     SELECT * FROM moved`,
    [application.key, to, actorName(context.viewer), note, ...Object.values(set)],
  );
  const moved = transaction.hydrator(PolicyApplication)(row);
  await tellOfApplicationChanges(transaction, [
    {
      id: moved.key,
      apiKeyId: moved.apiKeyId,
      policyCode: policy.code,
      status: to,
      previousStatus: application.status,
    },
  ]);
  await recordAudit(transaction, context.viewer, [
    {
      action: `policyApplication.${to === PolicyApplicationStatus.PAID ? 'payout' : 'decide'}`,
      entityType: 'policy_application',
      entityCode: String(application.key),
      changes: {
        status: { before: application.status, after: to },
        ...Object.fromEntries(
          columns.map((column) => [column, { before: null, after: set[column] }]),
        ),
      },
    },
  ]);
  return moved;
}

function notAbove(amount: string, limit: string | null, field: string, what: string): void {
  if (limit !== null && Number(amount) > Number(limit))
    throw badInput(`${field} ${amount} is above ${what} of ${limit} yuan`, field);
}

export async function decidePolicyApplication(
  context: PolicyContext,
  input: DecidePolicyApplicationInput,
): Promise<PolicyApplication> {
  const approve = input.decision === PolicyDecision.APPROVED;
  const note = optionalText(input.note, 'note', 1000);
  shownText(note, 'note', { lines: true });
  const amount =
    input.amountApprovedYuan === null || input.amountApprovedYuan === undefined
      ? null
      : yuanAmount(input.amountApprovedYuan, 'amountApprovedYuan');
  if (approve && amount === null)
    throw badInput(
      'amountApprovedYuan is required to approve: the yuan granted',
      'amountApprovedYuan',
    );
  if (!approve && amount !== null)
    throw badInput(
      'amountApprovedYuan goes with APPROVED only: leave it out to decline',
      'amountApprovedYuan',
    );
  if (!approve && note === null)
    throw badInput('note is required to decline: say why, for the enterprise', 'note');
  const to = approve ? PolicyApplicationStatus.APPROVED : PolicyApplicationStatus.DECLINED;
  const now = context.clock();
  return context.sql.transaction(async (transaction) => {
    const { application, policy } = await governedApplication(
      context,
      transaction,
      input.applicationId,
    );
    // The same decision again is a retry: nothing changes.
    if (
      application.status === to &&
      (!approve || Number(application.amountApprovedYuan) === Number(amount))
    )
      return application;
    policyApplicationLifecycle.check(application.status, to, ['GOVERNOR']);
    if (!approve) return moveApplication(context, transaction, application, policy, to, {}, note);
    notAbove(amount!, policy.maxAmountYuan, 'amountApprovedYuan', "the policy's maximum");
    const { payBy, provisional } = await payDeadlineFrom(transaction, now);
    return moveApplication(
      context,
      transaction,
      application,
      policy,
      to,
      {
        amount_approved_yuan: amount,
        pay_from: now,
        pay_by: payBy,
        provisional_pay_by: provisional,
      },
      note,
    );
  });
}

export async function recordPolicyPayout(
  context: PolicyContext,
  input: RecordPolicyPayoutInput,
): Promise<PolicyApplication> {
  const amount = yuanAmount(input.amountPaidYuan, 'amountPaidYuan');
  const paidOn = dayOf(input.paidOn);
  const today = beijingDayOf(context.clock());
  if (paidOn > today)
    throw badInput(`paidOn ${paidOn} is in the future (today is ${today} in Beijing)`, 'paidOn');
  return context.sql.transaction(async (transaction) => {
    const { application, policy } = await governedApplication(
      context,
      transaction,
      input.applicationId,
    );
    if (
      application.status === PolicyApplicationStatus.PAID &&
      Number(application.amountPaidYuan) === Number(amount) &&
      calendarDate(application.paidOn) === paidOn
    )
      return application;
    policyApplicationLifecycle.check(application.status, PolicyApplicationStatus.PAID, [
      'GOVERNOR',
    ]);
    if (application.amountApprovedYuan !== null)
      notAbove(amount, application.amountApprovedYuan, 'amountPaidYuan', 'the approved amount');
    else notAbove(amount, policy.maxAmountYuan, 'amountPaidYuan', "the policy's maximum");
    const from = application.payFrom ? beijingDayOf(application.payFrom) : null;
    if (from !== null && paidOn < from)
      throw badInput(
        `paidOn ${paidOn} is before the ${application.status === PolicyApplicationStatus.ENTITLED ? 'entitlement' : 'approval'} on ${from}`,
        'paidOn',
      );
    return moveApplication(
      context,
      transaction,
      application,
      policy,
      PolicyApplicationStatus.PAID,
      { amount_paid_yuan: amount, paid_on: paidOn },
      null,
    );
  });
}
