// Extensions: the handler (or an admin) asks once per round, before resolveBy, for more time to
// resolve; the handler's parent institution's staff or an admin decide. Approved, resolveBy
// becomes the 30th working day from the latest start (submission, reopening or escalation).
import type { AppealContext } from './appeal.context';
import { appealForMove, appealNote, updateIfUnchanged } from './appeal.commands';
import { Appeal } from './appeal.entity';
import { countDeadlines, lateStep, pendingSteps } from './appeal-deadlines';
import { EXTENSION_DECIDERS, EXTENSION_REQUESTERS, requireParty } from './appeal-lifecycle';
import { recordAppealMoves } from './appeal-record';
import type { AppealStepInput, DecideAppealExtensionInput } from './appeal.types';
import { badInput } from '../schema/errors';

function requireOpen(appeal: Appeal, action: string): void {
  if (pendingSteps(appeal.status).length === 0)
    throw badInput(`the appeal is ${appeal.status}: ${action} only while it is open`, 'appealId');
}

export async function requestAppealExtension(
  context: AppealContext,
  input: AppealStepInput,
): Promise<Appeal> {
  const reason = appealNote(input.note, 'note', true)!;
  const { appeal, handlerCode, parties } = await appealForMove(context, input.appealId);
  requireParty(parties, EXTENSION_REQUESTERS, 'request an extension of this appeal');
  requireOpen(appeal, 'an extension can be requested');
  if (appeal.extensionRequestedAt) {
    throw badInput(
      `an extension was already requested on ${appeal.extensionRequestedAt.toISOString()}: once per appeal`,
      'appealId',
    );
  }
  const now = context.clock();
  if (appeal.resolveBy <= now || lateStep(appeal, now) === 'resolve') {
    throw badInput(
      `resolveBy (${appeal.resolveBy.toISOString()}) has passed: an extension must be requested before it`,
      'appealId',
    );
  }
  return context.sql.transaction(async (transaction) => {
    const moved = await updateIfUnchanged(
      transaction,
      context,
      appeal,
      'extension_reason = $3, extension_requested_at = $4',
      [reason, now],
      'extension_requested_at IS NULL',
    );
    await recordAppealMoves(transaction, context.viewer, [
      {
        uuid: appeal.uuid,
        seq: appeal.seq,
        apiKeyId: appeal.apiKeyId,
        kind: 'EXTENSION_REQUESTED',
        status: appeal.status,
        previousStatus: appeal.status,
        note: `extension requested: ${reason}`,
        at: now,
        handlerId: null,
        handlerCode,
        changes: { extensionReason: { before: null, after: reason } },
      },
    ]);
    return moved;
  });
}

export async function decideAppealExtension(
  context: AppealContext,
  input: DecideAppealExtensionInput,
): Promise<Appeal> {
  const note = appealNote(input.note, 'note', false);
  const { appeal, handlerCode, parties } = await appealForMove(context, input.appealId);
  requireParty(parties, EXTENSION_DECIDERS, 'decide extensions of this appeal');
  requireOpen(appeal, 'an extension can be decided');
  if (!appeal.extensionRequestedAt || appeal.extensionApproved !== null) {
    throw badInput(
      appeal.extensionRequestedAt
        ? `the extension was already ${appeal.extensionApproved ? 'approved' : 'declined'}: it is decided once`
        : 'no extension was requested for this appeal: the handler requests one first',
      'appealId',
    );
  }
  const now = context.clock();
  const approved = input.approved;
  const { deadlines, provisional } = countDeadlines(
    {
      acknowledgeFrom: appeal.acknowledgeFrom,
      replyFrom: appeal.replyFrom,
      resolveFrom: approved ? appeal.startedAt : appeal.resolveFrom,
      extensionApproved: approved,
    },
    await context.workingCalendar.schedules(),
  );
  return context.sql.transaction(async (transaction) => {
    const moved = await updateIfUnchanged(
      transaction,
      context,
      appeal,
      `extension_approved = $3, extension_decided_at = $4, resolve_from = $5, resolve_by = $6,
       provisional_deadlines = $7`,
      [
        approved,
        now,
        approved ? appeal.startedAt : appeal.resolveFrom,
        deadlines.resolveBy,
        provisional,
      ],
      'extension_requested_at IS NOT NULL AND extension_approved IS NULL',
    );
    await recordAppealMoves(transaction, context.viewer, [
      {
        uuid: appeal.uuid,
        seq: appeal.seq,
        apiKeyId: appeal.apiKeyId,
        kind: 'EXTENSION_DECIDED',
        status: appeal.status,
        previousStatus: appeal.status,
        note: `extension ${approved ? 'approved' : 'declined'}${note ? `: ${note}` : ''}`,
        at: now,
        handlerId: null,
        handlerCode,
        changes: {
          extensionApproved: { before: null, after: approved },
          resolveBy: { before: appeal.resolveBy, after: deadlines.resolveBy },
        },
      },
    ]);
    return moved;
  });
}
