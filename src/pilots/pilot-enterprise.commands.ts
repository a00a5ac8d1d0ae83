// Enterprises in a pilot and their stages: enrolment (idempotent per key), diagnosis, project,
// acceptance with its subsidy, withdrawal. Every step is the city's governors' (an AUTHORITY whose
// region contains the city, or ADMIN), checked against the one lifecycle table, and commits with
// its history line, its audit entry and its webhook in one transaction; a refusal writes nothing.
// Acceptances pay out of the city's SME pool under the city row's lock (SELECT … FOR UPDATE), so
// that concurrent acceptances are counted one at a time and the pool is never overspent.
import { requireGovernorOf } from '../auth/permissions';
import { actorName } from '../auth/viewer';
import { designatedEnterprise } from '../cultivation/designated-enterprise';
import { recordAudit } from '../db/audit-trail';
import type { SqlRunner, SqlTransaction } from '../db/sql';
import { isUniqueViolation } from '../db/unique-violation';
import { InstitutionKind } from '../institutions/institution-enums';
import { upsertEnterprise } from '../referrals/enterprise.commands';
import { normalizeRegionCode, regionCodeRange } from '../regions/region-code';
import { badInput, conflict, notFound, quote } from '../schema/errors';
import { createIdempotently, requestHash } from '../schema/idempotent-create';
import { publicCode, requiredText, shownText } from '../schema/input';
import { requireNodeKey } from '../schema/global-id';
import { yuan } from '../schema/yuan';
import { beijingDayOf } from '../working-calendar/calendar-days';
import { WebhookEventType } from '../webhooks/webhook-enums';
import { enqueueWebhookEvents } from '../webhooks/webhook-outbox';
import type { PilotContext } from './pilot.context';
import { PilotCity } from './pilot-city.entity';
import { PilotEnterprise } from './pilot-enterprise.entity';
import { PilotStage } from './pilot-enums';
import { PilotParty, pilotLifecycle } from './pilot-lifecycle';
import { lockedCity, lockedPilotEnterprise } from './pilot.queries';
import type {
  AcceptPilotProjectInput,
  EnrolPilotEnterpriseInput,
  RecordPilotDiagnosisInput,
  StartPilotProjectInput,
  WithdrawPilotEnterpriseInput,
} from './pilot.types';
import { subsidySql } from './subsidy-rule';

const { DIAGNOSED, IN_TRANSFORMATION, ACCEPTED, WITHDRAWN } = PilotStage;

/** The row id a global PilotEnterprise id stands for. */
export function pilotEnterpriseKey(id: string, field = 'pilotEnterpriseId'): number {
  return Number(requireNodeKey(id, 'PilotEnterprise', field));
}

/** A pg date (a Date at local midnight) or a day already as text, as YYYY-MM-DD. */
export function dayText(value: Date | string): string {
  if (typeof value === 'string') return value;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
}

