// The seeded digital-transformation pilots: three yearly batches of pilot cities (30, 35, 35:
// the first finished, the second near its end, the third under way, dated around the seed's day)
// in provinces with MARKET agencies, about 40,000 enterprises enrolled in them at stages and
// levels that fit each batch's age, served by the MARKET agencies of the city's province, with
// subsidies by the city's rule and funds that cover them. About 30 % are specialized: the
// registry's own specialized SMEs of the city (live on the seed's day), and where the city has too
// few of them, enterprises created here and granted SPECIALIZED_SME; the others are created here,
// located in the city's region. Set-based SQL, a few statements; written once: a database that
// has pilot cities is left as it is.
import { allIndustries } from '../cultivation/industry-classification';
import { designationValidOn } from '../cultivation/registry-today';
import type { SqlRunner } from '../db/sql';
import { CREDIT_CODE_ALPHABET } from '../referrals/credit-code';
import { DEFAULT_SUBSIDY_RULE, subsidySql } from '../pilots/subsidy-rule';

/** Cities per batch, and each batch's days relative to the seed's day. */
const BATCHES = [
  { batch: 1, cities: 30, startsIn: -1045, endsIn: -315, enrolled: 1.05 },
  { batch: 2, cities: 35, startsIn: -680, endsIn: 45, enrolled: 0.95 },
  { batch: 3, cities: 35, startsIn: -300, endsIn: 430, enrolled: 0.8 },
] as const;

/** Sub-industries (细分行业) the cities enrol under, with their GB/T 4754-2017 class. */
const SUB_INDUSTRIES = [
  ['汽车零部件', 'C3670'],
  ['电子元器件', 'C3981'],
  ['电力电子元器件', 'C3824'],
  ['金属结构', 'C3311'],
  ['涂料', 'C2641'],
  ['医疗器械', 'C3581'],
  ['木质家具', 'C2110'],
  ['金属表面处理', 'C3360'],
  ['显示器件', 'C3974'],
  ['塑料加工专用设备', 'C3523'],
  ['日用塑料制品', 'C2927'],
  ['内燃机及配件', 'C3412'],
] as const;

const TRADE_NAMES = [
  '华信',
  '鼎盛',
  '恒通',
  '瑞丰',
  '金桥',
  '博远',
  '天成',
  '宏达',
  '嘉禾',
  '永泰',
  '聚能',
  '智航',
  '启航',
  '同创',
  '富源',
  '信达',
];

/** GB 32100-2015 weights of the first 17 characters (credit-code.ts). */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Share of enrolled enterprises that hold a SPECIALIZED_SME designation. */
const SPECIALIZED_SHARE = 0.3;

export interface PilotSeedCounts {
  cities: number;
  enterprises: number;
  designations: number;
}

/** A deterministic number 0 ≤ n < 1 from a text and a salt (SQL). */
const unit = (text: string, salt: string) =>
  `((('x' || substr(md5(${text} || '${salt}'), 1, 8))::bit(32)::bigint % 1000000) / 1000000.0)`;

/** The `k`-th (0–7) of eight deterministic numbers 0 ≤ n < 1 that one md5 `hash` holds (SQL). */
const draw = (hash: string, k: number) =>
  `(('x' || substr(${hash}, ${4 * k + 1}, 4))::bit(16)::int / 65536.0)`;

/** The weighted sum of a 17-digit code's digits (GB 32100-2015), unrolled (SQL). */
const checkSum = (code: string) =>
  WEIGHTS.map((weight, i) => `substr(${code}, ${i + 1}, 1)::int * ${weight}`).join(' + ');

/**
 * `scale` (SEED_SCALE) is the share of each city's enrolments written (at least one a city): the
 * cities themselves are always all there.
 */
