// Managing API keys (behind `npm run keys`, src/app/cli/keys.ts): create prints the key once, list never shows it,
// revoke takes effect on the key's next request. Each is recorded in the audit trail, in its
// transaction, by the key's public id — never the key or its hash.
import { consoleActor, recordAudit, type AuditActor } from '../db/audit-trail';
import type { Sql } from '../db/sql';
import { badInput, notFound, quote } from '../schema/errors';
import { ApiKey } from './api-key.entity';
import { generateKey } from './api-keys';
import { KEY_ROLES, Role, type KeyRole } from './role';

export interface NewKey {
  role: string;
  name: string;
  institutionCode?: string;
  /** The region an AUTHORITY key governs, six digits (--region, normalized by the caller). */
  regionCode?: string;
  /** Cost points per minute, as typed (--budget); the default budget when absent. */
  budget?: string;
}

/** '250000' → 250000, 'default' → null; BAD_USER_INPUT for anything else. */
export function parseBudget(value: string): number | null {
  if (value === 'default') return null;
  const budget = Number(value);
  if (!Number.isInteger(budget) || budget < 1 || budget > 1e9) {
    throw badInput(
      `--budget ${quote(value)} is not a budget: use a whole number of cost points per minute from 1 to 1000000000, or default`,
      'budget',
    );
  }
  return budget;
}

/** Keys are managed at the server's console (`npm run keys`). */
const KEYS_CONSOLE = consoleActor('keys');

export async function createApiKey(
  sql: Sql,
  request: NewKey,
  actor: AuditActor = KEYS_CONSOLE,
): Promise<{ key: string; apiKey: ApiKey }> {
  if (!(KEY_ROLES as readonly string[]).includes(request.role)) {
    throw badInput(
      `--role ${quote(request.role)} is not a key role: use one of ${KEY_ROLES.join(', ')}`,
      'role',
    );
  }
  const role = request.role as KeyRole;
  const name = request.name?.trim();
  if (!name)
    throw badInput(
      '--name is required: the client name shown as the actor of what the key does',
      'name',
    );
  if ((role === Role.INSTITUTION_STAFF) !== Boolean(request.institutionCode)) {
    throw badInput(
      '--institution CODE is required for INSTITUTION_STAFF keys and allowed for no other role',
      'institution',
    );
  }
  let institutionId: number | null = null;
  if (request.institutionCode) {
    const [institution] = await sql.rows<{ id: number }>(
      'SELECT id FROM institution WHERE code = $1',
      [request.institutionCode],
    );
    if (!institution)
      throw notFound(
        `--institution ${quote(request.institutionCode)} names no institution (codes look like C-441900)`,
        'institution',
      );
    institutionId = institution.id;
  }
  const regionCode = await governedRegion(sql, role, request.regionCode);
  const budget = request.budget === undefined ? null : parseBudget(request.budget);
  const { key, publicId, keyHash } = generateKey();
  const apiKey = await sql.transaction(async (transaction) => {
    const [row] = await transaction.rows(
      'INSERT INTO api_key (public_id, key_hash, name, role, institution_id, region_code, budget_per_minute) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *',
      [publicId, keyHash, name, role, institutionId, regionCode, budget],
    );
    const after = {
      name,
      role,
      institution: request.institutionCode ?? null,
      region: regionCode,
      budgetPerMinute: budget,
    };
    await recordAudit(transaction, actor, [
      {
        action: 'api_key.create',
        entityType: 'api_key',
        entityCode: publicId,
        changes: Object.fromEntries(
          Object.entries(after).map(([field, value]) => [field, { before: null, after: value }]),
        ),
      },
    ]);
    return sql.hydrator(ApiKey)(row);
  });
  return { key, apiKey };
}

/**
 * The region an AUTHORITY key is bound to: a province or a real prefecture-level division (a
 * department governs one), required for AUTHORITY keys and refused for every other role.
 */
