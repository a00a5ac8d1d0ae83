// Submitting appeals and moving them through their steps. Every move and its history, audit entry
// and webhook commit in one transaction; every check is made before it begins, so a refusal
// writes nothing; concurrent moves from the same status are settled by a conditional UPDATE (the
// loser gets CONFLICT), concurrent retries of a submission by the unique idempotency key.
import type { SqlRunner, SqlTransaction } from '../db/sql';
import { escalationChain } from '../one-stop/escalation-chain';
import { enterpriseDetails, upsertEnterprise } from '../referrals/enterprise.commands';
import { checkRating } from '../referrals/feedback.commands';
import { normalizeRegionCode } from '../regions/region-code';
import { conflict, notFound, quote } from '../schema/errors';
import { createIdempotently, requestHash } from '../schema/idempotent-create';
import { optionalText, requiredText, shownText } from '../schema/input';
import { requireNodeKey } from '../schema/global-id';
import type { AppealContext } from './appeal.context';
import { Appeal } from './appeal.entity';
import { AppealStatus } from './appeal-enums';
import { freshDeadlines, STEP_DONE, workingDaysBetween, type AppealStep } from './appeal-deadlines';
import { AppealParty, appealLifecycle, appealPartiesOf } from './appeal-lifecycle';
import { recordAppealMoves, type AppealChangeKind } from './appeal-record';
import { routeAppeal } from './appeal-routing';
import type { AppealStepInput, CloseAppealInput, SubmitAppealInput } from './appeal.types';
import { canSeeAppeal, requireAppealAccess } from './appeal-visibility';

export const MAX_TITLE = 200;
export const MAX_DESCRIPTION = 5000;
export const MAX_NOTE = 2000;

/** The uuid a global Appeal id stands for. */
export function appealUuid(appealId: string, field = 'appealId'): string {
  return requireNodeKey(appealId, 'Appeal', field);
}

/** A note that people read: trimmed, bounded, one text without control or invisible marks. */
export function appealNote(value: string | null | undefined, field: string, required: boolean) {
  const text = required
    ? requiredText(value, field, MAX_NOTE)
    : optionalText(value, field, MAX_NOTE);
  return shownText(text, field, { lines: true });
}

export async function submitAppeal(
  context: AppealContext,
  input: SubmitAppealInput,
): Promise<Appeal> {
  const { viewer, sql } = context;
  const idempotencyKey = requiredText(input.idempotencyKey, 'idempotencyKey', 200);
  const enterprise = enterpriseDetails(input.enterprise);
  const title = shownText(requiredText(input.title, 'title', MAX_TITLE), 'title')!;
  const description = shownText(
    requiredText(input.description, 'description', MAX_DESCRIPTION),
    'description',
    { lines: true },
  )!;
  const regionCode = normalizeRegionCode(input.regionCode, 'regionCode');
  const { category } = input;
  const chain = escalationChain(await context.regions.chain(regionCode));
  if (chain.length === 0)
    throw notFound(
      `regionCode ${quote(input.regionCode)} names no GB/T 2260 division`,
      'regionCode',
    );
  if (!(await context.regions.byCode(enterprise.regionCode))) {
    throw notFound(
      `enterprise.regionCode ${quote(input.enterprise.regionCode)} names no GB/T 2260 division`,
      'enterprise.regionCode',
    );
  }
  const apiKeyId = viewer.apiKeyId!;
  const hydrate = sql.hydrator(Appeal);
  const findExisting = async (runner: SqlRunner) =>
    (
      await runner.rows('SELECT * FROM appeal WHERE api_key_id = $1 AND idempotency_key = $2', [
        apiKeyId,
        idempotencyKey,
      ])
    ).map(hydrate)[0];
  const request = {
    subject: 'appeal',
    idempotencyKey,
    requestHash: requestHash({ enterprise, category, title, description, regionCode }),
    existing: findExisting,
  };
  const now = context.clock();
  const { deadlines, provisional } = freshDeadlines(now, await context.workingCalendar.schedules());

  return createIdempotently(sql, request, async (transaction, replay) => {
    const existing = await findExisting(transaction);
    if (existing) return replay(existing);
    const handler = await routeAppeal(transaction, chain);
    if (!handler) {
      throw notFound(
        `no active PUBLIC centre serves region ${regionCode} or any region above it`,
        'regionCode',
      );
    }
    const enterpriseId = await upsertEnterprise(transaction, enterprise);
    const inserted = await transaction.rows(
      `INSERT INTO appeal (enterprise_id, api_key_id, idempotency_key, request_hash, category, title, description,
                           region_code, handler_id, submitted_at, started_at, acknowledge_from, acknowledge_by,
                           reply_from, reply_by, resolve_from, resolve_by, provisional_deadlines,
                           contact_name, contact_phone, contact_email)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $10, $11, $10, $12, $10, $13, $14, $15, $16, $17)
       ON CONFLICT ON CONSTRAINT appeal_idempotency_key DO NOTHING
       RETURNING *`,
      [
        enterpriseId,
        apiKeyId,
        idempotencyKey,
        request.requestHash,
        category,
        title,
        description,
        regionCode,
        handler.id,
        now,
        deadlines.acknowledgeBy,
        deadlines.replyBy,
        deadlines.resolveBy,
        provisional,
        enterprise.contactName,
        enterprise.contactPhone,
        enterprise.contactEmail,
      ],
    );
    // Nothing inserted: a concurrent request with the same key committed first.
    if (inserted.length === 0) return null;
    const appeal = hydrate(inserted[0]);
    await recordAppealMoves(transaction, viewer, [
      {
        uuid: appeal.uuid,
        seq: appeal.seq,
        apiKeyId,
        kind: 'SUBMITTED',
        status: AppealStatus.SUBMITTED,
        previousStatus: null,
        note: `routed to ${handler.name} (${handler.code})`,
        at: now,
        handlerId: null,
        handlerCode: handler.code,
        changes: {
          status: { before: null, after: AppealStatus.SUBMITTED },
          handler: { before: null, after: handler.code },
        },
      },
    ]);
    return appeal;
  });
}