export async function seedPilots(
  sql: SqlRunner,
  seededOn: string,
  scale = 1,
): Promise<PilotSeedCounts> {
  const [{ seeded }] = await sql.rows<{ seeded: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM pilot_city) AS seeded',
  );
  if (seeded) return { cities: 0, enterprises: 0, designations: 0 };

  // The cities: real prefectures and the municipalities' districts, in provinces with MARKET
  // agencies, in a fixed pseudo-random order; the first 30 are batch 1, and so on.
  const cities = await sql.run(
    `WITH served AS (
       SELECT left(region_code, 2) AS province FROM institution
        WHERE kind = 'MARKET' AND active AND region_code IS NOT NULL GROUP BY 1),
     candidate AS (
       SELECT r.code, row_number() OVER (ORDER BY md5('pilot-city' || r.code)) AS n
         FROM region r JOIN served s ON s.province = left(r.code, 2)
        WHERE r.level = 'PREFECTURE'
           OR (r.level = 'COUNTY' AND r.parent_code IN ('110000', '120000', '310000', '500000') AND r.name LIKE '%区')),
     batch AS (
       SELECT * FROM unnest($2::int[], $3::int[], $4::int[], $5::int[]) AS b(batch, cities, starts_in, ends_in))
     INSERT INTO pilot_city (region_code, batch, starts_on, ends_on, target_enterprises, funds_allocated_yuan, subsidy_rule)
     SELECT c.code, b.batch, $1::date + b.starts_in, $1::date + b.ends_in,
            380 + floor(${unit('c.code', 'target')} * 100)::int,
            CASE WHEN ${unit('c.code', 'funds')} < 0.5 THEN 100000000 ELSE 150000000 END, $6::jsonb
       FROM candidate c
       JOIN batch b ON c.n > (SELECT coalesce(sum(p.cities), 0) FROM batch p WHERE p.batch < b.batch)
                   AND c.n <= (SELECT sum(p.cities) FROM batch p WHERE p.batch <= b.batch)
      ORDER BY c.n`,
    [
      seededOn,
      BATCHES.map((b) => b.batch),
      BATCHES.map((b) => b.cities),
      BATCHES.map((b) => b.startsIn),
      BATCHES.map((b) => b.endsIn),
      JSON.stringify(DEFAULT_SUBSIDY_RULE),
    ],
  );

  const industryClasses = allIndustries().filter((industry) => industry.level === 'class');
  // One statement for the enterprises, their designations and their pilots, from one row per
  // enterprise to enrol that says everything its pilot will be. The cities are materialised:
  // inlined, their counties and agencies would be read again for every row.
  const [counts] = await sql.rows<{ enterprises: number; designations: number }>(
    `WITH city AS MATERIALIZED (
       SELECT c.*, b.enrolled, least(c.ends_on, $1::date - 1) AS until,
              (SELECT array_agg(r.code ORDER BY r.code) FROM region r
                WHERE r.level = 'COUNTY' AND r.code <> c.region_code
                  AND left(r.code, 4) = left(c.region_code, 4) AND c.region_code LIKE '____00') AS counties,
              (SELECT array_agg(i.id ORDER BY i.id) FROM institution i
                WHERE i.kind = 'MARKET' AND i.active AND left(i.region_code, 2) = left(c.region_code, 2)) AS agencies
         FROM pilot_city c JOIN unnest($2::int[], $3::float8[]) AS b(batch, enrolled) ON b.batch = c.batch),
     placed AS (
       SELECT c.id AS city_id, c.region_code AS city_code, c.batch, c.starts_on, c.until, c.agencies,
              coalesce(c.counties[1 + (n * 7919) % cardinality(c.counties)], c.region_code) AS region_code, n
         FROM city c CROSS JOIN LATERAL generate_series(1, greatest(1, round(c.target_enterprises * c.enrolled * $5))::int) AS n),
     coded AS (
       SELECT p.*, '91' || p.region_code || '8' || lpad(p.city_id::text, 3, '0') || lpad(p.n::text, 5, '0') AS base
         FROM placed p),
     drawn AS (
       SELECT c.*, c.base || substr('${CREDIT_CODE_ALPHABET}', (31 - (${checkSum('c.base')}) % 31) % 31 + 1, 1) AS credit_code,
              md5(c.base) AS h
         FROM coded c),
     seed AS MATERIALIZED (
       SELECT d.*, ${draw('d.h', 0)} < CASE d.batch WHEN 1 THEN 0.08 WHEN 2 THEN 0.07 ELSE 0.05 END AS withdrawn,
              CASE WHEN ${draw('d.h', 0)} < CASE d.batch WHEN 1 THEN 0.08 WHEN 2 THEN 0.07 ELSE 0.05 END
                     THEN floor(${draw('d.h', 1)} * 3)::int
                   WHEN d.batch = 1 THEN 3
                   WHEN d.batch = 2 THEN CASE WHEN ${draw('d.h', 0)} < 0.09 THEN 0 WHEN ${draw('d.h', 0)} < 0.13 THEN 1
                                              WHEN ${draw('d.h', 0)} < 0.35 THEN 2 ELSE 3 END
                   ELSE CASE WHEN ${draw('d.h', 0)} < 0.30 THEN 0 WHEN ${draw('d.h', 0)} < 0.60 THEN 1
                             WHEN ${draw('d.h', 0)} < 0.92 THEN 2 ELSE 3 END END AS reached,
              l.level_before,
              least(4, l.level_before + CASE WHEN ${draw('d.h', 3)} < 0.2 THEN 0 WHEN ${draw('d.h', 3)} < 0.8 THEN 1 ELSE 2 END) AS level_after,
              d.agencies[1 + floor(${draw('d.h', 4)} * 1000)::int % cardinality(d.agencies)] AS diagnosed_by,
              d.agencies[1 + floor(${draw('d.h', 5)} * 1000)::int % cardinality(d.agencies)] AS provider,
              (100000 + floor(${draw('d.h', 6)} * 90) * 10000)::numeric(14, 2) AS cost,
              1 + floor(${draw('d.h', 7)} * ${SUB_INDUSTRIES.length})::int AS industry,
              d.starts_on + floor(${draw('d.h', 6)} * 60)::int AS enrolled_on,
              ${draw('d.h', 1)} AS u_kind
         FROM drawn d
         CROSS JOIN LATERAL (SELECT CASE WHEN ${draw('d.h', 2)} < 0.4 THEN 1 WHEN ${draw('d.h', 2)} < 0.85 THEN 2 ELSE 3 END AS level_before) l),
     -- The specialized share (about 30 %) numbered within each city …
     ranked AS (
       SELECT s.*, s.u_kind * 13 % 1 < $4 AS specialized,
              row_number() OVER (PARTITION BY s.city_id, s.u_kind * 13 % 1 < $4 ORDER BY s.n) AS k
         FROM seed s),
     -- … is, as far as it goes, the registry's own: specialized SMEs and little giants of the city,
     -- live on the seed's day and in no pilot yet, in a fixed pseudo-random order.
     listed AS MATERIALIZED (
       SELECT c.id AS city_id, e.id AS enterprise_id, e.industry_code,
              row_number() OVER (PARTITION BY c.id ORDER BY md5(e.credit_code)) AS k
         FROM city c
         JOIN enterprise e ON left(e.region_code, 4) = left(c.region_code, 4)
                          AND (c.region_code LIKE '____00' OR e.region_code = c.region_code)
        WHERE EXISTS (SELECT 1 FROM designation d WHERE d.enterprise_id = e.id
                         AND d.kind IN ('SPECIALIZED_SME', 'LITTLE_GIANT') AND ${designationValidOn('d', '$1::date')})
          AND NOT EXISTS (SELECT 1 FROM pilot_enterprise p WHERE p.enterprise_id = e.id AND p.stage <> 'WITHDRAWN')),
     industry AS MATERIALIZED (
       SELECT * FROM unnest($6::text[], $7::text[]) AS i(code, name)),
     chosen AS (
       SELECT r.*, l.enterprise_id AS listed_id, i.name AS listed_industry
         FROM ranked r
         LEFT JOIN listed l ON r.specialized AND l.city_id = r.city_id AND l.k = r.k
         LEFT JOIN industry i ON i.code = l.industry_code),
     -- The others are created. Existing rows answer too (DO UPDATE changes nothing), so that a
     -- registry seeded first cannot hide them; only those located where the seed placed them are
     -- enrolled.
     ent AS (
       INSERT INTO enterprise (credit_code, name, scale, region_code, industry_code)
       SELECT s.credit_code,
              (SELECT name FROM region WHERE code = s.city_code) || (ARRAY['${TRADE_NAMES.join("', '")}'])[1 + s.n % ${TRADE_NAMES.length}]
                || (ARRAY['${SUB_INDUSTRIES.map(([name]) => name).join("', '")}'])[s.industry] || '有限公司',
              (CASE WHEN ${draw('s.h', 3)} < 0.2 THEN 'MICRO' WHEN ${draw('s.h', 3)} < 0.7 THEN 'SMALL' ELSE 'MEDIUM' END)::enterprise_scale,
              s.region_code, (ARRAY['${SUB_INDUSTRIES.map(([, code]) => code).join("', '")}'])[s.industry]
         FROM chosen s
        WHERE s.listed_id IS NULL
       ON CONFLICT (credit_code) DO UPDATE SET updated_at = enterprise.updated_at
       RETURNING id, credit_code, region_code),
     -- The registry: SPECIALIZED_SME for the specialized share the registry had too few for,
     -- unless one is live already.
     granted AS (
       INSERT INTO designation (enterprise_id, kind, granted_by_code, batch, valid_from, valid_until, status)
       SELECT e.id, 'SPECIALIZED_SME', left(s.city_code, 2) || '0000', to_char($1::date - 500, 'YYYY') || '-1',
              $1::date - 500, $1::date - 500 + interval '3 years' - interval '1 day', 'ACTIVE'
         FROM chosen s JOIN ent e ON e.credit_code = s.credit_code
        WHERE s.specialized
       ON CONFLICT (enterprise_id, kind) WHERE status IN ('ACTIVE', 'UNDER_REVIEW') DO NOTHING
       RETURNING id, valid_from),
     granted_history AS (
       INSERT INTO designation_change (designation_id, status, at, actor)
       SELECT id, 'ACTIVE', (valid_from + time '10:00') AT TIME ZONE 'Asia/Shanghai', 'seed' FROM granted),
     -- The pilots: created_at is the day of enrolment, updated_at the last move (the history below
     -- is read back from them).
     enrolled AS (
       INSERT INTO pilot_enterprise (city_id, enterprise_id, sub_industry, stage, level_before, level_after,
                                     diagnosed_by_id, provider_id, project_cost_yuan, subsidy_yuan, created_at, updated_at)
       SELECT s.city_id, coalesce(s.listed_id, e.id),
              coalesce(s.listed_industry, (ARRAY['${SUB_INDUSTRIES.map(([name]) => name).join("', '")}'])[s.industry]),
              (CASE WHEN s.withdrawn THEN 'WITHDRAWN'
                    ELSE (ARRAY['ENROLLED', 'DIAGNOSED', 'IN_TRANSFORMATION', 'ACCEPTED'])[s.reached + 1] END)::pilot_stage,
              CASE WHEN s.reached >= 1 THEN s.level_before END,
              CASE WHEN s.reached = 3 AND NOT s.withdrawn THEN s.level_after END,
              CASE WHEN s.reached >= 1 THEN s.diagnosed_by END,
              CASE WHEN s.reached >= 2 THEN s.provider END,
              CASE WHEN s.reached >= 2 THEN s.cost END,
              CASE WHEN s.reached = 3 AND NOT s.withdrawn THEN ${subsidySql('c.subsidy_rule', 's.cost', 's.level_after')} END,
              (s.enrolled_on + time '10:00') AT TIME ZONE 'Asia/Shanghai',
              (s.enrolled_on + greatest(s.until - s.enrolled_on, 4) * 9 / 10 + time '10:00') AT TIME ZONE 'Asia/Shanghai'
         FROM chosen s
         JOIN pilot_city c ON c.id = s.city_id
         LEFT JOIN ent e ON s.listed_id IS NULL AND e.credit_code = s.credit_code AND e.region_code = s.region_code
        WHERE coalesce(s.listed_id, e.id) IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM pilot_enterprise p
                           WHERE p.enterprise_id = coalesce(s.listed_id, e.id) AND p.stage <> 'WITHDRAWN')
        ORDER BY s.city_id, s.n
       RETURNING id)
     SELECT (SELECT count(*)::int FROM enrolled) AS enterprises, (SELECT count(*)::int FROM granted) AS designations`,
    [
      seededOn,
      BATCHES.map((b) => b.batch),
      BATCHES.map((b) => b.enrolled),
      SPECIALIZED_SHARE,
      scale,
      industryClasses.map((industry) => industry.code),
      industryClasses.map((industry) => industry.name),
    ],
  );

  // Their history, read back from the rows: each stage reached, at its share of the time between
  // enrolment and the last move (a withdrawal after the last stage it reached).
  await sql.run(
    `INSERT INTO pilot_stage_change (pilot_enterprise_id, stage, at, actor, note)
     SELECT p.id, x.stage::pilot_stage, p.created_at + (p.updated_at - p.created_at) * x.share / 9, 'seed', x.note
       FROM pilot_enterprise p
       CROSS JOIN LATERAL (VALUES
         (p.sub_industry IS NOT NULL, 'ENROLLED', 0, p.sub_industry),
         (p.diagnosed_by_id IS NOT NULL, 'DIAGNOSED', 3, 'level ' || p.level_before),
         (p.provider_id IS NOT NULL, 'IN_TRANSFORMATION', 5, 'project cost ¥' || p.project_cost_yuan),
         (p.stage = 'ACCEPTED', 'ACCEPTED', 9, 'level ' || p.level_before || ' → ' || p.level_after || ', subsidy ¥' || p.subsidy_yuan),
         (p.stage = 'WITHDRAWN', 'WITHDRAWN', 9, 'the enterprise left the pilot')
       ) AS x(reached, stage, share, note)
      WHERE p.api_key_id IS NULL AND x.reached
        AND NOT EXISTS (SELECT 1 FROM pilot_stage_change h WHERE h.pilot_enterprise_id = p.id)
      ORDER BY p.id, x.share`,
  );

  // Each city's subsidies paid, and funds that cover them (whole millions).
  await sql.run(
    `UPDATE pilot_city c SET subsidy_paid_yuan = t.paid,
            funds_allocated_yuan = greatest(c.funds_allocated_yuan, ceil(t.paid * 100 / (100 - c.reserve_percent) / 1000000) * 1000000)
       FROM (SELECT city_id, coalesce(sum(subsidy_yuan), 0) AS paid FROM pilot_enterprise GROUP BY city_id) t
      WHERE t.city_id = c.id`,
  );
  return { cities: cities.rowCount, ...counts };
}
