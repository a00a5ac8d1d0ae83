// Keys, enterprises and services for referral tests, made through the same code as `npm run keys`.
// Every file refers enterprises of its own (creditCodeFor(<file tag>, n)): enterprises are
// upserted by credit code, so a code shared between files would let one file's rows change under
// another's.
import { randomUUID } from 'node:crypto';
import { createApiKey } from '../../src/auth/api-key.commands';
import type { Sql, SqlRunner } from '../../src/db/sql';
import { toGlobalId } from '../../src/schema/global-id';

export { creditCodeFor } from './credit-codes';

/** The uuid behind a referral's global id (base64 of `Referral:<uuid>`), decoded here. */
export function referralUuidOf(id: string): string {
  const decoded = Buffer.from(id, 'base64').toString('utf8');
  if (!decoded.startsWith('Referral:')) throw new Error(`${id} is not a referral id`);
  return decoded.slice('Referral:'.length);
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

/** A key of each kind, named after the test file so that rows of parallel files never mix. */
export async function makeKeys(
  sql: Sql,
  tag: string,
  staffOf: [string, string] = ['C-441900', 'C-440000'],
) {
  const make = async (role: string, name: string, institutionCode?: string) =>
    bearer((await createApiKey(sql, { role, name: `${tag} ${name}`, institutionCode })).key);
  return {
    partnerA: await make('PARTNER', 'partner A'),
    partnerB: await make('PARTNER', 'partner B'),
    staffA: await make('INSTITUTION_STAFF', 'staff A', staffOf[0]),
    staffB: await make('INSTITUTION_STAFF', 'staff B', staffOf[1]),
    admin: await make('ADMIN', 'admin'),
    public: {} as Record<string, string>,
  };
}

/** The global id of an active service of an institution. */
export async function serviceOf(sql: SqlRunner, institutionCode: string): Promise<string> {
  const [row] = await sql.rows<{ id: number }>(
    `SELECT s.id FROM service s JOIN institution i ON i.id = s.institution_id WHERE i.code = $1 AND s.active ORDER BY s.id LIMIT 1`,
    [institutionCode],
  );
  return toGlobalId('Service', row.id);
}

/** A createReferral input for the enterprise `creditCode` (use creditCodeFor(<file tag>, n)). */
export function referralInput(
  serviceId: string,
  creditCode: string,
  overrides: Record<string, unknown> = {},
) {
  return {
    idempotencyKey: randomUUID(),
    serviceId,
    note: '希望了解信用贷款',
    ...overrides,
    enterprise: {
      creditCode,
      name: '东莞市长安精密模具有限公司',
      scale: 'SMALL',
      specialization: 'SPECIALIZED',
      regionCode: '441900',
      contactName: '李华',
      contactPhone: '13800138000',
      contactEmail: 'lihua@example.cn',
      ...((overrides.enterprise as object) ?? {}),
    },
  };
}

export const CREATE = `mutation ($input: CreateReferralInput!) {
  createReferral(input: $input) { referral { id status institution { code } enterprise { creditCode } history { status actor } } }
}`;

export const UPDATE = `mutation ($input: UpdateReferralStatusInput!) {
  updateReferralStatus(input: $input) { referral { id status history { status note actor } } }
}`;
