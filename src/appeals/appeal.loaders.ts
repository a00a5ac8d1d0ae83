// The batched reads of appeals a request shares.
import { newLoader, rowsByUniqueKey, type LoaderSettings } from '../db/loaders';
import type { Sql } from '../db/sql';
import { AppealChange } from './appeal-change.entity';
import { Appeal } from './appeal.entity';

export function createAppealLoaders(sql: Sql, settings: LoaderSettings) {
  const byUuid = rowsByUniqueKey(sql, Appeal, 'uuid', 'uuid', (row) => row.uuid, settings);
  return {
    byUuid,
    /** Remembers appeals a list already read, so that their fields cost no statement. */
    prime(appeals: Appeal[]) {
      for (const appeal of appeals) byUuid.prime(appeal.uuid, appeal);
    },
    /** Every move of each appeal, oldest first. */
    history: newLoader<string, AppealChange[]>(settings, async (uuids) => {
      const rows = await sql.rows(
        'SELECT * FROM appeal_change WHERE appeal_uuid = ANY($1::uuid[]) ORDER BY appeal_uuid, id',
        [uuids],
      );
      const hydrate = sql.hydrator(AppealChange);
      const byAppeal = new Map<string, AppealChange[]>();
      for (const change of rows.map(hydrate)) {
        const list = byAppeal.get(change.appealUuid);
        if (list) list.push(change);
        else byAppeal.set(change.appealUuid, [change]);
      }
      return uuids.map((uuid) => byAppeal.get(uuid) ?? []);
    }),
  };
}

export type AppealLoaders = ReturnType<typeof createAppealLoaders>;