/** Yuan as a person reads them: ¥1,234,567.5 → ¥1,234,567.50. */
const shownYuan = (amount: string) =>
  `¥${Number(amount).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

function level(value: number, field: string, from = 1): number {
  if (!Number.isInteger(value) || value < from || value > 4) {
    throw badInput(
      from === 1
        ? `${field} must be a digital level from 1 to 4, got ${value}`
        : `${field} must be from ${from} (the level found by the diagnosis) to 4, got ${value}`,
      field,
    );
  }
  return value;
}

/** What a stage change tells: to the audit trail, the history and the webhook. */
async function recordStageChange(
  transaction: SqlTransaction,
  context: PilotContext,
  change: {
    pilot: PilotEnterprise;
    city: PilotCity;
    previous: PilotStage | null;
    action: string;
    note: string | null;
    audited: Record<string, unknown>;
  },
): Promise<void> {
  const { viewer } = context;
  const { pilot, city, previous } = change;
  await transaction.run(
    'INSERT INTO pilot_stage_change (pilot_enterprise_id, stage, actor, note) VALUES ($1, $2, $3, $4)',
    [pilot.key, pilot.stage, actorName(viewer), change.note],
  );
  await recordAudit(transaction, viewer, [
    {
      action: change.action,
      entityType: 'pilot_enterprise',
      entityCode: pilot.id,
      changes: {
        stage: { before: previous, after: pilot.stage },
        ...Object.fromEntries(
          Object.entries(change.audited).map(([field, after]) => [field, { before: null, after }]),
        ),
      },
    },
  ]);
  await enqueueWebhookEvents(transaction, [
    {
      type: WebhookEventType.PILOT_STAGE_CHANGED,
      ownerApiKeyId: null,
      regionCode: city.regionCode,
      data: {
        pilotEnterpriseId: pilot.id,
        cityCode: city.regionCode,
        stage: pilot.stage,
        previousStage: previous,
      },
    },
  ]);
}

export async function enrolPilotEnterprise(
  context: PilotContext,
  input: EnrolPilotEnterpriseInput,
): Promise<PilotEnterprise> {
  const { viewer, sql, regions, pilots } = context;
  const idempotencyKey = requiredText(input.idempotencyKey, 'idempotencyKey', 200);
  const cityCode = normalizeRegionCode(input.cityCode, 'cityCode');
  const enterprise = designatedEnterprise(input.enterprise);
  const subIndustry = shownText(
    requiredText(input.subIndustry, 'subIndustry', 100),
    'subIndustry',
  )!;

  const city = await pilots.cityByRegion.load(cityCode);
  if (!city) throw notFound(`cityCode ${quote(input.cityCode)} names no pilot city`, 'cityCode');
  requireGovernorOf(
    viewer,
    city.regionCode,
    'enrol enterprises in this pilot city',
    `the pilot city ${cityCode}`,
  );
  if (!(await regions.byCode(enterprise.regionCode))) {
    throw notFound(
      `enterprise.regionCode ${quote(input.enterprise.regionCode)} names no GB/T 2260 division`,
      'enterprise.regionCode',
    );
  }
  const [low, high] = regionCodeRange(city.regionCode);
  if (enterprise.regionCode < low || enterprise.regionCode > high) {
    throw badInput(
      `the enterprise is located in ${enterprise.regionCode}, outside the pilot city ${cityCode}: a city enrols enterprises located in its own region`,
      'enterprise.regionCode',
    );
  }
  const endsOn = dayText(city.endsOn);
  const today = beijingDayOf(context.clock());
  if (today > endsOn) {
    throw badInput(
      `enrolment in the pilot city ${cityCode} closed when it ended on ${endsOn}`,
      'cityCode',
    );
  }

  const apiKeyId = viewer.apiKeyId!;
  const hydrate = sql.hydrator(PilotEnterprise);
  const findExisting = async (runner: SqlRunner) =>
    (
      await runner.rows(
        'SELECT * FROM pilot_enterprise WHERE api_key_id = $1 AND idempotency_key = $2',
        [apiKeyId, idempotencyKey],
      )
    ).map(hydrate)[0];
  const request = {
    subject: 'enrolment',
    idempotencyKey,
    requestHash: requestHash({ cityCode, enterprise, subIndustry }),
    existing: findExisting,
  };
  const alreadyEnrolled = (where: string, stage: string) =>
    conflict(
      `the enterprise ${enterprise.creditCode} is in the pilot of ${where} already (${stage}): one pilot at a time — withdraw it there first`,
    );

  const attempt = () =>
    createIdempotently(sql, request, async (transaction, replay) => {
      const existing = await findExisting(transaction);
      if (existing) return replay(existing);
      const [live] = await transaction.rows<{ region_code: string; stage: string }>(
        `SELECT c.region_code, p.stage FROM enterprise e
           JOIN pilot_enterprise p ON p.enterprise_id = e.id AND p.stage <> 'WITHDRAWN'
           JOIN pilot_city c ON c.id = p.city_id
          WHERE e.credit_code = $1`,
        [enterprise.creditCode],
      );
      if (live) {
        // A twin with this key may have committed since the first look: it is the answer then.
        const twin = await findExisting(transaction);
        if (twin) return replay(twin);
        throw alreadyEnrolled(live.region_code, live.stage);
      }

      const enterpriseId = await upsertEnterprise(transaction, enterprise);
      const inserted = await transaction.rows(
        `INSERT INTO pilot_enterprise (city_id, enterprise_id, sub_industry, stage, api_key_id, idempotency_key, request_hash)
         VALUES ($1, $2, $3, 'ENROLLED', $4, $5, $6)
         ON CONFLICT ON CONSTRAINT pilot_enterprise_idempotency_key DO NOTHING
         RETURNING *`,
        [city.key, enterpriseId, subIndustry, apiKeyId, idempotencyKey, request.requestHash],
      );
      // Nothing inserted: a concurrent request with the same key committed first.
      if (inserted.length === 0) return null;
      const pilot = hydrate(inserted[0]);
      await recordStageChange(transaction, context, {
        pilot,
        city,
        previous: null,
        action: 'pilot.enrol',
        note: subIndustry,
        audited: { cityCode, creditCode: enterprise.creditCode, subIndustry },
      });
      return pilot;
    });

  try {
    return await attempt();
  } catch (error) {
    if (!isUniqueViolation(error, 'pilot_enterprise_live_key')) throw error;
    // Two enrolments of one enterprise raced and the partial unique index let one through: a
    // twin with this key answers as the retry it is, anything else is refused.
    if (await findExisting(sql)) return attempt();
    throw alreadyEnrolled('another city or this one', 'enrolled meanwhile');
  }
}

/** An active MARKET agency in the city's province, by its code; its row id. */
async function provider(
  transaction: SqlRunner,
  city: PilotCity,
  code: string,
  field: string,
): Promise<number> {
  const checked = publicCode(code, field);
  const [found] = await transaction.rows<{
    id: number;
    kind: string;
    active: boolean;
    region_code: string | null;
  }>('SELECT id, kind, active, region_code FROM institution WHERE code = $1', [checked]);
  if (!found) throw notFound(`${field} ${quote(code)} names no institution`, field);
  const province = `${city.regionCode.slice(0, 2)}0000`;
  const [low, high] = regionCodeRange(province);
  const where = found.region_code ?? 'the nation';
  if (found.kind !== InstitutionKind.MARKET || !found.active) {
    throw badInput(
      `${checked} is ${found.active ? 'a PUBLIC centre' : 'closed'}: pilots are served by active MARKET agencies`,
      field,
    );
  }
  if (found.region_code === null || found.region_code < low || found.region_code > high) {
    throw badInput(
      `${checked} is located in ${where}, outside the province ${province} of the pilot city ${city.regionCode}: choose a MARKET agency of that province`,
      field,
    );
  }
  return found.id;
}

interface StageMove {
  to: PilotStage;
  /** The audit action: pilot.diagnose. */
  action: string;
  /** What the caller does, as a refusal says it. */
  doing: string;
  /** Acceptances change the city's money: they take its row lock first. */
  locksCity?: boolean;
  /**
   * The move's own rules, under the locks, and what it writes besides the stage: columns (SQL
   * expressions of parameters added with `add`), the history's note, the audited values.
   */
  apply(
    transaction: SqlTransaction,
    pilot: PilotEnterprise,
    city: PilotCity,
    add: (value: unknown) => string,
  ): Promise<{
    columns: Record<string, string>;
    note: string | null;
    audited: Record<string, unknown>;
  }>;
}

async function move(
  context: PilotContext,
  id: string,
  stageMove: StageMove,
): Promise<PilotEnterprise> {
  const { sql, viewer } = context;
  const key = pilotEnterpriseKey(id);
  const notThere = () =>
    notFound(`pilotEnterpriseId ${quote(id)} names no pilot enterprise`, 'pilotEnterpriseId');
  return sql.transaction(async (transaction) => {
    const [peek] = await transaction.rows<{ city_id: number }>(
      'SELECT city_id FROM pilot_enterprise WHERE id = $1',
      [key],
    );
    if (!peek) throw notThere();
    // The city's lock first, then the enterprise's: every acceptance takes them in that order.
    const city = stageMove.locksCity
      ? await lockedCity(transaction, peek.city_id)
      : (await transaction.rows('SELECT * FROM pilot_city WHERE id = $1', [peek.city_id])).map(
          transaction.hydrator(PilotCity),
        )[0];
    requireGovernorOf(
      viewer,
      city.regionCode,
      stageMove.doing,
      `the pilot city ${city.regionCode}`,
    );
    const pilot = (await lockedPilotEnterprise(transaction, key))!;
    const previous = pilot.stage;
    pilotLifecycle.check(previous, stageMove.to, [PilotParty.GOVERNOR]);

    const parameters: unknown[] = [key, stageMove.to];
    const add = (value: unknown) => {
      parameters.push(value);
      return `$${parameters.length}`;
    };
    const { columns, note, audited } = await stageMove.apply(transaction, pilot, city, add);
    const sets = Object.entries(columns).map(([column, value]) => `, ${column} = ${value}`);
    const [row] = await transaction.rows(
      `UPDATE pilot_enterprise SET stage = $2${sets.join('')}, updated_at = now() WHERE id = $1 RETURNING *`,
      parameters,
    );
    const moved = transaction.hydrator(PilotEnterprise)(row);
    await recordStageChange(transaction, context, {
      pilot: moved,
      city,
      previous,
      action: stageMove.action,
      note,
      audited,
    });
    return moved;
  });
}

export function recordPilotDiagnosis(
  context: PilotContext,
  input: RecordPilotDiagnosisInput,
): Promise<PilotEnterprise> {
  const levelBefore = level(input.levelBefore, 'levelBefore');
  return move(context, input.pilotEnterpriseId, {
    to: DIAGNOSED,
    action: 'pilot.diagnose',
    doing: 'record diagnoses in this pilot city',
    async apply(transaction, _pilot, city, add) {
      const diagnosedBy = await provider(transaction, city, input.providerCode, 'providerCode');
      return {
        columns: { level_before: add(levelBefore), diagnosed_by_id: add(diagnosedBy) },
        note: `level ${levelBefore}, diagnosed by ${input.providerCode.trim()}`,
        audited: { levelBefore, diagnosedBy: input.providerCode.trim() },
      };
    },
  });
}

export function startPilotProject(
  context: PilotContext,
  input: StartPilotProjectInput,
): Promise<PilotEnterprise> {
  const cost = yuan(input.projectCostYuan, 'projectCostYuan', 0.01);
  return move(context, input.pilotEnterpriseId, {
    to: IN_TRANSFORMATION,
    action: 'pilot.start',
    doing: 'start projects in this pilot city',
    async apply(transaction, _pilot, city, add) {
      const providerId = await provider(transaction, city, input.providerCode, 'providerCode');
      return {
        columns: { provider_id: add(providerId), project_cost_yuan: `${add(cost)}::numeric` },
        note: `${input.providerCode.trim()}, project cost ${shownYuan(cost)}`,
        audited: { provider: input.providerCode.trim(), projectCostYuan: cost },
      };
    },
  });
}

export function acceptPilotProject(
  context: PilotContext,
  input: AcceptPilotProjectInput,
): Promise<PilotEnterprise> {
  const levelAfter = level(input.levelAfter, 'levelAfter');
  return move(context, input.pilotEnterpriseId, {
    to: ACCEPTED,
    action: 'pilot.accept',
    doing: 'accept projects in this pilot city',
    locksCity: true,
    async apply(transaction, pilot, city, add) {
      // Only once the stage is known to be IN_TRANSFORMATION is the level found there to compare.
      level(levelAfter, 'levelAfter', pilot.levelBefore ?? 1);
      // In numeric, exactly: the pool left in whole fen (rounded down), the subsidy by the rule.
      const [{ subsidy, left, overspends }] = await transaction.rows<{
        subsidy: string;
        left: string;
        overspends: boolean;
      }>(
        `SELECT s.subsidy::text AS subsidy, s.left::text AS left, s.subsidy > s.left AS overspends
           FROM pilot_city c CROSS JOIN LATERAL (
             SELECT (${subsidySql('c.subsidy_rule', '$2::numeric', '$3::int')})::numeric(14, 2) AS subsidy,
                    (floor(c.funds_allocated_yuan * (100 - c.reserve_percent) - c.subsidy_paid_yuan * 100) / 100)::numeric(14, 2) AS left) s
          WHERE c.id = $1`,
        [city.key, pilot.projectCostYuan, levelAfter],
      );
      if (overspends) {
        throw conflict(
          `the pilot city ${city.regionCode} has ${shownYuan(left)} left in its SME pool: this acceptance's subsidy of ${shownYuan(subsidy)} would overspend it, so nothing was accepted`,
        );
      }
      await transaction.run(
        'UPDATE pilot_city SET subsidy_paid_yuan = subsidy_paid_yuan + $2::numeric WHERE id = $1',
        [city.key, subsidy],
      );
      return {
        columns: { level_after: add(levelAfter), subsidy_yuan: `${add(subsidy)}::numeric` },
        note: `level ${pilot.levelBefore} → ${levelAfter}, subsidy ${shownYuan(subsidy)}`,
        audited: { levelAfter, subsidyYuan: subsidy },
      };
    },
  });
}

export function withdrawPilotEnterprise(
  context: PilotContext,
  input: WithdrawPilotEnterpriseInput,
): Promise<PilotEnterprise> {
  const reason = shownText(requiredText(input.reason, 'reason', 500), 'reason', { lines: true })!;
  return move(context, input.pilotEnterpriseId, {
    to: WITHDRAWN,
    action: 'pilot.withdraw',
    doing: 'withdraw enterprises in this pilot city',
    apply: async () => ({ columns: {}, note: reason, audited: { reason } }),
  });
}
