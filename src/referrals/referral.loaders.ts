// The batched reads of referrals and enterprises a request shares.
import { newLoader, rowsByUniqueKey, type LoaderSettings } from '../db/loaders';
import type { Sql } from '../db/sql';
import type { Viewer } from '../auth/viewer';
import { Enterprise } from './enterprise.entity';
import { ReferralEvent } from './referral-event.entity';
import { ReferralFeedback } from './referral-feedback.entity';
import { Referral } from './referral.entity';
import { enterprisesWithVisibleReferrals } from './referral.queries';

export function createReferralLoaders(sql: Sql, viewer: Viewer, settings: LoaderSettings) {
  const byUuid = rowsByUniqueKey(sql, Referral, 'uuid', 'uuid', (row) => row.uuid, settings);
  return {
    byUuid,
    /** Remembers referrals a list already read, so that their fields cost no statement. */
    prime(referrals: Referral[]) {
      for (const referral of referrals) byUuid.prime(referral.uuid, referral);
    },
    enterpriseByKey: rowsByUniqueKey(sql, Enterprise, 'id', 'int', (row) => row.key, settings),
    /** Whether the viewer sees a referral of each enterprise (and so the enterprise). */
    enterpriseVisible: newLoader<number, boolean>(settings, async (keys) => {
      const visible = await enterprisesWithVisibleReferrals(sql, viewer, keys);
      return keys.map((key) => visible.has(key));
    }),
    /** Each referral's feedback, or null while none was given. */
    feedback: rowsByUniqueKey(
      sql,
      ReferralFeedback,
      'referral_uuid',
      'uuid',
      (row) => row.referralUuid,
      settings,
    ),
    /** Every status change of each referral, oldest first. */
    history: newLoader<string, ReferralEvent[]>(settings, async (uuids) => {
      const rows = await sql.rows(
        'SELECT * FROM referral_event WHERE referral_uuid = ANY($1::uuid[]) ORDER BY referral_uuid, id',
        [uuids],
      );
      const hydrate = sql.hydrator(ReferralEvent);
      const byReferral = new Map<string, ReferralEvent[]>();
      for (const event of rows.map(hydrate))
        byReferral.set(event.referralUuid, [...(byReferral.get(event.referralUuid) ?? []), event]);
      return uuids.map((uuid) => byReferral.get(uuid) ?? []);
    }),
  };
}

export type ReferralLoaders = ReturnType<typeof createReferralLoaders>;