async function governedRegion(
  sql: Sql,
  role: KeyRole,
  regionCode: string | undefined,
): Promise<string | null> {
  if ((role === Role.AUTHORITY) !== (regionCode !== undefined)) {
    throw badInput(
      '--region CODE is required for AUTHORITY keys and allowed for no other role',
      'region',
    );
  }
  if (regionCode === undefined) return null;
  const [region] = await sql.rows<{ level: string; name: string }>(
    'SELECT level, name FROM region WHERE code = $1',
    [regionCode],
  );
  if (!region)
    throw notFound(`--region ${quote(regionCode)} names no GB/T 2260 division`, 'region');
  if (region.level === 'COUNTY') {
    throw badInput(
      `--region ${regionCode} (${region.name}) is a county-level division: AUTHORITY keys govern a province or a prefecture-level division`,
      'region',
    );
  }
  return regionCode;
}

export interface KeyListing {
  publicId: string;
  name: string;
  role: Role;
  institution: string | null;
  region: string | null;
  budgetPerMinute: number | null;
  createdAt: Date;
  revokedAt: Date | null;
}

export async function listApiKeys(sql: Sql): Promise<KeyListing[]> {
  const rows = await sql.rows(
    `SELECT k.public_id, k.name, k.role, i.code AS institution, k.region_code AS region, k.budget_per_minute, k.created_at, k.revoked_at
       FROM api_key k LEFT JOIN institution i ON i.id = k.institution_id ORDER BY k.id`,
  );
  return rows.map((row) => ({
    publicId: row.public_id as string,
    name: row.name as string,
    role: row.role as Role,
    institution: row.institution as string | null,
    region: row.region as string | null,
    budgetPerMinute: row.budget_per_minute as number | null,
    createdAt: row.created_at as Date,
    revokedAt: row.revoked_at as Date | null,
  }));
}

export async function revokeApiKey(
  sql: Sql,
  publicId: string,
  actor: AuditActor = KEYS_CONSOLE,
): Promise<void> {
  const updated = await sql.transaction(async (transaction) => {
    const { rows } = await transaction.run<{ revoked_at: Date }>(
      'UPDATE api_key SET revoked_at = now() WHERE public_id = $1 AND revoked_at IS NULL RETURNING revoked_at',
      [publicId],
    );
    if (rows.length > 0) {
      await recordAudit(transaction, actor, [
        {
          action: 'api_key.revoke',
          entityType: 'api_key',
          entityCode: publicId,
          changes: { revokedAt: { before: null, after: rows[0].revoked_at.toISOString() } },
        },
      ]);
    }
    return rows.length;
  });
  if (updated === 0) {
    const [exists] = await sql.rows('SELECT 1 FROM api_key WHERE public_id = $1', [publicId]);
    throw exists
      ? badInput(`key ${publicId} is already revoked`, 'id')
      : notFound(`no key has the id ${publicId} (see npm run keys -- list)`, 'id');
  }
}

/** Gives a key a budget of its own (cost points per minute), or back the default (null). */
export async function setKeyBudget(
  sql: Sql,
  publicId: string,
  budget: number | null,
  actor: AuditActor = KEYS_CONSOLE,
): Promise<void> {
  const rowCount = await sql.transaction(async (transaction) => {
    const { rows } = await transaction.run<{ before: number | null }>(
      `UPDATE api_key k SET budget_per_minute = $2 FROM api_key old
        WHERE k.public_id = $1 AND old.id = k.id RETURNING old.budget_per_minute AS before`,
      [publicId, budget],
    );
    if (rows.length > 0 && rows[0].before !== budget) {
      await recordAudit(transaction, actor, [
        {
          action: 'api_key.budget',
          entityType: 'api_key',
          entityCode: publicId,
          changes: { budgetPerMinute: { before: rows[0].before, after: budget } },
        },
      ]);
    }
    return rows.length;
  });
  if (rowCount === 0) {
    throw notFound(`no key has the id ${quote(publicId)} (see npm run keys -- list)`, 'id');
  }
}
