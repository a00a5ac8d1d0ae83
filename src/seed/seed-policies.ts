// Seeds the policy library at every tier — 40 national policies, 10 per province, 2 in every
// third real prefecture, 1 in every twelfth county (about 800) — with their guides, then a past of
// applications to them (submitted, decided, paid; some approved and overdue) and the AUTOMATIC
// entitlements the registry supports today. Set-based: one INSERT per table, the policies
// generated from the regions and the templates in SQL. Idempotent: policies are keyed by code,
// and only new policies get applications.
import type { SqlTransaction } from '../db/sql';
import { entitleEligible, lockEntitlements } from '../policies/policy-entitlements';
import { payDeadline } from '../policies/pay-by';
import {
  APPLIES_IN_CHAIN,
  MEETS_CONDITIONS,
  ENTERPRISE_JOINS,
} from '../policies/policy-eligibility';
import { readSchedules } from '../working-calendar/working-calendar';
import { column } from './columns';
import { issuedNationally, POLICY_TEMPLATES } from './policy-plan';

/** A deterministic number in 0..2^31 from text (md5's first 31 bits). */
const hashOf = (text: string) => `(('x' || substr(md5(${text}), 1, 8))::bit(32)::int & 2147483647)`;

/** How far back applications go: approvals on these days get their payBy from the calendar. */
const HISTORY_DAYS = 700;

export interface PolicySeedCounts {
  policies: number;
  applications: number;
  entitlements: number;
}

export async function insertPolicies(
  transaction: SqlTransaction,
  seededOn: string,
): Promise<PolicySeedCounts> {
  const templates = POLICY_TEMPLATES;
  // The national tier draws from its own kinds (issuedNationally), by their place in the list.
  const national = templates.flatMap((template, index) =>
    issuedNationally(template) ? [index + 1] : [],
  );
  const policies = await transaction.rows<{ id: number }>(
    `WITH tier AS (
       SELECT NULL::bpchar AS region_code, '国家' AS place, 'NATIONAL' AS tier, n FROM generate_series(1, 40) n
       UNION ALL
       SELECT r.code, r.name, 'PROVINCE', n FROM region r, generate_series(1, 10) n WHERE r.level = 'PROVINCE'
       UNION ALL
       SELECT r.code, r.name, 'PREFECTURE', n FROM region r, generate_series(1, 2) n
        WHERE r.level = 'PREFECTURE' AND ${hashOf('r.code')} % 3 = 0
       UNION ALL
       SELECT r.code, r.name, 'COUNTY', 1 FROM region r WHERE r.level = 'COUNTY' AND ${hashOf('r.code')} % 12 = 0
     ), planned AS (
       SELECT tier.*, ${hashOf(`coalesce(tier.region_code, 'CN') || '-' || tier.n`)} AS h FROM tier
     ), dated AS (
       SELECT planned.*,
              -- Nine in ten opened in the last 600 days, one in ten opens within two months.
              CASE WHEN h % 10 = 0 THEN $1::date + (1 + h % 60) ELSE $1::date - (h % 600) END AS opens_on
         FROM planned
     )
     INSERT INTO policy (code, title, region_code, issuer, category_id, benefit_kind, max_amount_yuan, delivery,
                         eligible_scales, min_designation, industry_codes, pilot_only, opens_on, closes_on,
                         status, guide_beneficiaries, guide_conditions, guide_materials, guide_office,
                         guide_phone, entitled_at, withdrawn_at)
     SELECT CASE WHEN d.region_code IS NULL THEN 'CN' ELSE 'R' || d.region_code END
              || '-' || extract(year FROM d.opens_on) || '-' || lpad(d.n::text, 3, '0'),
            CASE WHEN d.region_code IS NULL THEN '' ELSE d.place END || extract(year FROM d.opens_on) || '年' || tpl.title,
            d.region_code,
            CASE d.tier WHEN 'NATIONAL' THEN (ARRAY['工业和信息化部', '财政部', '国家税务总局'])[1 + d.h % 3]
                        WHEN 'PROVINCE' THEN d.place || CASE WHEN d.place LIKE '%市' THEN '经济和信息化局' ELSE '工业和信息化厅' END
                        ELSE d.place || '工业和信息化局' END,
            (SELECT id FROM service_category WHERE code = tpl.category),
            tpl.benefit::benefit_kind,
            NULLIF(tpl.max_amount, 0),
            tpl.delivery::policy_delivery,
            coalesce(string_to_array(NULLIF(tpl.scales, ''), ','), '{}')::enterprise_scale[],
            NULLIF(tpl.min_designation, '')::designation_kind,
            coalesce(string_to_array(NULLIF(tpl.industries, ''), ','), '{}'),
            tpl.pilot_only,
            d.opens_on,
            CASE WHEN d.h % 10 < 3 THEN d.opens_on + 365 + d.h % 180 END,
            CASE WHEN d.h % 37 = 0 THEN 'WITHDRAWN' ELSE 'PUBLISHED' END::policy_status,
            tpl.beneficiaries || '，注册地在' || CASE WHEN d.region_code IS NULL THEN '中华人民共和国境内' ELSE d.place END || '。',
            '企业须依法经营、信用良好，近三年无重大安全、环保、质量事故；具体条件以本政策正文为准。',
            tpl.materials || '。',
            CASE WHEN d.region_code IS NULL THEN '工业和信息化部中小企业局' ELSE d.place || '中小企业服务中心政策服务窗口' END,
            '0' || (10 + d.h % 890) || '-' || (60000000 + d.h % 29999999),
            CASE WHEN tpl.delivery = 'AUTOMATIC' AND d.opens_on <= $1::date AND d.h % 37 <> 0 THEN now() END,
            CASE WHEN d.h % 37 = 0 THEN now() END
       FROM dated d
       JOIN unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::boolean[],
                   $9::numeric[], $10::text[], $11::text[], $12::text[])
            WITH ORDINALITY AS tpl(title, category, benefit, delivery, min_designation, industries, pilot_only,
                                   max_amount, scales, beneficiaries, materials, k)
         ON tpl.k = CASE WHEN d.tier = 'NATIONAL' THEN ($13::int[])[1 + (d.h + d.n) % ${national.length}]
                         ELSE 1 + (d.h + d.n) % ${templates.length} END
      ORDER BY d.region_code NULLS FIRST, d.n
     ON CONFLICT ON CONSTRAINT policy_code_key DO NOTHING
     RETURNING id`,
    [
      seededOn,
      column(templates, 'title'),
      column(templates, 'category'),
      column(templates, 'benefit'),
      column(templates, 'delivery'),
      column(templates, 'minDesignation'),
      column(templates, 'industries'),
      column(templates, 'pilotOnly'),
      column(templates, 'maxAmount'),
      column(templates, 'scales'),
      column(templates, 'beneficiaries'),
      column(templates, 'materials'),
      national,
    ],
  );
  if (policies.length === 0) return { policies: 0, applications: 0, entitlements: 0 };
  const policyIds = policies.map((row) => row.id);
  // Just written: without statistics the planner takes the library for a few rows and matches
  // it to every enterprise in a nested loop (23 s instead of 1 s at the published scale).
  await transaction.run(`ANALYZE policy`);
  const applications = await insertApplicationHistory(transaction, policyIds, seededOn);
  await lockEntitlements(transaction, 'exclusive');
  const entitlements = await entitleEligible(transaction, { policyIds }, new Date(), {
    tell: false,
  });
  return { policies: policies.length, applications, entitlements };
}

