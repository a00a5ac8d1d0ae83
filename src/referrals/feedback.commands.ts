// Feedback on referrals: the PARTNER whose key made a referral rates it, once it is COMPLETED,
// once. A retry with the same rating and comment answers as the first did; a different second
// rating is a CONFLICT. Concurrent submissions are settled by the feedback's primary key (the
// referral): one insert wins, the others find its row and compare.
import { badInput, conflict, notFound, quote } from '../schema/errors';
import { optionalText } from '../schema/input';
import { referralUuid } from './referral.commands';
import type { ReferralContext } from './referral.context';
import { Referral } from './referral.entity';
import { ReferralStatus } from './referral-status';
import type { SubmitFeedbackInput } from './feedback.types';
import { canSee } from './visibility';

/** Who rates referrals, as refusals name them. */
export const FEEDBACK_GIVERS = {
  who: 'the PARTNER that made a referral',
  why: 'staff and admins see the rating, they do not give it',
};

/** A rating of 1 (poor) to 5 (excellent): referral feedback, an appeal's satisfaction. */
export function checkRating(rating: number, field = 'rating'): number {
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) {
    throw badInput(
      `${field} must be a whole number from 1 (poor) to 5 (excellent), got ${rating}`,
      field,
    );
  }
  return rating;
}

export async function submitReferralFeedback(
  context: ReferralContext,
  input: SubmitFeedbackInput,
): Promise<Referral> {
  const { sql, viewer } = context;
  const uuid = referralUuid(input.referralId);
  const rating = checkRating(input.rating);
  const comment = optionalText(input.comment, 'comment', 2000);

  const [row] = await sql.rows('SELECT * FROM referral WHERE uuid = $1', [uuid]);
  const referral = row ? sql.hydrator(Referral)(row) : null;
  if (!referral || !canSee(viewer, referral)) {
    throw notFound(
      `no referral with id ${quote(input.referralId)} is visible to this API key`,
      'referralId',
    );
  }
  if (referral.status !== ReferralStatus.COMPLETED) {
    throw badInput(
      `the referral is ${referral.status}: it can be rated once it is COMPLETED`,
      'referralId',
    );
  }
  // COMPLETED is final, so the status checked above cannot change before the insert.
  const [stored] = await sql.rows<{ rating: number; comment: string | null; inserted: boolean }>(
    `WITH added AS (
       INSERT INTO referral_feedback (referral_uuid, rating, comment, api_key_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (referral_uuid) DO NOTHING RETURNING rating, comment)
     SELECT rating, comment, true AS inserted FROM added
     UNION ALL
     SELECT rating, comment, false FROM referral_feedback WHERE referral_uuid = $1 AND NOT EXISTS (SELECT 1 FROM added)`,
    [uuid, rating, comment, viewer.apiKeyId],
  );
  if (!stored) {
    // A concurrent submission inserted between our snapshot and our insert: read it now.
    const [first] = await sql.rows<{ rating: number; comment: string | null }>(
      'SELECT rating, comment FROM referral_feedback WHERE referral_uuid = $1',
      [uuid],
    );
    return sameOrConflict(first, rating, comment, referral);
  }
  return stored.inserted ? referral : sameOrConflict(stored, rating, comment, referral);
}

function sameOrConflict(
  first: { rating: number; comment: string | null },
  rating: number,
  comment: string | null,
  referral: Referral,
): Referral {
  if (first.rating !== rating || first.comment !== comment) {
    throw conflict(
      `this referral was already rated ${first.rating}: feedback is given once per referral and cannot be changed`,
    );
  }
  return referral;
}
