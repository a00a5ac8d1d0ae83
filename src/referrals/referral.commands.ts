// Creating referrals and moving them through their lifecycle. Every change and its history
// event commit in one transaction; concurrent moves from the same status are settled by a
// conditional UPDATE (the loser gets CONFLICT), concurrent retries by the unique idempotency key.
import { actorName } from '../auth/viewer';
import type { SqlRunner } from '../db/sql';
import { badInput, conflict, notFound, quote } from '../schema/errors';
import { createIdempotently, requestHash } from '../schema/idempotent-create';
import { optionalText, requiredText } from '../schema/input';
import { requireNodeKey } from '../schema/global-id';
import { WebhookEventType } from '../webhooks/webhook-enums';
import { enqueueWebhookEvents } from '../webhooks/webhook-outbox';
import { enterpriseDetails, upsertEnterprise } from './enterprise.commands';
import { referralLifecycle, referralPartiesOf } from './referral-lifecycle';
import type { ReferralContext } from './referral.context';
import { Referral } from './referral.entity';
import { ReferralStatus } from './referral-status';
import type { CreateReferralInput, UpdateReferralStatusInput } from './referral.types';
import type { EnterpriseScale, SpecializationLevel } from '../services/eligibility';
import { checkVerifiedEligibility } from '../services/verified-standing';
import { canSee, requireReferralAccess } from './visibility';

/** The row id a global Service id stands for. */
function serviceKey(serviceId: string): number {
  return Number(requireNodeKey(serviceId, 'Service', 'serviceId'));
}

/** The uuid a global Referral id stands for. */
export function referralUuid(referralId: string, field = 'referralId'): string {
  return requireNodeKey(referralId, 'Referral', field);
}

export async function createReferral(
  context: ReferralContext,
  input: CreateReferralInput,
): Promise<Referral> {
  const { viewer, sql } = context;
  const idempotencyKey = requiredText(input.idempotencyKey, 'idempotencyKey', 200);
  const enterprise = enterpriseDetails(input.enterprise);
  const service = serviceKey(input.serviceId);
  const note = optionalText(input.note, 'note', 2000);
  const apiKeyId = viewer.apiKeyId!;
  const findExisting = async (runner: SqlRunner) =>
    (
      await runner.rows('SELECT * FROM referral WHERE api_key_id = $1 AND idempotency_key = $2', [
        apiKeyId,
        idempotencyKey,
      ])
    ).map(sql.hydrator(Referral))[0];
  const request = {
    subject: 'referral',
    idempotencyKey,
    requestHash: requestHash({ enterprise, service, note }),
    existing: findExisting,
  };

  return createIdempotently(sql, request, async (transaction, replay) => {
    const existing = await findExisting(transaction);
    if (existing) return replay(existing);

    const [target] = await transaction.rows<{
      id: number | null;
      institution_id: number | null;
      active: boolean | null;
      eligible_scales: EnterpriseScale[];
      min_specialization: SpecializationLevel;
      region_found: number;
    }>(
      `SELECT s.id, s.institution_id, s.active, s.eligible_scales::text[] AS eligible_scales, s.min_specialization,
              (SELECT count(*) FROM region WHERE code = $2)::int AS region_found
         FROM (SELECT 1) one LEFT JOIN service s ON s.id = $1`,
      [service, enterprise.regionCode],
    );
    if (target.region_found === 0) {
      throw notFound(
        `enterprise.regionCode ${quote(input.enterprise.regionCode)} names no GB/T 2260 division`,
        'enterprise.regionCode',
      );
    }
    if (target.id === null)
      throw notFound(`serviceId ${quote(input.serviceId)} names no service`, 'serviceId');
    if (!target.active)
      throw badInput(
        `the service ${input.serviceId} is withdrawn: refer the enterprise to an active one`,
        'serviceId',
      );

    const enterpriseId = await upsertEnterprise(transaction, enterprise);
    // Under the enterprise's row lock: a revocation racing this referral is seen or waits.
    checkVerifiedEligibility(
      { eligibleScales: target.eligible_scales, minSpecialization: target.min_specialization },
      await context.registry.standingOf(transaction, enterpriseId),
      `the service ${input.serviceId}`,
    );
    const inserted = await transaction.rows(
      `INSERT INTO referral (enterprise_id, service_id, institution_id, api_key_id, idempotency_key, request_hash,
                             note, contact_name, contact_phone, contact_email)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT ON CONSTRAINT referral_idempotency_key DO NOTHING
       RETURNING *`,
      [
        enterpriseId,
        service,
        target.institution_id,
        apiKeyId,
        idempotencyKey,
        request.requestHash,
        note,
        enterprise.contactName,
        enterprise.contactPhone,
        enterprise.contactEmail,
      ],
    );
    // Nothing inserted: a concurrent request with the same key committed first.
    if (inserted.length === 0) return null;
    const referral = sql.hydrator(Referral)(inserted[0]);
    await transaction.run(
      'INSERT INTO referral_event (referral_uuid, status, note, actor) VALUES ($1, $2, $3, $4)',
      [referral.uuid, ReferralStatus.SUBMITTED, note, actorName(viewer)],
    );
    // Partners' webhooks, in this transaction: told exactly when the referral exists.
    await enqueueWebhookEvents(transaction, [
      {
        type: WebhookEventType.REFERRAL_CREATED,
        ownerApiKeyId: apiKeyId,
        data: { referralId: referral.id, status: referral.status },
      },
    ]);
    return referral;
  });
}

export async function updateReferralStatus(
  context: ReferralContext,
  input: UpdateReferralStatusInput,
): Promise<Referral> {
  const { viewer, sql } = context;
  requireReferralAccess(viewer);
  const uuid = referralUuid(input.referralId);
  const note = optionalText(input.note, 'note', 2000);
  const hydrate = sql.hydrator(Referral);

  const [current] = (await sql.rows('SELECT * FROM referral WHERE uuid = $1', [uuid])).map(hydrate);
  if (!current || !canSee(viewer, current)) {
    throw notFound(
      `no referral with id ${quote(input.referralId)} is visible to this API key`,
      'referralId',
    );
  }
  const from = input.expectedStatus ?? current.status;
  if (from !== current.status) {
    throw conflict(
      `the referral is ${current.status}, not ${from} as expected: reload it and decide again`,
    );
  }
  referralLifecycle.check(from, input.status, referralPartiesOf(viewer, current));

  return sql.transaction(async (transaction) => {
    // Only from the status the check above saw: of two concurrent moves, one finds it gone.
    const updated = await transaction.rows(
      `UPDATE referral SET status = $3, updated_at = now() WHERE uuid = $1 AND status = $2 RETURNING *`,
      [uuid, from, input.status],
    );
    if (updated.length === 0) {
      const [now] = await transaction.rows<{ status: ReferralStatus }>(
        'SELECT status FROM referral WHERE uuid = $1',
        [uuid],
      );
      throw conflict(
        `the referral changed meanwhile: it is now ${now.status}, not ${from}; reload it and decide again`,
      );
    }
    await transaction.run(
      'INSERT INTO referral_event (referral_uuid, status, note, actor) VALUES ($1, $2, $3, $4)',
      [uuid, input.status, note, actorName(viewer)],
    );
    const referral = hydrate(updated[0]);
    await enqueueWebhookEvents(transaction, [
      {
        type: WebhookEventType.REFERRAL_STATUS_CHANGED,
        ownerApiKeyId: referral.apiKeyId,
        data: { referralId: referral.id, status: referral.status, previousStatus: from },
      },
    ]);
    return referral;
  });
}