/** Every approval day of the history with its payBy, counted by the one working-day rule. */
async function payByOfDays(transaction: SqlTransaction, seededOn: string) {
  const calendar = await readSchedules(transaction);
  const days: string[] = [];
  const start = Date.parse(`${seededOn}T00:00:00Z`) - HISTORY_DAYS * 86_400_000;
  for (let n = 0; n <= HISTORY_DAYS; n++)
    days.push(new Date(start + n * 86_400_000).toISOString().slice(0, 10));
  // Approved at 10:00 Beijing (02:00 UTC) of each day.
  const deadlines = days.map((day) => payDeadline(new Date(`${day}T02:00:00Z`), calendar));
  return {
    days,
    payBy: deadlines.map((d) => d.payBy),
    provisional: deadlines.map((d) => d.provisional),
  };
}

/** Enterprises drawn from the whole country for each policy's past applications, before its
 * region and conditions sift them: however large the registry, a policy's past stays a few dozen
 * applications, and the statement stays a few seconds. */
const APPLICANTS_DRAWN = 400;

/**
 * Applications of some of the enterprises a policy covers (APPLICANTS_DRAWN drawn), to each new
 * APPLICATION policy that opened at least a month before the seed's day: submitted a few days
 * after it opened, decided a week or three later, most paid within the 60 working days, some
 * approved and still unpaid after (overdue). Their history lines come in the same statement.
 */
