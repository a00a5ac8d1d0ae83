// Writes the seeded appeals (appeal-plan.ts) in two statements: the appeals that are missing (by
// the history partner's idempotency key), each routed in SQL as submitAppeal routes it — the
// nearest active PUBLIC centre up the region's chain, its parent after an escalation — and, with
// the new ones only, their history, mostly derived from the appeal's own moments (one line per
// step, extension, escalation naming both institutions, reopening). A second run changes nothing.
import { ESCALATION_ACTOR } from '../appeals/appeal-record';
import type { SqlRunner } from '../db/sql';
import { readSchedules } from '../working-calendar/working-calendar';
import { planAppeals, SEEDED_APPEALS, type AppealEnterprise, type AppealSeed } from './appeal-plan';
import { column } from './columns';
import { HISTORY_PARTNER } from './referral-history';

/** The columns travelling as arrays, in the order of the statement's unnest. */
const COLUMNS: readonly [keyof AppealSeed, string][] = [
  ['key', 'text'],
  ['enterpriseId', 'int'],
  ['regionCode', 'bpchar'],
  ['category', 'text'],
  ['title', 'text'],
  ['description', 'text'],
  ['status', 'text'],
  ['submittedAt', 'timestamptz'],
  ['startedAt', 'timestamptz'],
  ['acknowledgeFrom', 'timestamptz'],
  ['acknowledgeBy', 'timestamptz'],
  ['replyFrom', 'timestamptz'],
  ['replyBy', 'timestamptz'],
  ['resolveFrom', 'timestamptz'],
  ['resolveBy', 'timestamptz'],
  ['provisional', 'bool'],
  ['escalatedAt', 'timestamptz'],
  ['extensionReason', 'text'],
  ['extensionRequestedAt', 'timestamptz'],
  ['extensionApproved', 'bool'],
  ['extensionDecidedAt', 'timestamptz'],
  ['reopenedAt', 'timestamptz'],
  ['satisfaction', 'int'],
  ['acknowledgedAt', 'timestamptz'],
  ['repliedAt', 'timestamptz'],
  ['resolvedAt', 'timestamptz'],
  ['closedAt', 'timestamptz'],
  ['resolvedWorkingDays', 'int'],
];
const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export async function insertAppeals(
  sql: SqlRunner,
  historyPartnerKeyId: number,
  seededOn: string,
  scale = 1,
): Promise<number> {
  const enterprises = await sql.rows<AppealEnterprise>(
    `SELECT id, region_code AS "regionCode" FROM enterprise ORDER BY id`,
  );
  const appeals = planAppeals(
    enterprises,
    await readSchedules(sql),
    seededOn,
    Math.max(1, Math.round(SEEDED_APPEALS * scale)),
  );
  // 50,000 wide rows sorted into submission order: in memory rather than in files on disk.
  await sql.run(`SET LOCAL work_mem = '64MB'`);
  const names = COLUMNS.map(([name]) => snake(name));
  const arrays = COLUMNS.map(([, type], index) => `$${index + 2}::${type}[]`);
  const added = await sql.rows<{ key: string }>(
    `WITH x AS (
       SELECT * FROM unnest(${arrays.join(', ')}) WITH ORDINALITY AS x(${names.join(', ')}, n)
     ), routed AS (
       -- The nearest active PUBLIC centre up the chain (county, real prefecture, province, nation).
       SELECT x.*, coalesce(c0.id, c1.id, c2.id, nation.id) AS first_id
         FROM x
         JOIN region r0 ON r0.code = x.region_code
         LEFT JOIN region r1 ON r1.code = r0.parent_code
         LEFT JOIN region r2 ON r2.code = r1.parent_code
         LEFT JOIN institution c0 ON c0.region_code = r0.code AND c0.kind = 'PUBLIC' AND c0.active
         LEFT JOIN institution c1 ON c1.region_code = r1.code AND c1.kind = 'PUBLIC' AND c1.active
         LEFT JOIN institution c2 ON c2.region_code = r2.code AND c2.kind = 'PUBLIC' AND c2.active
         CROSS JOIN (SELECT id FROM institution WHERE tier = 'NATIONAL') nation
     )
     INSERT INTO appeal (enterprise_id, api_key_id, idempotency_key, request_hash, category, title, description,
                         region_code, handler_id, previous_handler_ids, status, submitted_at, started_at,
                         acknowledge_from, acknowledge_by, reply_from, reply_by, resolve_from, resolve_by,
                         provisional_deadlines, escalations, extension_reason, extension_requested_at,
                         extension_approved, extension_decided_at, reopened, satisfaction, acknowledged_at,
                         replied_at, resolved_at, closed_at, resolved_working_days, updated_at)
     SELECT r.enterprise_id, $1, r.key, 'seed', r.category::appeal_category, r.title, r.description,
            r.region_code, CASE WHEN r.escalated_at IS NULL THEN f.id ELSE coalesce(f.parent_id, f.id) END,
            CASE WHEN r.escalated_at IS NOT NULL AND f.parent_id IS NOT NULL THEN ARRAY[f.id] ELSE '{}' END,
            r.status::appeal_status, r.submitted_at, r.started_at, r.acknowledge_from, r.acknowledge_by,
            r.reply_from, r.reply_by, r.resolve_from, r.resolve_by, r.provisional,
            (r.escalated_at IS NOT NULL AND f.parent_id IS NOT NULL)::int, r.extension_reason,
            r.extension_requested_at, r.extension_approved, r.extension_decided_at, r.reopened_at IS NOT NULL,
            r.satisfaction, r.acknowledged_at, r.replied_at, r.resolved_at, r.closed_at, r.resolved_working_days,
            greatest(r.submitted_at, r.acknowledged_at, r.replied_at, r.resolved_at, r.closed_at)
       FROM routed r JOIN institution f ON f.id = r.first_id
      ORDER BY r.n
     ON CONFLICT (api_key_id, idempotency_key) DO NOTHING
     RETURNING idempotency_key AS key`,
    [historyPartnerKeyId, ...COLUMNS.map(([name]) => column(appeals, name))],
  );
  const fresh = new Set(added.map((row) => row.key));
  const rounds = appeals.filter((appeal) => fresh.has(appeal.key));
  // The history of the new ones, each found by its key (the unique index): the steps from the
  // appeal's own moments, the first round of a reopened one and its escalation from the plan.
  // Each appeal's lines come in the order of the list below, which is the order they happened in.
  await sql.run(
    `INSERT INTO appeal_change (appeal_uuid, status, at, actor, note, handler_id)
     SELECT a.uuid, step.status::appeal_status, step.at, step.actor, step.note, step.handler_id
       FROM unnest($4::text[], $5::timestamptz[], $6::timestamptz[], $7::timestamptz[], $8::timestamptz[],
                   $9::int[], $10::timestamptz[]) WITH ORDINALITY
            AS x(key, first_acknowledged_at, first_replied_at, first_resolved_at, reopened_at, first_satisfaction,
                 escalated_at, n)
       JOIN appeal a ON a.api_key_id = $1 AND a.idempotency_key = x.key
       JOIN institution h ON h.id = a.handler_id
       LEFT JOIN institution f ON f.id = a.previous_handler_ids[1]
       CROSS JOIN LATERAL (VALUES
         (1, 'SUBMITTED', a.submitted_at, $2, '已受理登记'::text, NULL::int),
         (2, 'ACKNOWLEDGED', x.first_acknowledged_at, h.name, '已签收', NULL),
         (3, 'REPLIED', x.first_replied_at, h.name, '已答复企业', NULL),
         (4, 'RESOLVED', x.first_resolved_at, h.name, '已办结', NULL),
         (5, 'SUBMITTED', x.reopened_at, $2, 'satisfaction ' || x.first_satisfaction || '; reopened', NULL),
         (6, 'SUBMITTED', CASE WHEN f.id IS NOT NULL THEN x.escalated_at END, $3,
             'escalated from ' || f.name || ' (' || f.code || ') to ' || h.name || ' (' || h.code
             || '): the acknowledgement was due by '
             || to_char(date_trunc('minute', x.escalated_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"'), h.id),
         (7, 'ACKNOWLEDGED', a.acknowledged_at, h.name, '已签收', NULL),
         (8, 'REPLIED', a.replied_at, h.name, '已答复企业', NULL),
         (9, 'REPLIED', a.extension_requested_at, h.name, 'extension requested: ' || a.extension_reason, NULL),
         (10, 'REPLIED', a.extension_decided_at, '上级服务机构',
              'extension ' || CASE WHEN a.extension_approved THEN 'approved' ELSE 'declined' END, NULL),
         (11, 'RESOLVED', a.resolved_at, h.name, '已办结', NULL),
         (12, 'CLOSED', a.closed_at, $2, 'satisfaction ' || a.satisfaction, NULL)
       ) AS step(position, status, at, actor, note, handler_id)
      WHERE step.at IS NOT NULL`,
    [
      historyPartnerKeyId,
      HISTORY_PARTNER.name,
      ESCALATION_ACTOR.name,
      column(rounds, 'key'),
      rounds.map((appeal) => appeal.firstRound?.[0] ?? null),
      rounds.map((appeal) => appeal.firstRound?.[1] ?? null),
      rounds.map((appeal) => appeal.firstRound?.[2] ?? null),
      column(rounds, 'reopenedAt'),
      column(rounds, 'firstSatisfaction'),
      column(rounds, 'escalatedAt'),
    ],
  );
  return added.length;
}
