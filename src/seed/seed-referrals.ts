// Writes the seeded referral history (referral-history.ts): the history partner's key (revoked
// from the start: it exists only as the referrals' author), the enterprises, and each referral
// that is missing (by its idempotency key) with its history events and feedback — written only
// with a new referral, so a second run changes nothing. One statement per table.
import { createHash } from 'node:crypto';
import type { SqlRunner } from '../db/sql';
import { HISTORY_PARTNER, type ReferralHistoryPlan } from './referral-history';
import { insertEnterprises } from './seed-enterprises';
import { column } from './columns';

export interface ReferralHistoryCounts {
  enterprises: number;
  referrals: number;
  feedback: number;
}

/** The history partner's key (made if missing): the author of the seeded referrals and appeals. */
export async function historyPartnerKey(sql: SqlRunner): Promise<number> {
  await sql.run(
    `INSERT INTO api_key (public_id, key_hash, name, role, revoked_at)
     VALUES ($1, $2, $3, 'PARTNER', now())
     ON CONFLICT (public_id) DO NOTHING`,
    [
      HISTORY_PARTNER.publicId,
      // No key hashes to this: the key never existed, and the row is revoked anyway.
      createHash('sha256').update(`no key:${HISTORY_PARTNER.publicId}`).digest(),
      HISTORY_PARTNER.name,
    ],
  );
  const [{ id }] = await sql.rows<{ id: number }>('SELECT id FROM api_key WHERE public_id = $1', [
    HISTORY_PARTNER.publicId,
  ]);
  return id;
}

export async function insertReferralHistory(
  sql: SqlRunner,
  plan: ReferralHistoryPlan,
): Promise<ReferralHistoryCounts> {
  const keyId = await historyPartnerKey(sql);
  const { enterprises, referrals } = plan;
  const enterpriseCount = await insertEnterprises(sql, enterprises);
  // In submission order, so that seq follows time as it does for referrals made live. Referrals
  // whose service or institution is not in the database are left out by the joins.
  const added = await sql.rows<{ key: string; uuid: string }>(
    `INSERT INTO referral (enterprise_id, service_id, institution_id, api_key_id, idempotency_key, request_hash,
                           status, created_at, updated_at)
     SELECT en.id, s.id, i.id, $1, x.key, 'seed', x.status::referral_status, x.created_at, x.updated_at
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::timestamptz[])
            WITH ORDINALITY AS x(key, credit_code, service_code, institution_code, status, created_at, updated_at, n)
       JOIN enterprise en ON en.credit_code = x.credit_code
       JOIN institution i ON i.code = x.institution_code
       JOIN service s ON s.code = x.service_code AND s.institution_id = i.id
      ORDER BY x.created_at, x.n
     ON CONFLICT (api_key_id, idempotency_key) DO NOTHING
     RETURNING idempotency_key AS key, uuid`,
    [
      keyId,
      column(referrals, 'key'),
      column(referrals, 'creditCode'),
      column(referrals, 'serviceCode'),
      column(referrals, 'institutionCode'),
      column(referrals, 'status'),
      column(referrals, 'createdAt'),
      column(referrals, 'updatedAt'),
    ],
  );
  const uuidByKey = new Map(added.map((row) => [row.key, row.uuid]));
  const fresh = referrals.filter((referral) => uuidByKey.has(referral.key));
  const steps = fresh.flatMap((referral) =>
    referral.history.map((step) => ({ uuid: uuidByKey.get(referral.key)!, ...step })),
  );
  await sql.run(
    `INSERT INTO referral_event (referral_uuid, status, note, actor, at)
     SELECT x.uuid, x.status::referral_status, x.note, x.actor, x.at
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])
            WITH ORDINALITY AS x(uuid, status, note, actor, at, n)
      ORDER BY x.n`,
    [
      column(steps, 'uuid'),
      column(steps, 'status'),
      column(steps, 'note'),
      column(steps, 'actor'),
      column(steps, 'at'),
    ],
  );
  const rated = fresh.filter((referral) => referral.feedback);
  const feedbackCount = (
    await sql.run(
      `INSERT INTO referral_feedback (referral_uuid, rating, comment, api_key_id, at)
       SELECT x.uuid, x.rating, x.comment, $1, x.at
         FROM unnest($2::uuid[], $3::int[], $4::text[], $5::timestamptz[]) AS x(uuid, rating, comment, at)`,
      [
        keyId,
        rated.map((referral) => uuidByKey.get(referral.key)),
        rated.map((referral) => referral.feedback!.rating),
        rated.map((referral) => referral.feedback!.comment),
        rated.map((referral) => referral.feedback!.at),
      ],
    )
  ).rowCount;
  return { enterprises: enterpriseCount, referrals: added.length, feedback: feedbackCount };
}
