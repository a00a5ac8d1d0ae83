// API keys: sme_<publicId>_<secret>, 256 random bits of secret. Only the SHA-256 hash of the
// whole key is stored; a request's key is found by its public id and compared in constant time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Sql } from '../db/sql';
import { ApiKey } from './api-key.entity';

const KEY_FORMAT = /^sme_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$/;
const PUBLIC_ID_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

export function hashKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

function publicIdOf(random: Buffer): string {
  return [...random].map((byte) => PUBLIC_ID_ALPHABET[byte % PUBLIC_ID_ALPHABET.length]).join('');
}

/** A fresh key, and what is stored of it. */
export function generateKey(): { key: string; publicId: string; keyHash: Buffer } {
  const publicId = publicIdOf(randomBytes(12));
  const key = `sme_${publicId}_${randomBytes(32).toString('base64url')}`;
  return { key, publicId, keyHash: hashKey(key) };
}

export type KeyCheck = { ok: true; apiKey: ApiKey } | { ok: false; reason: string };

/** The active key a bearer token stands for, or why it is refused. */
export async function checkKey(sql: Sql, key: string): Promise<KeyCheck> {
  const match = KEY_FORMAT.exec(key);
  if (!match)
    return {
      ok: false,
      reason:
        'the API key is malformed: send the sme_… key exactly as `npm run keys -- create` printed it',
    };
  const rows = await sql.rows('SELECT * FROM api_key WHERE public_id = $1', [match[1]]);
  const apiKey = rows.map(sql.hydrator(ApiKey))[0];
  const presented = hashKey(key);
  // Compare even when nothing was found, so that timing tells nothing about which ids exist.
  const stored = apiKey?.keyHash ?? Buffer.alloc(presented.length);
  if (!timingSafeEqual(presented, stored) || !apiKey)
    return { ok: false, reason: 'the API key is unknown' };
  if (apiKey.revokedAt)
    return {
      ok: false,
      reason: `the API key ${apiKey.publicId} was revoked on ${apiKey.revokedAt.toISOString()}`,
    };
  return { ok: true, apiKey };
}