/** An appeal as a move needs it: the row, its handler's code and parent. */
export interface AppealForMove {
  appeal: Appeal;
  handlerCode: string;
  handlerParentId: number | null;
  parties: AppealParty[];
}

/** The appeal the input names, if the viewer sees it (NOT_FOUND otherwise), and the viewer's parties. */
export async function appealForMove(
  context: AppealContext,
  appealId: string,
): Promise<AppealForMove> {
  const { sql, viewer } = context;
  requireAppealAccess(viewer);
  const uuid = appealUuid(appealId);
  const [row] = await sql.rows<Record<string, unknown>>(
    `SELECT a.*, h.code AS handler_code, h.parent_id AS handler_parent_id
       FROM appeal a JOIN institution h ON h.id = a.handler_id WHERE a.uuid = $1`,
    [uuid],
  );
  const appeal = row ? sql.hydrator(Appeal)(row) : null;
  const handlerParentId = (row?.handler_parent_id ?? null) as number | null;
  const parties = appeal ? appealPartiesOf(viewer, { ...appeal, handlerParentId }) : [];
  // The parent's staff do not list the appeal, but decide its extension: they may act on it.
  if (!appeal || (!canSeeAppeal(viewer, appeal) && !parties.includes(AppealParty.SUPERVISOR))) {
    throw notFound(`no appeal with id ${quote(appealId)} is visible to this API key`, 'appealId');
  }
  return { appeal, handlerCode: row.handler_code as string, handlerParentId, parties };
}

/**
 * Updates the appeal only if it is still as the checks saw it (`status` and, with `guard`, more):
 * of two concurrent moves one finds it changed and gets CONFLICT; the row after the update.
 */
export async function updateIfUnchanged(
  transaction: SqlTransaction,
  context: AppealContext,
  { uuid, status }: Appeal,
  assignments: string,
  values: unknown[],
  guard = 'true',
): Promise<Appeal> {
  const updated = await transaction.rows(
    `UPDATE appeal SET ${assignments}, updated_at = now() WHERE uuid = $1 AND status = $2 AND ${guard} RETURNING *`,
    [uuid, status, ...values],
  );
  if (updated.length === 0) {
    throw conflict('the appeal changed meanwhile: reload it and decide again');
  }
  return context.sql.hydrator(Appeal)(updated[0]);
}

