// Appeals for tests: the input of submitAppeal for an enterprise of the test file's own (its credit
// code from creditCodeFor(<file tag>, n)), and the documents the tests send.
import { randomUUID } from 'node:crypto';
import type { SqlRunner } from '../../src/db/sql';

export const SUBMIT_APPEAL = `mutation ($input: SubmitAppealInput!) {
  submitAppeal(input: $input) { appeal { ...AppealFields } } }
fragment AppealFields on Appeal {
  id code status category title region { code } handler { code } enterprise { creditCode }
  submittedAt acknowledgeBy replyBy resolveBy overdue provisionalDeadlines escalations satisfaction
  extension { reason approved } contact { name phone }
  history { status actor note handler { code } } }`;

/** A mutation on one appeal with the same selection: acknowledgeAppeal, closeAppeal, … */
export const appealMove = (field: string, input: string) => `mutation ($input: ${input}!) {
  ${field}(input: $input) { appeal { id code status handler { code } escalations satisfaction resolveBy
    extension { reason approved } history { status actor note } } } }`;

export function appealInput(creditCode: string, overrides: Record<string, unknown> = {}) {
  return {
    idempotencyKey: randomUUID(),
    category: 'PAYMENT_ARREARS',
    title: '国有企业拖欠货款六个月',
    description: '为某国有企业供货后，货款逾期六个月未支付，请求协调清欠。',
    regionCode: '441900',
    ...overrides,
    enterprise: {
      creditCode,
      name: '东莞市长安精密模具有限公司',
      scale: 'SMALL',
      regionCode: '441900',
      contactName: '李华',
      contactPhone: '13800138000',
      ...((overrides.enterprise as object) ?? {}),
    },
  };
}

/** The uuid behind an appeal's global id. */
export const appealUuidOf = (id: string) =>
  Buffer.from(id, 'base64').toString('utf8').slice('Appeal:'.length);

/** What a refused move must leave untouched: the appeal row, its history, audit and webhooks. */
export async function appealFootprint(sql: SqlRunner, id: string) {
  const uuid = appealUuidOf(id);
  const [row] = await sql.rows(
    `SELECT to_jsonb(a) AS appeal,
            (SELECT count(*) FROM appeal_change c WHERE c.appeal_uuid = a.uuid)::int AS changes,
            (SELECT count(*) FROM audit_entry e WHERE e.entity_type = 'appeal'
                AND e.entity_code = 'SQ' || lpad(a.seq::text, 8, '0'))::int AS audits,
            (SELECT count(*) FROM webhook_delivery d WHERE d.event_type = 'APPEAL_CHANGED'
                AND d.data->>'appealId' = $2)::int AS webhooks
       FROM appeal a WHERE a.uuid = $1`,
    [uuid, id],
  );
  return row;
}
