// The working calendar through HTTP: anyone reads a year's days; an ADMIN sets a year's
// schedule (validated, audited, read again at once, never overwritten by the seed); everyone
// else is refused with nothing written. On a database of its own: the test sets years.
import type { DataSource } from 'typeorm';
import { createNetworkDataSource } from '../../src/app/data-source';
import { createApiKey } from '../../src/auth/api-key.commands';
import { runPendingMigrations } from '../../src/db/migrations';
import { Sql } from '../../src/db/sql';
import { seedNetwork } from '../../src/seed/seed';
import { loadPackagedYears } from '../../src/working-calendar/packaged-years';
import { provincePlan } from '../support/province-plan';
import { bearer } from '../support/referral-fixtures';
import { createScratchDatabase } from '../support/scratch-database';
import { startTestApi, type TestApi } from '../support/test-api';

let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let db: DataSource;
let api: TestApi;
let admin: Record<string, string>;
let partner: Record<string, string>;

const plan = provincePlan('64');

const CALENDAR = `query ($year: Int!) { workingCalendar(year: $year) { date working name } }`;
const SET_YEAR = `mutation ($input: WorkingCalendarYearInput!) {
  setWorkingCalendarYear(input: $input) { date working name }
}`;

/** 2027 as an ADMIN might set it before the State Council publishes (a made-up schedule). */
const year2027 = {
  year: 2027,
  holidays: ['2027-01-01', '2027-01-02', '2027-01-03'],
  workingWeekends: ['2027-01-09'],
};

async function days(year: number) {
  const { data, errors } = await api.graphql<any>(CALENDAR, { year });
  expect(errors).toBeUndefined();
  return new Map((data.workingCalendar as any[]).map((day) => [day.date, day] as const));
}

async function storedYear(year: number) {
  const [row] = await api.sql.rows<{ source: string; holidays: string[] }>(
    `SELECT source, holidays::text[] AS holidays FROM working_calendar_year WHERE year = $1::int`,
    [year],
  );
  return row ?? null;
}

async function auditEntries(year: number) {
  const [{ count }] = await api.sql.rows<{ count: number }>(
    `SELECT count(*)::int AS count FROM audit_entry WHERE entity_type = 'working_calendar_year' AND entity_code = $1`,
    [String(year)],
  );
  return count;
}

beforeAll(async () => {
  scratch = await createScratchDatabase('working_calendar');
  db = createNetworkDataSource({ url: scratch.url, applicationName: 'jest-working-calendar' });
  await db.initialize();
  await runPendingMigrations(db);
  await seedNetwork(new Sql(db), plan);
  api = await startTestApi({ databaseUrl: scratch.url });
  const key = async (role: string) =>
    bearer((await createApiKey(api.sql, { role, name: `calendar ${role}` })).key);
  admin = await key('ADMIN');
  partner = await key('PARTNER');
});
afterAll(async () => {
  await api?.close();
  await db?.destroy();
  await scratch?.drop();
});

describe('workingCalendar', () => {
  it('lists every day of a held year with its holidays and working weekends named', async () => {
    const year = await days(2025);
    expect(year.size).toBe(365);
    expect(year.get('2025-10-01')).toEqual({ date: '2025-10-01', working: false, name: '国庆节' });
    expect(year.get('2025-09-28')).toEqual({ date: '2025-09-28', working: true, name: '国庆节' });
    expect(year.get('2025-10-09')).toEqual({ date: '2025-10-09', working: true, name: null });
    expect(year.get('2025-10-12')).toEqual({ date: '2025-10-12', working: false, name: null });
  });

  it('counts weekends only in a year without a schedule', async () => {
    const year = await days(2030);
    expect(year.size).toBe(365);
    expect(year.get('2030-01-01')).toEqual({ date: '2030-01-01', working: true, name: null });
    expect(year.get('2030-01-05')).toEqual({ date: '2030-01-05', working: false, name: null });
  });

  it('is priced as a whole year, so that aliased copies of it are refused before any work', async () => {
    const one = await api.graphql<any>(CALENDAR, { year: 2026 });
    // 1 for the field and 3 for each of its 366 days at most.
    expect(one.extensions?.cost.estimated).toBe(1 + 366 * 3);
    const aliases = Array.from(
      { length: 30 },
      (_, n) => `y${n}: workingCalendar(year: 2026) { date working name }`,
    );
    const { data, errors } = await api.graphql<any>(`{ ${aliases.join(' ')} }`);
    expect(data ?? null).toBeNull();
    expect(errors?.[0].message).toMatch(/cost/);
  });

  it.each([1999, 2101, 99999, -1])('refuses the year %d as BAD_USER_INPUT', async (year) => {
    const { data, errors } = await api.graphql<any>(CALENDAR, { year });
    expect(data).toBeNull();
    expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
  });
});

