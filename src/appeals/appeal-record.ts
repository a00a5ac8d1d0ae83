// What every move of an appeal writes besides the appeal itself, in the move's transaction: a
// line of history, an audit entry, and the APPEAL_CHANGED webhook to the key that submitted it
// (data: ids, codes and statuses, never the enterprise's contacts).
import { recordAudit, type AuditActor } from '../db/audit-trail';
import type { SqlRunner } from '../db/sql';
import { WebhookEventType } from '../webhooks/webhook-enums';
import { enqueueWebhookEvents } from '../webhooks/webhook-outbox';
import type { AppealStatus } from './appeal-enums';
import { toGlobalId } from '../schema/global-id';

/** What kind of move, as the webhook and the audit trail name it. */
export type AppealChangeKind =
  | 'SUBMITTED'
  | 'ACKNOWLEDGED'
  | 'REPLIED'
  | 'RESOLVED'
  | 'CLOSED'
  | 'REOPENED'
  | 'EXTENSION_REQUESTED'
  | 'EXTENSION_DECIDED'
  | 'ESCALATED';

export interface AppealMove {
  uuid: string;
  seq: number;
  apiKeyId: number;
  kind: AppealChangeKind;
  status: AppealStatus;
  previousStatus: AppealStatus | null;
  note: string | null;
  at: Date;
  /** The institution it moved to (escalation), else null. */
  handlerId: number | null;
  /** The public code of the institution handling it after the move. */
  handlerCode: string;
  /** Field changes for the audit trail. */
  changes: Record<string, { before: unknown; after: unknown }>;
}

/** The appeal's public code: SQ and its sequence number, e.g. SQ00012345. */
export const appealCode = (seq: number) => `SQ${String(seq).padStart(8, '0')}`;

/** The escalation sweep's actor: no key, acting on the network's rules. */
export const ESCALATION_ACTOR: AuditActor = {
  keyId: null,
  name: 'system: escalation of late appeals',
  role: 'ADMIN',
};

/** The history lines, audit entries and webhooks of moves made by one actor, three statements. */
export async function recordAppealMoves(
  transaction: SqlRunner,
  actor: AuditActor,
  moves: readonly AppealMove[],
): Promise<void> {
  if (moves.length === 0) return;
  await transaction.run(
    `INSERT INTO appeal_change (appeal_uuid, status, at, actor, note, handler_id)
     SELECT x.uuid, x.status::appeal_status, x.at, $1, x.note, x.handler_id
       FROM unnest($2::uuid[], $3::text[], $4::timestamptz[], $5::text[], $6::int[])
            WITH ORDINALITY AS x(uuid, status, at, note, handler_id, n)
      ORDER BY x.n`,
    [
      // As actorName (src/auth/viewer.ts) names a key: its client name, else its role.
      actor.name ?? actor.role,
      moves.map((move) => move.uuid),
      moves.map((move) => move.status),
      moves.map((move) => move.at),
      moves.map((move) => move.note),
      moves.map((move) => move.handlerId),
    ],
  );
  await recordAudit(
    transaction,
    actor,
    moves.map((move) => ({
      action: `appeal.${move.kind.toLowerCase()}`,
      entityType: 'appeal',
      entityCode: appealCode(move.seq),
      changes: move.changes,
    })),
  );
  await enqueueWebhookEvents(
    transaction,
    moves.map((move) => ({
      type: WebhookEventType.APPEAL_CHANGED,
      ownerApiKeyId: move.apiKeyId,
      data: {
        appealId: toGlobalId('Appeal', move.uuid),
        code: appealCode(move.seq),
        change: move.kind,
        status: move.status,
        previousStatus: move.previousStatus,
        handlerCode: move.handlerCode,
      },
    })),
  );
}
