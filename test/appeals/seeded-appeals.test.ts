// The seeded year of appeals in the run's database, and the figures read from it: SEED_SCALE's
// share of 50,000 (test/seed/full-seed.test.ts counts the whole year), most on time and closed satisfied, some escalated, extended or reopened, the latest open within
// their deadlines; networkStatistics.appeals per area in a fixed number of statements; scorecards'
// resolved appeals as the raw table counts them.
import { SEEDED_APPEALS } from '../../src/seed/appeal-plan';
import { beijing } from '../../src/seed/beijing-time';
import { SEED_SCALE } from '../support/seed-scale';
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
let seededAt: Date;
let seedYear: number;
/** The appeals this run's seed wrote. */
const planned = Math.round(SEEDED_APPEALS * SEED_SCALE);

beforeAll(async () => {
  api = await startTestApi();
  const [{ day }] = await api.sql.rows<{ day: string }>(
    `SELECT seeded_on::text AS day FROM seed_info`,
  );
  seededAt = beijing(day, 0, 9);
  seedYear = Number(day.slice(0, 4));
});

afterAll(async () => {
  await api?.close();
});

describe('the seeded appeals', () => {
  it('hold the planned share of 50,000 over the past year, of every category, mostly closed', async () => {
    const [row] = await api.sql.rows<Record<string, number>>(
      `SELECT count(*)::int AS total, count(DISTINCT category)::int AS categories,
              count(*) FILTER (WHERE status = 'CLOSED')::int AS closed,
              count(*) FILTER (WHERE status IN ('SUBMITTED', 'ACKNOWLEDGED', 'REPLIED'))::int AS open,
              count(DISTINCT status)::int AS statuses,
              count(*) FILTER (WHERE escalations = 1)::int AS escalated,
              count(*) FILTER (WHERE extension_approved)::int AS extended,
              count(*) FILTER (WHERE reopened)::int AS reopened,
              extract(day FROM max(submitted_at) - min(submitted_at))::int AS days
         FROM appeal WHERE request_hash = 'seed'`,
    );
    expect(row.total).toBe(planned);
    expect(row).toMatchObject({ categories: 8, statuses: 5 });
    expect(row.closed / row.total).toBeGreaterThan(0.8);
    expect(row.open).toBeGreaterThan(planned / 500);
    for (const path of ['escalated', 'extended', 'reopened'])
      expect([path, row[path] > row.total / 200]).toEqual([path, true]);
    expect(row.days).toBeGreaterThan(350);
  });

  it('leave no open appeal overdue at the seed’s moment, and number them in submission order', async () => {
    const [row] = await api.sql.rows<Record<string, number>>(
      `SELECT count(*) FILTER (WHERE status IN ('SUBMITTED', 'ACKNOWLEDGED', 'REPLIED')
                                 AND least(CASE WHEN status = 'SUBMITTED' THEN acknowledge_by END,
                                           CASE WHEN status IN ('SUBMITTED', 'ACKNOWLEDGED') THEN reply_by END,
                                           resolve_by) <= $1)::int AS overdue,
              count(*) FILTER (WHERE submitted_at < previous)::int AS out_of_order
         FROM (SELECT a.*, lag(submitted_at) OVER (ORDER BY seq) AS previous
                 FROM appeal a WHERE request_hash = 'seed') s`,
      [seededAt],
    );
    expect(row).toEqual({ overdue: 0, out_of_order: 0 });
  });

  it('keep a history that follows the lifecycle, escalations naming both institutions', async () => {
    const rows = await api.sql.rows<{ kind: string; lines: number; n: number }>(
      `SELECT CASE WHEN a.reopened THEN 'reopened' WHEN a.escalations = 1 THEN 'escalated'
                   WHEN a.extension_approved IS NOT NULL THEN 'extended' ELSE 'plain' END AS kind,
              (SELECT count(*)::int FROM appeal_change c WHERE c.appeal_uuid = a.uuid) AS lines,
              count(*)::int AS n
         FROM appeal a WHERE a.request_hash = 'seed' AND a.status = 'CLOSED'
        GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    // SUBMITTED, ACKNOWLEDGED, REPLIED, RESOLVED, CLOSED; + the escalation; + the extension's
    // request and decision; + the first round (three steps) and the reopening.
    expect(rows.map(({ kind, lines }) => [kind, lines])).toEqual([
      ['escalated', 6],
      ['extended', 7],
      ['plain', 5],
      ['reopened', 9],
    ]);
    const [escalation] = await api.sql.rows<{ note: string; moved_to: boolean }>(
      `SELECT c.note, c.handler_id = a.handler_id AS moved_to
         FROM appeal_change c JOIN appeal a ON a.uuid = c.appeal_uuid
        WHERE a.request_hash = 'seed' AND c.handler_id IS NOT NULL LIMIT 1`,
    );
    expect(escalation.moved_to).toBe(true);
    expect(escalation.note).toMatch(/^escalated from .+ \(C-\d{6}\) to .+ \(C-\d{6}\)/);
  });
});

describe('networkStatistics.appeals', () => {
  const FIGURES = 'received open overdue onTimeRate medianWorkingDaysToResolve satisfaction';

  it('gives most on time and satisfied, resolved in a median of 3 to 15 working days', async () => {
    const { data, errors } = await api.graphql(`{ networkStatistics { appeals { ${FIGURES} } } }`);
    expect(errors).toBeUndefined();
    const figures = data!.networkStatistics.appeals;
    // Other tests' appeals count too; a seeded one from just over a year ago does not.
    expect(figures.received).toBeGreaterThan(planned * 0.95);
    expect(figures.onTimeRate).toBeGreaterThan(0.85);
    expect(figures.onTimeRate).toBeLessThan(1);
    expect(figures.medianWorkingDaysToResolve).toBeGreaterThanOrEqual(3);
    expect(figures.medianWorkingDaysToResolve).toBeLessThanOrEqual(15);
    expect(figures.satisfaction).toBeGreaterThan(0.85);
  });

  it('counts a province as the raw table does', async () => {
    // Zhejiang: the appeals tests, running beside this file, submit and move appeals in
    // Guangdong, which would change the count between the two reads.
    const { data } = await api.graphql(
      `{ networkStatistics(regionCode: "33") { appeals { received open } } }`,
    );
    const [raw] = await api.sql.rows<{ received: number; open: number }>(
      `SELECT count(*)::int AS received,
              count(*) FILTER (WHERE status IN ('SUBMITTED', 'ACKNOWLEDGED', 'REPLIED'))::int AS open
         FROM appeal WHERE region_code BETWEEN '330000' AND '339999'`,
    );
    expect(raw.received).toBeGreaterThan(0);
    expect(data!.networkStatistics.appeals).toEqual(raw);
  });

  it('reads the country and its 31 provinces in as many statements as one province', async () => {
    const country = await api.countedGraphql(
      `{ networkStatistics { appeals { ${FIGURES} } breakdown { appeals { ${FIGURES} } } } }`,
    );
    const province = await api.countedGraphql(
      `{ networkStatistics(regionCode: "44") { appeals { ${FIGURES} } } }`,
    );
    expect(country.response.errors).toBeUndefined();
    expect(country.response.data!.networkStatistics.breakdown).toHaveLength(31);
    expect(country.statements).toBe(province.statements);
  });
});

describe('Institution.scorecard', () => {
  it('counts the appeals an institution resolved in the year, and those on time, as the raw table does', async () => {
    const { data, errors } = await api.graphql(
      `query ($year: Int!) { institution(code: "C-440000") { scorecard(year: $year) { appealsResolved appealsResolvedOnTime } } }`,
      { year: seedYear },
    );
    expect(errors).toBeUndefined();
    const [raw] = await api.sql.rows<{ resolved: number; on_time: number }>(
      `SELECT count(*)::int AS resolved,
              count(*) FILTER (WHERE a.resolved_at < a.resolve_by AND a.escalations = 0)::int AS on_time
         FROM appeal a JOIN institution i ON i.id = a.handler_id
        WHERE i.code = 'C-440000' AND a.resolved_at >= $1 AND a.resolved_at < $2`,
      [
        new Date(`${seedYear}-01-01T00:00:00+08:00`),
        new Date(`${seedYear + 1}-01-01T00:00:00+08:00`),
      ],
    );
    expect(raw.resolved).toBeGreaterThan(0);
    expect(data!.institution.scorecard).toEqual({
      appealsResolved: raw.resolved,
      appealsResolvedOnTime: raw.on_time,
    });
  });
});
