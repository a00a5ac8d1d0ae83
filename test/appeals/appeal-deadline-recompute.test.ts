// A calendar year set by an ADMIN recounts the deadlines not yet passed: an appeal submitted at the
// end of 2026, counted with weekends only in 2027, gets 2027's holidays once the year is known.
import { recomputeAppealDeadlines } from '../../src/appeals/appeal-deadline-recompute';
import { submitAppeal } from '../../src/appeals/appeal.commands';
import { createRequestContext } from '../../src/app/context';
import { createReferenceData } from '../../src/app/reference-data';
import { viewerFromHeader } from '../../src/auth/viewer';
import { Sql } from '../../src/db/sql';
import { yearSchedule } from '../../src/working-calendar/working-calendar';
import { appealInput } from '../support/appeal-fixtures';
import { creditCodeFor, makeKeys } from '../support/referral-fixtures';
import { connectTestDatabase } from '../support/test-database';

const TAG = 'appeal recompute';

it('recounts an appeal’s provisional deadlines when the year is set, in its transaction', async () => {
  const db = await connectTestDatabase();
  try {
    const sql = new Sql(db);
    const reference = createReferenceData(sql);
    const keys = await makeKeys(sql, TAG);
    const viewer = await viewerFromHeader(sql, keys.partnerA.authorization);
    // Monday 28 December 2026: the 15th working day lies in 2027, which no schedule covers yet.
    const context = createRequestContext({
      sql,
      reference,
      viewer,
      clock: () => new Date('2026-12-28T10:00:00+08:00'),
    });
    expect(context.recomputeDeadlines).toContain(recomputeAppealDeadlines);
    const appeal = await submitAppeal(context, appealInput(creditCodeFor(TAG)) as never);
    expect(appeal).toMatchObject({
      provisionalDeadlines: true,
      replyBy: new Date('2026-12-31T16:00:00Z'),
      resolveBy: new Date('2027-01-18T16:00:00Z'),
    });
    const calendar = new Map(await reference.workingCalendar.schedules());
    calendar.set(
      2027,
      yearSchedule(
        {
          year: 2027,
          holidays: ['2027-01-01'],
          holidayNames: ['元旦'],
          workingWeekends: [],
          workingWeekendNames: [],
        },
        'ADMIN',
      ),
    );
    const recounted = await sql
      .transaction(async (transaction) => {
        await recomputeAppealDeadlines(transaction, 2027, calendar);
        const [row] = await transaction.rows<Record<string, unknown>>(
          `SELECT reply_by, resolve_by, provisional_deadlines FROM appeal WHERE uuid = $1`,
          [appeal.uuid],
        );
        throw Object.assign(new Error('roll back'), { row });
      })
      .catch((error: { row: Record<string, unknown> }) => error.row);
    // New Year's Day is off: the 15th working day moves from Monday 18 to Tuesday 19 January.
    expect(recounted).toEqual({
      reply_by: new Date('2026-12-31T16:00:00Z'),
      resolve_by: new Date('2027-01-19T16:00:00Z'),
      provisional_deadlines: false,
    });
  } finally {
    await db.destroy();
  }
});