async function insertApplicationHistory(
  transaction: SqlTransaction,
  policyIds: number[],
  seededOn: string,
): Promise<number> {
  const { days, payBy, provisional } = await payByOfDays(transaction, seededOn);
  const [{ every }] = await transaction.rows<{ every: number }>(
    `SELECT greatest(1, count(*) / ${APPLICANTS_DRAWN})::int AS every FROM enterprise`,
  );
  const [{ count }] = await transaction.rows<{ count: number }>(
    `WITH candidate AS (
       SELECT p.id AS policy_id, e.id AS enterprise_id, p.max_amount_yuan AS max_amount,
              ${hashOf(`p.id || '-' || e.id`)} AS h,
              least(p.opens_on + 3 + ${hashOf(`e.id || '-' || p.id`)} % 40, $2::date - 2) AS applied_on
         -- One enterprise in $6 per policy, chosen by an equality a hash join can serve.
         FROM policy p JOIN enterprise e ON e.id % $6::int = p.id % $6::int
         ${ENTERPRISE_JOINS}
        WHERE p.id = ANY($1::int[]) AND p.delivery = 'APPLICATION' AND p.opens_on <= $2::date - 30
          AND ${APPLIES_IN_CHAIN} AND ${MEETS_CONDITIONS}
     ), decided AS (
       SELECT c.*, c.applied_on + 5 + c.h % 20 AS decided_on,
              CASE WHEN c.h % 100 < 15 THEN 'DECLINED' WHEN c.h % 100 < 35 THEN 'APPROVED' ELSE 'PAID' END AS outcome
         FROM candidate c
     ), settled AS (
       SELECT d.*,
              CASE WHEN d.decided_on >= $2::date THEN 'SUBMITTED'
                   WHEN d.outcome = 'PAID' AND d.decided_on + 10 + d.h % 60 >= $2::date THEN 'APPROVED'
                   ELSE d.outcome END AS status,
              d.decided_on + 10 + d.h % 60 AS paid_on,
              round(coalesce(d.max_amount, 10000) * (30 + d.h % 71) / 100, -2) AS requested
         FROM decided d
     ), inserted AS (
       INSERT INTO policy_application (policy_id, enterprise_id, delivery, status, amount_requested_yuan,
                                       amount_approved_yuan, amount_paid_yuan, paid_on, pay_from, pay_by,
                                       provisional_pay_by, created_at, updated_at)
       SELECT s.policy_id, s.enterprise_id, 'APPLICATION', s.status::policy_application_status,
              greatest(s.requested, 100),
              CASE WHEN s.status IN ('APPROVED', 'PAID') THEN greatest(round(s.requested * (60 + s.h % 41) / 100, -2), 100) END,
              CASE WHEN s.status = 'PAID' THEN greatest(round(s.requested * (60 + s.h % 41) / 100, -2), 100) END,
              CASE WHEN s.status = 'PAID' THEN s.paid_on END,
              CASE WHEN s.status IN ('APPROVED', 'PAID') THEN (s.decided_on + time '10:00') AT TIME ZONE 'Asia/Shanghai' END,
              CASE WHEN s.status IN ('APPROVED', 'PAID') THEN pb.pay_by END,
              coalesce(s.status IN ('APPROVED', 'PAID') AND pb.provisional, false),
              (s.applied_on + time '09:30') AT TIME ZONE 'Asia/Shanghai',
              (least(CASE s.status WHEN 'PAID' THEN s.paid_on WHEN 'SUBMITTED' THEN s.applied_on ELSE s.decided_on END, $2::date)
                 + time '10:00') AT TIME ZONE 'Asia/Shanghai'
         FROM settled s
         LEFT JOIN unnest($3::date[], $4::date[], $5::boolean[]) AS pb(day, pay_by, provisional) ON pb.day = s.decided_on
        ORDER BY s.policy_id, s.enterprise_id
       ON CONFLICT ON CONSTRAINT policy_application_enterprise_key DO NOTHING
       RETURNING id, status, created_at, pay_from, paid_on, updated_at
     ), history AS (
       INSERT INTO policy_application_change (application_id, status, actor, note, at)
       SELECT i.id, step.status::policy_application_status, step.actor, step.note, step.at
         FROM inserted i
        CROSS JOIN LATERAL (VALUES
          (1, 'SUBMITTED', '线下申报（政务服务大厅）', NULL, i.created_at),
          (2, CASE WHEN i.status = 'DECLINED' THEN 'DECLINED' ELSE 'APPROVED' END, '审核窗口',
              CASE WHEN i.status = 'DECLINED' THEN '申报材料不齐全，且逾期未补正' END,
              coalesce(i.pay_from, i.updated_at)),
          (3, 'PAID', '财政国库集中支付', NULL, (i.paid_on + time '15:00') AT TIME ZONE 'Asia/Shanghai')
        ) AS step(n, status, actor, note, at)
        WHERE step.n = 1 OR (step.n = 2 AND i.status <> 'SUBMITTED') OR (step.n = 3 AND i.status = 'PAID')
        ORDER BY i.id, step.n
     )
     SELECT count(*)::int AS count FROM inserted`,
    [policyIds, seededOn, days, payBy, provisional, every],
  );
  return count;
}