describe('setWorkingCalendarYear', () => {
  it('refuses a PARTNER and an anonymous caller, writing nothing', async () => {
    for (const headers of [partner, {}]) {
      const { data, errors } = await api.graphql<any>(SET_YEAR, { input: year2027 }, headers);
      expect(data).toBeNull();
      expect(errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect(await storedYear(2027)).toBeNull();
    expect(await auditEntries(2027)).toBe(0);
  });

  it.each([
    ['a day of another year', { holidays: ['2026-12-31'] }, 'holidays', '2026-12-31'],
    ['a holiday twice', { holidays: ['2027-01-01', '2027-01-01'] }, 'holidays', '2027-01-01'],
    [
      'a working weekend on a Monday',
      { workingWeekends: ['2027-01-04'] },
      'workingWeekends',
      '2027-01-04',
    ],
    [
      'a day both holiday and working weekend',
      { holidays: ['2027-01-02'], workingWeekends: ['2027-01-02'] },
      'workingWeekends',
      '2027-01-02',
    ],
    ['a year out of range', { year: 99999, holidays: [] }, 'year', '99999'],
  ])('refuses %s, naming the field and the day, writing nothing', async (_, change, field, day) => {
    const input = { ...year2027, ...change };
    const { data, errors } = await api.graphql<any>(SET_YEAR, { input }, admin);
    expect(data).toBeNull();
    expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(errors?.[0].message).toContain(day);
    expect(await storedYear(input.year)).toBeNull();
    expect(await auditEntries(input.year)).toBe(0);
  });

  it.each(['2026-02-30', '2026-1-1', '2026-01-01T00:00:00Z', '2026-01-01\u0000'])(
    'refuses the forged day %j before any resolver runs',
    async (forged) => {
      const input = { ...year2027, holidays: [forged] };
      const { data, errors } = await api.graphql<any>(SET_YEAR, { input }, admin);
      expect(data ?? null).toBeNull();
      expect(errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(await storedYear(2027)).toBeNull();
    },
  );

  it('sets a year for ADMIN: answered, audited, and read at once by workingCalendar', async () => {
    const { data, errors } = await api.graphql<any>(SET_YEAR, { input: year2027 }, admin);
    expect(errors).toBeUndefined();
    const answered = new Map(
      (data.setWorkingCalendarYear as any[]).map((day) => [day.date, day] as const),
    );
    expect(answered.size).toBe(365);
    expect(answered.get('2027-01-01')).toEqual({ date: '2027-01-01', working: false, name: null });
    expect(answered.get('2027-01-09')).toEqual({ date: '2027-01-09', working: true, name: null });

    const year = await days(2027);
    expect(year.get('2027-01-01')?.working).toBe(false);
    expect(year.get('2027-01-09')?.working).toBe(true);
    expect(await storedYear(2027)).toEqual({ source: 'ADMIN', holidays: year2027.holidays });
    expect(await auditEntries(2027)).toBe(1);

    // The same schedule again: the same answer, and nothing more in the audit trail.
    const again = await api.graphql<any>(SET_YEAR, { input: year2027 }, admin);
    expect(again.data?.setWorkingCalendarYear).toEqual(data.setWorkingCalendarYear);
    expect(await auditEntries(2027)).toBe(1);
  });

  it('reaches every process: another server reads the new schedule without being told directly', async () => {
    const other = await startTestApi({ databaseUrl: scratch.url });
    try {
      const read = async (day: string) => {
        const { data } = await other.graphql<any>(CALENDAR, { year: 2028 });
        return (data.workingCalendar as any[]).find((entry) => entry.date === day).working;
      };
      // The other server holds 2028 without a schedule: Mon Jan 3 is worked.
      expect(await read('2028-01-03')).toBe(true);
      const input = {
        year: 2028,
        holidays: ['2028-01-01', '2028-01-02', '2028-01-03'],
        workingWeekends: [],
      };
      expect((await api.graphql<any>(SET_YEAR, { input }, admin)).errors).toBeUndefined();
      // Told by the change feed (NOTIFY) after the commit; within 5 s, not its 5-minute time limit.
      const deadline = Date.now() + 5000;
      while ((await read('2028-01-03')) && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await read('2028-01-03')).toBe(false);
    } finally {
      await other.close();
    }
  });

  it('replaces a package year, and a re-run of the seed leaves it as the ADMIN set it', async () => {
    const input = { year: 2025, holidays: ['2025-10-01'], workingWeekends: [] };
    const { errors } = await api.graphql<any>(SET_YEAR, { input }, admin);
    expect(errors).toBeUndefined();
    await seedNetwork(new Sql(db), plan);
    api.reference.invalidate();
    expect(await storedYear(2025)).toEqual({ source: 'ADMIN', holidays: ['2025-10-01'] });
    const year = await days(2025);
    expect(year.get('2025-10-02')?.working).toBe(true);
    expect(year.get('2025-09-28')?.working).toBe(false);
    // A package year no ADMIN touched is still the package's, and loading the package once more
    // changes no row at all.
    expect((await storedYear(2024))?.source).toBe('PACKAGE');
    expect(await loadPackagedYears(new Sql(db))).toBe(0);
  });
});
