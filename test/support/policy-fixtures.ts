// Enterprises, designations and policies for the policies' tests, written as rows straight into
// the registry (the registry's grant commands are another branch's): each test names its rows
// after itself so that rows of parallel files never mix.
import type { SqlRunner } from '../../src/db/sql';
import { creditCodeFor } from './credit-codes';

export interface EnterpriseRow {
  id: number;
  creditCode: string;
  regionCode: string;
}

export async function insertEnterprise(
  sql: SqlRunner,
  tag: string,
  n: number,
  regionCode: string,
  options: { scale?: string; industryCode?: string | null } = {},
): Promise<EnterpriseRow> {
  const creditCode = creditCodeFor(tag, n);
  const [{ id }] = await sql.rows<{ id: number }>(
    `INSERT INTO enterprise (credit_code, name, scale, region_code, industry_code)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [
      creditCode,
      `${tag} 企业 ${n}`,
      options.scale ?? 'SMALL',
      regionCode,
      options.industryCode ?? null,
    ],
  );
  return { id, creditCode, regionCode };
}

export interface DesignationRow {
  kind: 'INNOVATIVE_SME' | 'SPECIALIZED_SME' | 'LITTLE_GIANT';
  status?: 'ACTIVE' | 'UNDER_REVIEW' | 'EXPIRED' | 'REVOKED';
  validFrom?: string;
  validUntil?: string;
}

/** A designation row as a grant (or a later revocation or exit) would leave it. */
export async function insertDesignation(
  sql: SqlRunner,
  enterprise: EnterpriseRow,
  row: DesignationRow,
): Promise<number> {
  const [{ id }] = await sql.rows<{ id: number }>(
    `INSERT INTO designation (enterprise_id, kind, granted_by_code, batch, valid_from, valid_until, status)
     VALUES ($1, $2, $3, 'test-1', $4::date, $5::date, $6) RETURNING id`,
    [
      enterprise.id,
      row.kind,
      row.kind === 'LITTLE_GIANT' ? null : `${enterprise.regionCode.slice(0, 2)}0000`,
      row.validFrom ?? '2025-07-01',
      row.validUntil ?? '2028-06-30',
      row.status ?? 'ACTIVE',
    ],
  );
  return id;
}

/** A complete guide. */
export const GUIDE = {
  beneficiaries: '在本地登记注册的中小企业',
  conditions: '依法经营，信用良好',
  materials: '申请表、营业执照复印件',
  office: '中小企业服务中心政策窗口',
  phone: '020-83133114',
};

export const PUBLISH = `mutation ($input: PublishPolicyInput!) {
  publishPolicy(input: $input) { policy { id code status region { code } opensOn closesOn maxAmountYuan delivery guide { phone } } }
}`;

export const WITHDRAW = `mutation ($code: String!) { withdrawPolicy(code: $code) { policy { code status } } }`;

export const APPLY = `mutation ($input: ApplyForPolicyInput!) {
  applyForPolicy(input: $input) { application { id status delivery amountRequestedYuan payBy overdue policy { code } } }
}`;

export const DECIDE = `mutation ($input: DecidePolicyApplicationInput!) {
  decidePolicyApplication(input: $input) {
    application { id status amountApprovedYuan payBy provisionalPayBy overdue history { status actor note } }
  }
}`;

export const PAYOUT = `mutation ($input: RecordPolicyPayoutInput!) {
  recordPolicyPayout(input: $input) { application { id status amountPaidYuan payBy overdue } }
}`;

/** A policy input with everything required; `overrides` change what a test is about. */
export function policyInput(code: string, overrides: Record<string, unknown> = {}) {
  return {
    code,
    title: `测试政策 ${code}`,
    regionCode: '44',
    issuer: '广东省工业和信息化厅',
    categoryCode: 'FIN',
    benefitKind: 'SUBSIDY',
    maxAmountYuan: 100000,
    delivery: 'APPLICATION',
    opensOn: '2025-01-01',
    guide: GUIDE,
    ...overrides,
  };
}

/** Every row count a refusal must leave as it was. */
export async function policyTables(sql: SqlRunner) {
  const [row] = await sql.rows<Record<string, number>>(
    `SELECT (SELECT count(*) FROM policy)::int AS policies,
            (SELECT count(*) FROM policy_application)::int AS applications,
            (SELECT count(*) FROM policy_application_change)::int AS changes,
            (SELECT count(*) FROM enterprise)::int AS enterprises,
            (SELECT count(*) FROM audit_entry)::int AS audit,
            (SELECT count(*) FROM webhook_delivery)::int AS deliveries,
            (SELECT md5(string_agg(p::text, '' ORDER BY p.id)) FROM policy p) AS policy_rows,
            (SELECT md5(string_agg(a::text, '' ORDER BY a.id)) FROM policy_application a) AS application_rows`,
  );
  return row;
}