const DONE_AT: Record<AppealStep, string> = {
  acknowledge: 'acknowledged_at',
  reply: 'replied_at',
  resolve: 'resolved_at',
};

/** acknowledgeAppeal, replyToAppeal, resolveAppeal: the step after the current one, once. */
export async function takeAppealStep(
  context: AppealContext,
  input: AppealStepInput,
  step: AppealStep,
): Promise<Appeal> {
  const note = appealNote(input.note, 'note', true);
  const { appeal, handlerCode, parties } = await appealForMove(context, input.appealId);
  const to = STEP_DONE[step];
  appealLifecycle.check(appeal.status, to, parties);
  const now = context.clock();
  const workingDays =
    step === 'resolve'
      ? workingDaysBetween(appeal.submittedAt, now, await context.workingCalendar.schedules())
      : null;
  return context.sql.transaction(async (transaction) => {
    const moved = await updateIfUnchanged(
      transaction,
      context,
      appeal,
      `status = $3, ${DONE_AT[step]} = $4, resolved_working_days = coalesce($5, resolved_working_days)`,
      [to, now, workingDays],
    );
    await recordAppealMoves(transaction, context.viewer, [
      {
        uuid: appeal.uuid,
        seq: appeal.seq,
        apiKeyId: appeal.apiKeyId,
        kind: to as AppealChangeKind,
        status: to,
        previousStatus: appeal.status,
        note,
        at: now,
        handlerId: null,
        handlerCode,
        changes: { status: { before: appeal.status, after: to } },
      },
    ]);
    return moved;
  });
}

/**
 * The submitting key closes a RESOLVED appeal. A satisfaction of 1 or 2 reopens it the first
 * time (SUBMITTED at the same handler, fresh deadlines from now, a new round in which an
 * extension may be asked again); the second close is final whatever it says.
 */
export async function closeAppeal(
  context: AppealContext,
  input: CloseAppealInput,
): Promise<Appeal> {
  const satisfaction = checkRating(input.satisfaction, 'satisfaction');
  const comment = appealNote(input.comment, 'comment', false);
  const { appeal, handlerCode, parties } = await appealForMove(context, input.appealId);
  const reopen = satisfaction <= 2 && !appeal.reopened;
  const to = reopen ? AppealStatus.SUBMITTED : AppealStatus.CLOSED;
  appealLifecycle.check(appeal.status, to, parties);
  const now = context.clock();
  const note = `satisfaction ${satisfaction}${comment ? `: ${comment}` : ''}`;
  return context.sql.transaction(async (transaction) => {
    let moved: Appeal;
    if (reopen) {
      const { deadlines, provisional } = freshDeadlines(
        now,
        await context.workingCalendar.schedules(),
      );
      moved = await updateIfUnchanged(
        transaction,
        context,
        appeal,
        `status = $3, reopened = true, started_at = $4, acknowledge_from = $4, reply_from = $4,
         resolve_from = $4, acknowledge_by = $5, reply_by = $6, resolve_by = $7,
         provisional_deadlines = $8, acknowledged_at = NULL, replied_at = NULL, resolved_at = NULL,
         resolved_working_days = NULL, extension_reason = NULL, extension_requested_at = NULL,
         extension_approved = NULL, extension_decided_at = NULL`,
        [to, now, deadlines.acknowledgeBy, deadlines.replyBy, deadlines.resolveBy, provisional],
      );
    } else {
      moved = await updateIfUnchanged(
        transaction,
        context,
        appeal,
        'status = $3, satisfaction = $4, closed_at = $5',
        [to, satisfaction, now],
      );
    }
    await recordAppealMoves(transaction, context.viewer, [
      {
        uuid: appeal.uuid,
        seq: appeal.seq,
        apiKeyId: appeal.apiKeyId,
        kind: reopen ? 'REOPENED' : 'CLOSED',
        status: to,
        previousStatus: appeal.status,
        note: reopen ? `${note}; reopened` : note,
        at: now,
        handlerId: null,
        handlerCode,
        changes: {
          status: { before: appeal.status, after: to },
          satisfaction: { before: null, after: satisfaction },
        },
      },
    ]);
    return moved;
  });
}
