// Escalation of late appeals: an open appeal whose step was not done by its deadline moves to
// its handler's parent institution (one tier up; the national centre is the last), with new
// deadlines for the late step counted from the escalation, a history line naming both
// institutions, an audit entry and the webhook. Exactly once per missed deadline, however many
// processes sweep at once: the due appeals are locked (SKIP LOCKED: two sweeps share the work)
// and moved in the same transaction, and the moved ones are no longer due.
import type { Sql } from '../db/sql';
import type { WorkingCalendarSchedules } from '../working-calendar/working-days';
import { countDeadlines, dueAt, lateStep, OPEN_STATUSES } from './appeal-deadlines';
import { Appeal } from './appeal.entity';
import { ESCALATION_ACTOR, recordAppealMoves, type AppealMove } from './appeal-record';

/** Appeals moved per transaction; a sweep runs batches until none is due. */
const BATCH = 200;

const STEP_WORDS = { acknowledge: 'acknowledgement', reply: 'reply', resolve: 'resolution' };

interface DueRow extends Record<string, unknown> {
  from_code: string;
  from_name: string;
  to_id: number;
  to_code: string;
  to_name: string;
}

/** One batch: the due appeals this sweep could lock, moved up; how many. */
async function escalateBatch(
  sql: Sql,
  calendar: WorkingCalendarSchedules,
  now: Date,
): Promise<number> {
  return sql.transaction(async (transaction) => {
    const rows = await transaction.rows<DueRow>(
      `SELECT a.*, h.code AS from_code, h.name AS from_name, p.id AS to_id, p.code AS to_code, p.name AS to_name
         FROM appeal a
         JOIN institution h ON h.id = a.handler_id
         JOIN institution p ON p.id = h.parent_id
        WHERE a.status IN ${OPEN_STATUSES} AND ${dueAt('a')} <= $1
        ORDER BY ${dueAt('a')}
        LIMIT $2
        FOR UPDATE OF a SKIP LOCKED`,
      [now, BATCH],
    );
    if (rows.length === 0) return 0;
    const hydrate = sql.hydrator(Appeal);
    const moved = rows.map((row) => {
      const appeal = hydrate(row);
      const step = lateStep(appeal, now)!;
      const starts = {
        acknowledgeFrom: step === 'acknowledge' ? now : appeal.acknowledgeFrom,
        replyFrom: step === 'reply' ? now : appeal.replyFrom,
        resolveFrom: step === 'resolve' ? now : appeal.resolveFrom,
        extensionApproved: appeal.extensionApproved,
      };
      return { appeal, row, step, starts, counted: countDeadlines(starts, calendar) };
    });
    await transaction.run(
      `UPDATE appeal a
          SET handler_id = x.to_id, previous_handler_ids = a.previous_handler_ids || a.handler_id,
              escalations = a.escalations + 1, started_at = $1,
              acknowledge_from = x.acknowledge_from, reply_from = x.reply_from, resolve_from = x.resolve_from,
              acknowledge_by = x.acknowledge_by, reply_by = x.reply_by, resolve_by = x.resolve_by,
              provisional_deadlines = x.provisional, updated_at = now()
         FROM unnest($2::uuid[], $3::int[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[],
                     $7::timestamptz[], $8::timestamptz[], $9::timestamptz[], $10::bool[])
              AS x(uuid, to_id, acknowledge_from, reply_from, resolve_from, acknowledge_by, reply_by, resolve_by, provisional)
        WHERE a.uuid = x.uuid`,
      [
        now,
        moved.map((m) => m.appeal.uuid),
        moved.map((m) => m.row.to_id),
        moved.map((m) => m.starts.acknowledgeFrom),
        moved.map((m) => m.starts.replyFrom),
        moved.map((m) => m.starts.resolveFrom),
        moved.map((m) => m.counted.deadlines.acknowledgeBy),
        moved.map((m) => m.counted.deadlines.replyBy),
        moved.map((m) => m.counted.deadlines.resolveBy),
        moved.map((m) => m.counted.provisional),
      ],
    );
    const by = (m: (typeof moved)[number]) =>
      m.step === 'acknowledge'
        ? m.appeal.acknowledgeBy
        : m.step === 'reply'
          ? m.appeal.replyBy
          : m.appeal.resolveBy;
    await recordAppealMoves(
      transaction,
      ESCALATION_ACTOR,
      moved.map((m): AppealMove => ({
        uuid: m.appeal.uuid,
        seq: m.appeal.seq,
        apiKeyId: m.appeal.apiKeyId,
        kind: 'ESCALATED',
        status: m.appeal.status,
        previousStatus: m.appeal.status,
        note: `escalated from ${m.row.from_name} (${m.row.from_code}) to ${m.row.to_name} (${m.row.to_code}): the ${STEP_WORDS[m.step]} was due by ${by(m).toISOString()}`,
        at: now,
        handlerId: m.row.to_id,
        handlerCode: m.row.to_code,
        changes: {
          handler: { before: m.row.from_code, after: m.row.to_code },
          escalations: { before: m.appeal.escalations, after: m.appeal.escalations + 1 },
        },
      })),
    );
    return moved.length;
  });
}

/** Escalates every appeal due at `now` that this sweep can lock; how many it moved. */
export async function escalateLateAppeals(
  sql: Sql,
  calendar: WorkingCalendarSchedules,
  now: Date,
): Promise<number> {
  let total = 0;
  for (;;) {
    const moved = await escalateBatch(sql, calendar, now);
    total += moved;
    if (moved < BATCH) return total;
  }
}
