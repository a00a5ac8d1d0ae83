// Signing secrets: made at random, shown to the subscriber once, and kept only encrypted —
// AES-256-GCM under WEBHOOK_SECRET_KEY — because every delivery must sign with the secret itself
// (a hash, as for API keys, could not sign). A stolen database copy without the key reveals none.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Binds ciphertexts to their use: a sealed secret cannot pass for anything else sealed with the key. */
const PURPOSE = Buffer.from('sme-network webhook signing secret v1', 'utf8');

/** 256 random bits, base64url, behind a prefix that says what it is (as `sme_` does for keys). */
export function generateSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** A short, public name of an encryption key (a hash prefix): which key sealed a secret. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

/** iv ‖ tag ‖ ciphertext. */
export function sealSecret(key: Buffer, secret: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(PURPOSE);
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]);
}

export class SecretUnreadable extends Error {}

export function openSecret(key: Buffer, keyId: string, sealed: Buffer): string {
  if (keyId !== keyIdOf(key)) {
    throw new SecretUnreadable(
      'the signing secret was encrypted under another WEBHOOK_SECRET_KEY: restore that key, or delete and re-create the subscription',
    );
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES))
      .setAAD(PURPOSE)
      .setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([
      decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    throw new SecretUnreadable('the stored signing secret is damaged: re-create the subscription');
  }
}
