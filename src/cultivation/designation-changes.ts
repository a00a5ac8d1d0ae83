// What every change of the registry writes besides the designation itself, in the change's own
// transaction and a fixed number of statements however many rows changed: the history line, the
// audit entry (designation.grant, .review, .revoke, .expire) and the DESIGNATION_CHANGED webhooks
// to ADMIN subscribers and AUTHORITY subscribers of the enterprise's region.
import { recordAudit, type AuditActor } from '../db/audit-trail';
import type { SqlRunner } from '../db/sql';
import { toGlobalId } from '../schema/global-id';
import { WebhookEventType } from '../webhooks/webhook-enums';
import { enqueueWebhookEvents } from '../webhooks/webhook-outbox';
import type { DesignationKind, DesignationStatus } from './designation-enums';

export type DesignationAction = 'grant' | 'review' | 'revoke' | 'expire';

/** One designation after a change, with what the change's records need of it. */
export interface DesignationChanged {
  id: number;
  kind: DesignationKind;
  status: DesignationStatus;
  /** Null for a grant. */
  previousStatus: DesignationStatus | null;
  creditCode: string;
  regionCode: string;
  batch: string;
  validFrom: string;
  validUntil: string;
  previousValidUntil?: string;
  action: DesignationAction;
  reason: string | null;
}

/** The actor of the job queue's changes (review opening, expiry), as history and audit name it. */
export const SYSTEM_ACTOR: AuditActor = { keyId: null, name: 'system', role: 'ADMIN' };

export async function recordDesignationChanges(
  transaction: SqlRunner,
  actor: AuditActor,
  changes: readonly DesignationChanged[],
): Promise<void> {
  if (changes.length === 0) return;
  await transaction.run(
    `INSERT INTO designation_change (designation_id, status, actor, reason)
     SELECT x.id, x.status, $3, x.reason
       FROM unnest($1::int[], $2::designation_status[], $4::text[]) WITH ORDINALITY AS x(id, status, reason, n)
      ORDER BY x.n`,
    [
      changes.map((c) => c.id),
      changes.map((c) => c.status),
      actor.name ?? actor.role,
      changes.map((c) => c.reason),
    ],
  );
  await recordAudit(
    transaction,
    actor,
    changes.map((c) => ({
      action: `designation.${c.action}`,
      entityType: 'designation',
      entityCode: toGlobalId('Designation', c.id),
      changes: {
        status: { before: c.previousStatus, after: c.status },
        ...(c.action === 'grant'
          ? {
              creditCode: { before: null, after: c.creditCode },
              kind: { before: null, after: c.kind },
              batch: { before: null, after: c.batch },
              validFrom: { before: null, after: c.validFrom },
              validUntil: { before: null, after: c.validUntil },
            }
          : {}),
        ...(c.previousValidUntil && c.previousValidUntil !== c.validUntil
          ? { validUntil: { before: c.previousValidUntil, after: c.validUntil } }
          : {}),
        ...(c.reason ? { reason: { before: null, after: c.reason } } : {}),
      },
    })),
  );
  await enqueueWebhookEvents(
    transaction,
    changes.map((c) => ({
      type: WebhookEventType.DESIGNATION_CHANGED,
      ownerApiKeyId: null,
      regionCode: c.regionCode,
      data: {
        designationId: toGlobalId('Designation', c.id),
        creditCode: c.creditCode,
        kind: c.kind,
        status: c.status,
        previousStatus: c.previousStatus,
      },
    })),
  );
}

/**
 * SQL columns of a designation row `d` (after its change) joined to its enterprise `e`, in the
 * shape `changedRow` reads.
 */
export const CHANGED_COLUMNS = `d.id, d.kind, d.status, d.batch, to_char(d.valid_from, 'YYYY-MM-DD') AS valid_from,
  to_char(d.valid_until, 'YYYY-MM-DD') AS valid_until, e.credit_code, e.region_code`;

export interface ChangedRow {
  id: number;
  kind: DesignationKind;
  status: DesignationStatus;
  batch: string;
  valid_from: string;
  valid_until: string;
  credit_code: string;
  region_code: string;
}

export const changedRow = (
  row: ChangedRow,
  action: DesignationAction,
  previousStatus: DesignationStatus | null,
  reason: string | null,
): DesignationChanged => ({
  id: row.id,
  kind: row.kind,
  status: row.status,
  previousStatus,
  creditCode: row.credit_code,
  regionCode: row.region_code,
  batch: row.batch,
  validFrom: row.valid_from,
  validUntil: row.valid_until,
  action,
  reason,
});
