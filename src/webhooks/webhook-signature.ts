// How every delivery is signed, in the words the README gives partners: a timestamp header (Unix
// seconds) and a signature header, the hex HMAC-SHA256 of `<timestamp>.<raw body>` keyed with
// the secret's UTF-8 bytes. The client kit's verifier (clients/typescript/webhooks.ts) is its
// mirror; a test checks that each accepts what the other makes.
import { createHmac } from 'node:crypto';

/** Header names, as sent (HTTP header names are case-insensitive). */
export const WEBHOOK_HEADERS = {
  /** The delivery's id, the same on every attempt: receivers deduplicate by it. */
  id: 'SME-Webhook-Id',
  event: 'SME-Webhook-Event',
  /** Unix seconds when this attempt was signed. */
  timestamp: 'SME-Webhook-Timestamp',
  /** Hex HMAC-SHA256 of `<timestamp>.<raw body>`. */
  signature: 'SME-Webhook-Signature',
  /** 1 for the first attempt, 2 for the first retry … */
  attempt: 'SME-Webhook-Attempt',
} as const;

export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', Buffer.from(secret, 'utf8'))
    .update(`${timestamp}.${body}`, 'utf8')
    .digest('hex');
}
