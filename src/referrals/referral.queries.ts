// SQL for referrals as a viewer may see them: lists newest first, the referrals of many
// enterprises at once, and the history of many referrals at once.
import type { DataSource } from 'typeorm';
import type { Viewer } from '../auth/viewer';
import { anyOf, type PageSource, type SortColumn } from '../db/page-query';
import { entityPage, entityPagesByKey } from '../db/entity-pages';
import { newLoader, rowsByUniqueKey, type LoaderSettings } from '../db/loaders';
import { hydrator, type SqlParameters } from '../db/rows';
import type { CursorShape, PageWindow } from '../schema/pagination';
import { parseCreditCode } from './credit-code';
import { Enterprise } from './enterprise.entity';
import { ReferralEvent } from './referral-event.entity';
import { Referral } from './referral.entity';
import type { ReferralFilter } from './referral.types';
import { visibleReferrals } from './visibility';
import { readRows } from '../db/prepared';

/** Newest first: the insertion sequence, negated since sort keys ascend. */
const NEWEST_FIRST: SortColumn[] = [{ sql: '-t.seq', type: 'int' }];
export const REFERRAL_CURSOR: CursorShape = ['int'];

function referralSource(
  viewer: Viewer,
  filter: ReferralFilter | null | undefined,
  params: SqlParameters,
): PageSource {
  const where = [
    ...visibleReferrals(viewer, params),
    ...anyOf('t.status', filter?.status, 'referral_status', params),
  ];
  if (filter?.institutionCode) {
    where.push(
      `t.institution_id = (SELECT id FROM institution WHERE code = ${params.add(filter.institutionCode.trim())})`,
    );
  }
  if (filter?.creditCode) {
    const code = parseCreditCode(filter.creditCode, 'filter.creditCode');
    where.push(
      `t.enterprise_id = (SELECT id FROM enterprise WHERE credit_code = ${params.add(code)})`,
    );
  }
  return { from: 'referral t', where, sort: NEWEST_FIRST };
}

export interface ReferralQueryContext {
  dataSource: DataSource;
  viewer: Viewer;
  prime(referrals: Referral[]): void;
}

export function listReferrals(
  context: ReferralQueryContext,
  filter: ReferralFilter | null,
  window: PageWindow,
) {
  return entityPage(
    context,
    Referral,
    (params) => referralSource(context.viewer, filter, params),
    window,
  );
}

export function referralPagesByEnterprise(
  context: ReferralQueryContext,
  enterpriseKeys: readonly number[],
  window: PageWindow,
) {
  return entityPagesByKey(
    context,
    Referral,
    enterpriseKeys,
    'int',
    (keysParam, params) => {
      const source = referralSource(context.viewer, null, params);
      return {
        source: { ...source, where: [`t.enterprise_id = ANY(${keysParam})`, ...source.where] },
        partition: 't.enterprise_id',
      };
    },
    window,
  );
}

export function referralLoaders(dataSource: DataSource, settings: LoaderSettings) {
  const referralByUuid = rowsByUniqueKey(
    dataSource,
    Referral,
    'uuid',
    'uuid',
    (referral) => referral.uuid,
    settings,
  );
  return {
    referralByUuid,
    primeReferrals(referrals: Referral[]) {
      for (const referral of referrals) referralByUuid.prime(referral.uuid, referral);
    },
    enterpriseByKey: rowsByUniqueKey(
      dataSource,
      Enterprise,
      'id',
      'int',
      (enterprise) => enterprise.key,
      settings,
    ),
    /** Every status change of each referral, oldest first. */
    historyByReferral: newLoader<string, ReferralEvent[]>(settings, async (uuids) => {
      const rows: Record<string, unknown>[] = await readRows(
        dataSource,
        'SELECT * FROM referral_event WHERE referral_uuid = ANY($1::uuid[]) ORDER BY referral_uuid, id',
        [uuids],
      );
      const hydrate = hydrator(dataSource, ReferralEvent);
      const byReferral = new Map<string, ReferralEvent[]>();
      for (const event of rows.map(hydrate))
        byReferral.set(event.referralUuid, [...(byReferral.get(event.referralUuid) ?? []), event]);
      return uuids.map((uuid) => byReferral.get(uuid) ?? []);
    }),
  };
}
