// "Deadlines not yet passed are recomputed" when an ADMIN sets a year's schedule: the open
// appeals whose counting window touches that year get each deadline that has not passed counted
// again from its own start with the calendar as it will be; passed ones stand (a step already
// late stays late). Runs in setWorkingCalendarYear's transaction, two statements.
import type { RecomputeDeadlines } from '../working-calendar/working-calendar.commands';
import { countDeadlines, OPEN_STATUSES } from './appeal-deadlines';
import { Appeal } from './appeal.entity';

export const recomputeAppealDeadlines: RecomputeDeadlines = async (transaction, year, calendar) => {
  const rows = await transaction.rows<Record<string, unknown> & { now: Date }>(
    `SELECT a.uuid, a.acknowledge_from, a.reply_from, a.resolve_from, a.acknowledge_by, a.reply_by,
            a.resolve_by, a.extension_approved, now() AS now
       FROM appeal a
      WHERE a.status IN ${OPEN_STATUSES}
        AND greatest(a.acknowledge_by, a.reply_by, a.resolve_by) > now()
        AND extract(year FROM least(a.acknowledge_from, a.reply_from, a.resolve_from) AT TIME ZONE 'Asia/Shanghai') <= $1
        AND extract(year FROM greatest(a.acknowledge_by, a.reply_by, a.resolve_by) AT TIME ZONE 'Asia/Shanghai') >= $1`,
    [year],
  );
  if (rows.length === 0) return;
  const hydrate = transaction.hydrator(Appeal);
  const recounted = rows.map((row) => {
    const appeal = hydrate(row);
    const { deadlines, provisional } = countDeadlines(appeal, calendar);
    const keep = (before: Date, after: Date) => (before > row.now ? after : before);
    return {
      uuid: appeal.uuid,
      acknowledgeBy: keep(appeal.acknowledgeBy, deadlines.acknowledgeBy),
      replyBy: keep(appeal.replyBy, deadlines.replyBy),
      resolveBy: keep(appeal.resolveBy, deadlines.resolveBy),
      provisional,
    };
  });
  await transaction.run(
    `UPDATE appeal a
        SET acknowledge_by = x.acknowledge_by, reply_by = x.reply_by, resolve_by = x.resolve_by,
            provisional_deadlines = x.provisional, updated_at = now()
       FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[], $4::timestamptz[], $5::bool[])
            AS x(uuid, acknowledge_by, reply_by, resolve_by, provisional)
      WHERE a.uuid = x.uuid`,
    [
      recounted.map((r) => r.uuid),
      recounted.map((r) => r.acknowledgeBy),
      recounted.map((r) => r.replyBy),
      recounted.map((r) => r.resolveBy),
      recounted.map((r) => r.provisional),
    ],
  );
};
