// The seeded history of referrals: from 1 January of the year before the seed's day until that
// day, enterprises of each province referred by a partner platform to the services of the
// institutions there, at each institution's pace (activity.ts); each referral went through the
// lifecycle with realistic delays (accepted within hours or days, completed within weeks), a few
// declined or cancelled, the latest still open; most completed ones rated by the partner. So that
// statistics and scorecards show real shapes on a fresh start. Pure and deterministic.
import { ReferralStatus } from '../referrals/referral-status';
import { activityOf } from './activity';
import { DAY, HOUR, beijing } from './beijing-time';
import { chance, draw, seededRandom } from './deterministic';
import { enterprisesByProvince, type EnterpriseSeed } from './enterprise-plan';
import type { RegionSeed } from './divisions';
import type { InstitutionRow, ServiceRow } from './network-plan';

const { SUBMITTED, ACCEPTED, IN_PROGRESS, COMPLETED, DECLINED, CANCELLED } = ReferralStatus;

/** The partner platform the history's referrals came from (a revoked key: nobody can use it). */
export const HISTORY_PARTNER = {
  publicId: 'seed-history',
  name: '中小企业公共服务平台（历史转介）',
} as const;

/** Enterprises per province that referrals are drawn from (distinct clients of busy centres). */
const CLIENTS_PER_PROVINCE = 420;

export interface ReferralStep {
  status: ReferralStatus;
  at: Date;
  actor: string;
  note: string | null;
}

export interface ReferralSeed {
  /** Unique per seed: the idempotency key of the history partner's key. */
  key: string;
  creditCode: string;
  serviceCode: string;
  institutionCode: string;
  status: ReferralStatus;
  createdAt: Date;
  updatedAt: Date;
  history: ReferralStep[];
  feedback: { rating: number; comment: string | null; at: Date } | null;
}

export interface ReferralHistoryPlan {
  enterprises: EnterpriseSeed[];
  referrals: ReferralSeed[];
}

const GOOD_COMMENTS = [
  '响应及时，服务专业',
  '对接的金融机构很合适，已获授信',
  '专家上门诊断，建议很实用',
  null,
  null,
];
const POOR_COMMENTS = ['等待时间较长', '服务内容与需求不太匹配', null];

export function planReferralHistory(
  regions: readonly RegionSeed[],
  institutions: readonly InstitutionRow[],
  services: readonly ServiceRow[],
  seededOn: string,
): ReferralHistoryPlan {
  const regionByCode = new Map(regions.map((region) => [region.code, region]));
  const pools = enterprisesByProvince(regionByCode, institutions, CLIENTS_PER_PROVINCE, 'client');
  const everyone = [...pools.values()].flat();
  const servicesByInstitution = new Map<string, ServiceRow[]>();
  for (const service of services) {
    if (!service.active) continue;
    const list = servicesByInstitution.get(service.institutionCode) ?? [];
    list.push(service);
    servicesByInstitution.set(service.institutionCode, list);
  }
  // The seed "runs" at noon of its day; the history starts on 1 January of the year before.
  const seededAt = beijing(seededOn, 0, 12).getTime();
  const start = Date.parse(`${Number(seededOn.slice(0, 4)) - 1}-01-01T00:00:00+08:00`);
  const years = (seededAt - start) / (365 * DAY);

  const referrals: ReferralSeed[] = [];
  const used = new Set<string>();
  for (const institution of institutions) {
    const offered = servicesByInstitution.get(institution.code);
    const activity = activityOf(institution);
    const count = Math.round(activity.referralsPerYear * years);
    if (!offered?.length || count === 0) continue;
    const pool = institution.regionCode
      ? (pools.get(institution.regionCode.slice(0, 2)) ?? [])
      : everyone;
    if (pool.length === 0) continue;
    // Distinct clients while the pool lasts (a busy centre serves many enterprises, not the same few).
    const clients = draw(`clients:${institution.code}`, pool, count);
    const random = seededRandom(Math.floor(chance(`referrals:${institution.code}`) * 2 ** 32));
    const staff = institution.name;
    for (let n = 0; n < count; n++) {
      const enterprise = clients[n % clients.length];
      const fitting = offered.filter(
        (service) =>
          service.eligibleScales.length === 0 || service.eligibleScales.includes(enterprise.scale),
      );
      const choices = fitting.length ? fitting : offered;
      const service = choices[Math.floor(random() * choices.length)];
      const createdAt = start + ((n + random()) * (seededAt - 2 * HOUR - start)) / count;
      const history: ReferralStep[] = [
        { status: SUBMITTED, at: new Date(createdAt), actor: HISTORY_PARTNER.name, note: null },
      ];
      const step = (
        status: ReferralStatus,
        at: number,
        actor: string,
        note: string | null = null,
      ) => {
        if (at >= seededAt) return false;
        history.push({ status, at: new Date(at), actor, note });
        return true;
      };
      // Hours to accept spread around the institution's median (0.3× to 1.7×).
      const accepted = createdAt + activity.acceptHours * (0.3 + random() * 1.4) * HOUR;
      const fate = random();
      let feedback: ReferralSeed['feedback'] = null;
      if (fate < 0.07) {
        step(DECLINED, accepted, staff, '该需求不在本机构服务范围内，建议联系上级服务中心');
      } else if (step(ACCEPTED, accepted, staff)) {
        const started = accepted + (2 + random() * 46) * HOUR;
        if (fate < 0.11) {
          step(CANCELLED, started, HISTORY_PARTNER.name, '企业已自行解决');
        } else if (step(IN_PROGRESS, started, staff)) {
          const completed = started + (3 + random() * 37) * DAY;
          if (step(COMPLETED, completed, staff) && random() < 0.75) {
            const at = completed + (1 + random() * 4) * DAY;
            if (at < seededAt) {
              const good = random() < activity.quality;
              const rating = good ? (random() < 0.55 ? 5 : 4) : 1 + Math.floor(random() * 3);
              const comments = good ? GOOD_COMMENTS : POOR_COMMENTS;
              feedback = {
                rating,
                comment: comments[Math.floor(random() * comments.length)],
                at: new Date(at),
              };
            }
          }
        }
      }
      const last = history[history.length - 1];
      used.add(enterprise.creditCode);
      referrals.push({
        key: `history:${institution.code}:${n + 1}`,
        creditCode: enterprise.creditCode,
        serviceCode: service.code,
        institutionCode: institution.code,
        status: last.status,
        createdAt: new Date(createdAt),
        updatedAt: last.at,
        history,
        feedback,
      });
    }
  }
  return {
    enterprises: everyone.filter((enterprise) => used.has(enterprise.creditCode)),
    referrals,
  };
}
